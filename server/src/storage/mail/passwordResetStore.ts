/** Password-reset tokens on either backend: the password_resets table and its SQL. */
import { insertAuditOf } from '../audit/auditStore.js'
import { deleteSessionsOf } from '../sessions/sessionStore.js'
import type { Dialect } from '../sql/Dialect.js'
import { get, run } from '../sql/query.js'
import type { StoreContext } from '../StoreContext.js'
import type { PasswordResetStorage } from './MailStorage.js'

const SQL_INSERT = 'INSERT INTO password_resets (token_hash, user_id, created_at, expires_at, used_at) VALUES (?, ?, ?, ?, ?)'
const SQL_LOCK_OPEN = (d: Dialect): string => `SELECT user_id FROM password_resets
  WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?${d.forUpdate}`
const SQL_OPEN = 'SELECT user_id FROM password_resets WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?'
const SQL_USE = 'UPDATE password_resets SET used_at = ? WHERE token_hash = ? AND used_at IS NULL'
// Every other open token of the account ends with the reset too.
const SQL_END_OTHERS = 'UPDATE password_resets SET used_at = ? WHERE user_id = ? AND used_at IS NULL'
const SQL_SET_PASSWORD = "UPDATE users SET password_hash = ? WHERE id = ? AND active = TRUE"

/** {@link PasswordResetStorage} on either backend. */
export function createPasswordResetStore({ db }: StoreContext): PasswordResetStorage {
  return {
    async createPasswordReset(r) {
      await db.query(run(SQL_INSERT, r.tokenHash, r.userId, r.createdAt, r.expiresAt, r.usedAt))
    },

    findOpenPasswordReset: async (tokenHash, now) => (await db.query(get<{ user_id: string }>(SQL_OPEN, tokenHash, now)))?.user_id ?? null,

    usePasswordReset: (tokenHash, now, passwordHash, audit) =>
      db.transaction(
        function* () {
          const row = yield* get<{ user_id: string }>(SQL_LOCK_OPEN, tokenHash, now)
          if (!row || (yield* run(SQL_USE, now, tokenHash)).changes !== 1) {
            return null
          }
          yield* run(SQL_END_OTHERS, now, row.user_id)
          if ((yield* run(SQL_SET_PASSWORD, passwordHash, row.user_id)).changes !== 1) {
            // A deactivated account: the token is used up, the password stays.
            return null
          }
          yield* deleteSessionsOf(row.user_id)
          yield* insertAuditOf(audit, row.user_id)
          return row.user_id
        },
        { immediate: true },
      ),
  }
}
