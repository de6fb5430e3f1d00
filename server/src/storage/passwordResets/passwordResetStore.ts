/** Password-reset links on either backend: the password_resets table, its row and its SQL. */
import { insertAuditOf } from '../audit/auditStore.js'
import type { Dialect } from '../sql/Dialect.js'
import { get, run, Rollback } from '../sql/query.js'
import type { StoreContext } from '../StoreContext.js'
import { deleteSessionsOf } from '../users/endSessions.js'
import type { PasswordResetStorage, PasswordResetWithName } from './PasswordResetStorage.js'

const SQL_VOID_OPEN_RESETS = 'UPDATE password_resets SET used_at = ? WHERE user_id = ? AND used_at IS NULL'
const SQL_INSERT_RESET = `INSERT INTO password_resets (token_hash, id, user_id, case_id, created_by, created_at, expires_at, used_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
const SQL_OPEN_RESET = `SELECT r.*, u.name AS user_name FROM password_resets r JOIN users u ON u.id = r.user_id
  WHERE r.token_hash = ? AND r.used_at IS NULL AND r.expires_at > ? AND u.active = TRUE`
const SQL_LOCK_OPEN_RESET = (d: Dialect): string => `SELECT r.user_id FROM password_resets r JOIN users u ON u.id = r.user_id
  WHERE r.token_hash = ? AND r.used_at IS NULL AND r.expires_at > ? AND u.active = TRUE${d.forUpdate}`
const SQL_USE_RESET = 'UPDATE password_resets SET used_at = ? WHERE token_hash = ? AND used_at IS NULL'
const SQL_SET_PASSWORD = 'UPDATE users SET password_hash = ? WHERE id = ?'

interface PasswordResetRow {
  token_hash: string
  id: string
  user_id: string
  case_id: string | null
  created_by: string | null
  created_at: string
  expires_at: string
  used_at: string | null
  user_name: string
}

function toPasswordReset(row: PasswordResetRow): PasswordResetWithName {
  return {
    id: row.id,
    tokenHash: row.token_hash,
    userId: row.user_id,
    caseId: row.case_id,
    createdBy: row.created_by,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    usedAt: row.used_at,
    userName: row.user_name,
  }
}

/** {@link PasswordResetStorage} on either backend. */
export function createPasswordResetStore({ db }: StoreContext): PasswordResetStorage {
  return {
    createPasswordReset: (r, audit) =>
      db.transaction(function* () {
        yield* run(SQL_VOID_OPEN_RESETS, r.createdAt, r.userId)
        yield* run(SQL_INSERT_RESET, r.tokenHash, r.id, r.userId, r.caseId, r.createdBy, r.createdAt, r.expiresAt, r.usedAt)
        yield* insertAuditOf(audit, undefined)
      }),

    async findOpenPasswordReset(tokenHash, now) {
      const row = await db.query(get<PasswordResetRow>(SQL_OPEN_RESET, tokenHash, now))
      return row ? toPasswordReset(row) : null
    },

    usePasswordReset: ({ tokenHash, now, passwordHash, audit }) =>
      db.transaction<{ userId: string } | 'invalid'>(
        function* () {
          const row = yield* get<{ user_id: string }>(SQL_LOCK_OPEN_RESET, tokenHash, now)
          if (row === undefined || (yield* run(SQL_USE_RESET, now, tokenHash)).changes !== 1) {
            throw new Rollback('invalid')
          }
          yield* run(SQL_SET_PASSWORD, passwordHash, row.user_id)
          yield* deleteSessionsOf(row.user_id)
          yield* insertAuditOf(audit, undefined)
          return { userId: row.user_id }
        },
        { immediate: true },
      ),
  }
}
