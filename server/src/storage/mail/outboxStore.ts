/** The mail outbox on either backend: the mail_outbox table, its row and its SQL. */
import { all, run } from '../sql/query.js'
import type { StoreContext } from '../StoreContext.js'
import type { OutboxRecord, OutboxStorage } from './MailStorage.js'

const SQL_INSERT = `INSERT INTO mail_outbox
  (id, kind, recipient, subject, body, created_at, attempts, next_attempt_at, sent_at, failed_at, last_error)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
const SQL_DUE = 'SELECT * FROM mail_outbox WHERE next_attempt_at IS NOT NULL AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?'
const SQL_CLAIM = 'UPDATE mail_outbox SET next_attempt_at = ? WHERE id = ? AND next_attempt_at = ?'
const SQL_SENT = "UPDATE mail_outbox SET sent_at = ?, next_attempt_at = NULL, body = '', attempts = attempts + 1, last_error = NULL WHERE id = ?"
const SQL_RETRY = 'UPDATE mail_outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?'
const SQL_GIVE_UP = "UPDATE mail_outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = NULL, failed_at = ?, body = '' WHERE id = ?"
const SQL_DELETE_FINISHED = 'DELETE FROM mail_outbox WHERE next_attempt_at IS NULL AND created_at < ?'
const SQL_LIST = 'SELECT * FROM mail_outbox ORDER BY created_at DESC, id LIMIT ?'

interface OutboxRow {
  id: string
  kind: OutboxRecord['kind']
  recipient: string
  subject: string
  body: string
  created_at: string
  attempts: number | string
  next_attempt_at: string | null
  sent_at: string | null
  failed_at: string | null
  last_error: string | null
}

function toRecord(row: OutboxRow): OutboxRecord {
  return {
    id: row.id,
    kind: row.kind,
    recipient: row.recipient,
    subject: row.subject,
    body: row.body,
    createdAt: row.created_at,
    attempts: Number(row.attempts),
    nextAttemptAt: row.next_attempt_at,
    sentAt: row.sent_at,
    failedAt: row.failed_at,
    lastError: row.last_error,
  }
}

/** {@link OutboxStorage} on either backend. */
export function createOutboxStore({ db }: StoreContext): OutboxStorage {
  return {
    async enqueueMail(m) {
      await db.query(run(SQL_INSERT, m.id, m.kind, m.recipient, m.subject, m.body, m.createdAt, m.attempts, m.nextAttemptAt, m.sentAt, m.failedAt, m.lastError))
    },
    dueMails: async (now, limit) => (await db.query(all<OutboxRow>(SQL_DUE, now, limit))).map(toRecord),
    claimMail: async (id, expected, leaseUntil) => (await db.query(run(SQL_CLAIM, leaseUntil, id, expected))).changes === 1,
    async markMailSent(id, at) {
      await db.query(run(SQL_SENT, at, id))
    },
    async markMailFailed(id, at, error, nextAttemptAt) {
      await db.query(nextAttemptAt === null ? run(SQL_GIVE_UP, error, at, id) : run(SQL_RETRY, error, nextAttemptAt, id))
    },
    deleteFinishedMailsBefore: async (before) => (await db.query(run(SQL_DELETE_FINISHED, before))).changes,
    listOutbox: async (limit) => (await db.query(all<OutboxRow>(SQL_LIST, limit))).map(toRecord),
  }
}
