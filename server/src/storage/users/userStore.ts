/** Accounts on either backend: the users table, its row and its SQL. */
import { insertAuditOf } from '../audit/auditStore.js'
import { all, count, get, lock, run, Rollback, type Query } from '../sql/query.js'
import type { StoreContext } from '../StoreContext.js'
import { deleteSessionsOf } from './endSessions.js'
import { toUser, type UserRow } from './userRows.js'
import type { UserChanges, UserRecord, UserStorage } from './UserStorage.js'

const SQL_COUNT_USERS = 'SELECT CAST(COUNT(*) AS INTEGER) AS n FROM users'
const SQL_INSERT_USER = `INSERT INTO users (id, name, email, password_hash, kind, is_admin, active, created_at, is_lead, staff_share_percent,
  is_billing, coach_rate_kind, coach_rate_cents, coach_rate_currency, is_coordinator, is_integrationsamt)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (email) DO NOTHING`
const SQL_USER_BY_EMAIL = 'SELECT * FROM users WHERE email = ?'
const SQL_USER_BY_ID = 'SELECT * FROM users WHERE id = ?'
const SQL_ACTIVE_STAFF = "SELECT * FROM users WHERE kind = 'staff' AND active = TRUE ORDER BY lower(name), id"
const SQL_ALL_USERS = 'SELECT * FROM users ORDER BY lower(name), id'
const SQL_UPDATE_USER = `UPDATE users SET name = COALESCE(?, name), active = COALESCE(?, active),
  is_admin = COALESCE(?, is_admin), is_lead = COALESCE(?, is_lead), staff_share_percent = COALESCE(?, staff_share_percent),
  is_billing = COALESCE(?, is_billing), is_coordinator = COALESCE(?, is_coordinator), is_integrationsamt = COALESCE(?, is_integrationsamt) WHERE id = ?`
// A coach's rate is set or cleared as a whole (null clears it).
const SQL_SET_COACH_RATE = 'UPDATE users SET coach_rate_kind = ?, coach_rate_cents = ?, coach_rate_currency = ? WHERE id = ?'
const SQL_COUNT_ACTIVE_ADMINS = 'SELECT CAST(COUNT(*) AS INTEGER) AS n FROM users WHERE is_admin = TRUE AND active = TRUE'
const SQL_SET_PASSWORD = 'UPDATE users SET password_hash = ? WHERE id = ?'

/** Inserts a user unless the e-mail is taken; whether it did (inside an operation). */
export function* insertUser(user: UserRecord): Query<boolean> {
  const rate = user.coachRate
  const result = yield* run(
    SQL_INSERT_USER,
    user.id,
    user.name,
    user.email,
    user.passwordHash,
    user.kind,
    user.isAdmin,
    user.active,
    user.createdAt,
    user.isLead,
    user.staffSharePercent,
    user.isBilling,
    rate?.kind ?? null,
    rate?.cents ?? null,
    rate?.currency ?? null,
    user.isCoordinator ?? false,
    user.isIntegrationsamt ?? false,
  )
  return result.changes === 1
}

/** {@link UserStorage} on either backend. */
export function createUserStore({ db }: StoreContext): UserStorage {
  return {
    countUsers: () => db.query(count(SQL_COUNT_USERS)),

    createFirstUser: (user) =>
      db.transaction(function* () {
        yield* lock('accounts')
        if ((yield* count(SQL_COUNT_USERS)) > 0) {
          return false
        }
        return yield* insertUser(user)
      }),

    createUser: (user) => db.query(insertUser(user)),

    async findUserByEmail(email) {
      const row = await db.query(get<UserRow>(SQL_USER_BY_EMAIL, email))
      return row ? toUser(row) : null
    },

    async findUserById(id) {
      const row = await db.query(get<UserRow>(SQL_USER_BY_ID, id))
      return row ? toUser(row) : null
    },

    listActiveStaff: async () => (await db.query(all<UserRow>(SQL_ACTIVE_STAFF))).map(toUser),

    listAllUsers: async () => (await db.query(all<UserRow>(SQL_ALL_USERS))).map(toUser),

    updateUser: (id: string, changes: UserChanges, audit) =>
      db.transaction(
        function* () {
          // Two admins demoting each other at once must not both succeed.
          yield* lock('accounts')
          const result = yield* run(
            SQL_UPDATE_USER,
            changes.name ?? null,
            changes.active ?? null,
            changes.isAdmin ?? null,
            changes.isLead ?? null,
            changes.staffSharePercent ?? null,
            changes.isBilling ?? null,
            changes.isCoordinator ?? null,
            changes.isIntegrationsamt ?? null,
            id,
          )
          if (result.changes === 0) {
            return 'notFound' as const
          }
          if (changes.coachRate !== undefined) {
            const rate = changes.coachRate
            yield* run(SQL_SET_COACH_RATE, rate?.kind ?? null, rate?.cents ?? null, rate?.currency ?? null, id)
          }
          if ((yield* count(SQL_COUNT_ACTIVE_ADMINS)) === 0) {
            throw new Rollback('lastAdmin' as const)
          }
          if (changes.active === false) {
            yield* deleteSessionsOf(id)
          }
          yield* insertAuditOf(audit, undefined)
          return 'updated' as const
        },
        { immediate: true },
      ),

    setPasswordHash: (id, passwordHash, audit) =>
      db.transaction(function* () {
        if ((yield* run(SQL_SET_PASSWORD, passwordHash, id)).changes === 0) {
          return false
        }
        yield* deleteSessionsOf(id)
        yield* insertAuditOf(audit, undefined)
        return true
      }),
  }
}
