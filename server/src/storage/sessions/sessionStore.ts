/** Login sessions on either backend: the sessions table and its SQL. */
import { insertAuditOf } from '../audit/auditStore.js'
import { get, run } from '../sql/query.js'
import type { StoreContext } from '../StoreContext.js'
import { deleteSessionsOf } from '../users/endSessions.js'
import { toUser, type UserRow } from '../users/userRows.js'
import type { SessionStorage } from './SessionStorage.js'

const SQL_INSERT_SESSION = 'INSERT INTO sessions (token_hash, user_id, created_at, expires_at, last_seen_at) VALUES (?, ?, ?, ?, ?)'
const SQL_ACTIVE_SESSION = `SELECT s.token_hash, s.user_id, s.created_at AS s_created_at, s.expires_at,
  COALESCE(s.last_seen_at, s.created_at) AS last_seen_at, u.*
  FROM sessions s JOIN users u ON u.id = s.user_id
  WHERE s.token_hash = ? AND s.expires_at > ? AND COALESCE(s.last_seen_at, s.created_at) > ? AND u.active = TRUE`
const SQL_TOUCH_SESSION = 'UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?'
const SQL_DELETE_SESSION = 'DELETE FROM sessions WHERE token_hash = ?'
const SQL_DELETE_EXPIRED_SESSIONS = 'DELETE FROM sessions WHERE expires_at <= ? OR COALESCE(last_seen_at, created_at) <= ?'

/** A session joined with its user's row. */
interface ActiveSessionRow extends UserRow {
  token_hash: string
  user_id: string
  s_created_at: string
  expires_at: string
  last_seen_at: string
}

/** {@link SessionStorage} on either backend. */
export function createSessionStore({ db }: StoreContext): SessionStorage {
  return {
    async createSession(session, audit) {
      await db.transaction(function* () {
        yield* run(SQL_INSERT_SESSION, session.tokenHash, session.userId, session.createdAt, session.expiresAt, session.lastSeenAt)
        yield* insertAuditOf(audit, undefined)
      })
    },

    async findActiveSession(tokenHash, now, idleSince) {
      const row = await db.query(get<ActiveSessionRow>(SQL_ACTIVE_SESSION, tokenHash, now.toISOString(), idleSince.toISOString()))
      if (!row) {
        return null
      }
      return {
        session: { tokenHash: row.token_hash, userId: row.user_id, createdAt: row.s_created_at, expiresAt: row.expires_at, lastSeenAt: row.last_seen_at },
        user: toUser(row),
      }
    },

    async touchSession(tokenHash, now) {
      await db.query(run(SQL_TOUCH_SESSION, now.toISOString(), tokenHash))
    },

    async deleteSession(tokenHash) {
      await db.query(run(SQL_DELETE_SESSION, tokenHash))
    },

    deleteSessionsOfUser: (userId) => db.query(deleteSessionsOf(userId)),

    async deleteExpiredSessions(now, idleSince) {
      await db.query(run(SQL_DELETE_EXPIRED_SESSIONS, now.toISOString(), idleSince.toISOString()))
    },
  }
}
