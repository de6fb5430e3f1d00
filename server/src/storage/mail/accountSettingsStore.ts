/** Per-account mail settings on either backend: the account_settings table and its SQL. */
import { get, run } from '../sql/query.js'
import type { StoreContext } from '../StoreContext.js'
import type { AccountSettingsStorage } from './MailStorage.js'

const SQL_GET = 'SELECT digest_enabled, last_digest_on FROM account_settings WHERE user_id = ?'
const SQL_SET_DIGEST = `INSERT INTO account_settings (user_id, digest_enabled) VALUES (?, ?)
  ON CONFLICT (user_id) DO UPDATE SET digest_enabled = excluded.digest_enabled`
// Of several processes sweeping at once, exactly one moves the day forward.
const SQL_CLAIM_DAY = `INSERT INTO account_settings (user_id, last_digest_on) VALUES (?, ?)
  ON CONFLICT (user_id) DO UPDATE SET last_digest_on = excluded.last_digest_on
  WHERE account_settings.last_digest_on IS NULL OR account_settings.last_digest_on < excluded.last_digest_on`

/** {@link AccountSettingsStorage} on either backend. */
export function createAccountSettingsStore({ db }: StoreContext): AccountSettingsStorage {
  return {
    async accountSettings(userId) {
      const row = await db.query(get<{ digest_enabled: boolean | number; last_digest_on: string | null }>(SQL_GET, userId))
      return { digestEnabled: row ? Boolean(row.digest_enabled) : true, lastDigestOn: row?.last_digest_on ?? null }
    },
    async setDigestEnabled(userId, enabled) {
      await db.query(run(SQL_SET_DIGEST, userId, enabled))
    },
    claimDigestDay: async (userId, day) => (await db.query(run(SQL_CLAIM_DAY, userId, day))).changes === 1,
  }
}
