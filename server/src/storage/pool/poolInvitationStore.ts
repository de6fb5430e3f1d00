/**
 * Invitations of freelance job coaches to the pool (issue 20 point 1) on
 * either backend. The invitee's name and address are one JSON column
 * sealed with the invitation's own key; using or withdrawing the link
 * empties it (the command destroys the key after).
 */
import { insertAuditOf } from '../audit/auditStore.js'
import type { Dialect } from '../sql/Dialect.js'
import { all, get, run, Rollback } from '../sql/query.js'
import type { StoreContext } from '../StoreContext.js'
import { insertUser } from '../users/userStore.js'
import type { PoolAcceptOutcome, PoolInvitationStorage, PoolInvitationWithNames, PoolInviteeDetails } from './PoolInvitationStorage.js'
import { insertApplication, sealApplicationDetails } from './poolStore.js'

interface PoolInvitationRow {
  id: string
  token_hash: string
  details: string
  created_by: string
  created_at: string
  expires_at: string
  accepted_at: string | null
  accepted_by: string | null
  revoked_at: string | null
  created_by_name: string
  accepted_by_name: string | null
}

const SQL_INSERT = `INSERT INTO pool_invitations (id, token_hash, details, created_by, created_at, expires_at, accepted_at, accepted_by, revoked_at)
  VALUES (?, ?, ?, ?, ?, ?, NULL, NULL, NULL)`
const SQL_WITH_NAMES = `SELECT i.*, c.name AS created_by_name, a.name AS accepted_by_name
  FROM pool_invitations i JOIN users c ON c.id = i.created_by LEFT JOIN users a ON a.id = i.accepted_by`
const SQL_LOCK = (d: Dialect): string => `SELECT accepted_at FROM pool_invitations WHERE id = ?${d.forUpdate}`
const SQL_REVOKE = "UPDATE pool_invitations SET revoked_at = ?, details = '' WHERE id = ? AND accepted_at IS NULL"
const SQL_LOCK_OPEN = (d: Dialect): string =>
  `SELECT 1 AS open FROM pool_invitations WHERE id = ? AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > ?${d.forUpdate}`
const SQL_USE = `UPDATE pool_invitations SET accepted_at = ?, accepted_by = ?, details = ''
  WHERE id = ? AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > ?`
const SQL_EXPIRED_WITH_INVITEE = `SELECT id FROM pool_invitations
  WHERE accepted_at IS NULL AND revoked_at IS NULL AND expires_at < ? AND details <> '' ORDER BY id`
const SQL_FORGET_INVITEE = "UPDATE pool_invitations SET details = '' WHERE id = ? AND accepted_at IS NULL"
const SQL_ACCEPTED_BY = 'SELECT 1 AS found FROM pool_invitations WHERE accepted_by = ?'

/** {@link PoolInvitationStorage} on either backend. */
export function createPoolInvitationStore({ db, atRest }: StoreContext): PoolInvitationStorage {
  /** The rows with their invitees opened; a used or withdrawn one has none. */
  const withInvitees = async (rows: PoolInvitationRow[]): Promise<PoolInvitationWithNames[]> => {
    const sealed = rows.filter((row) => row.details !== '').map((row) => ({ id: row.id, owner: row.id, details: row.details }))
    const opened = new Map((await atRest.openPoolRows('pool_invitations', sealed)).map((row) => [row.id, JSON.parse(row.details) as PoolInviteeDetails]))
    return rows.map((row) => ({
      id: row.id,
      tokenHash: row.token_hash,
      invitee: opened.get(row.id) ?? null,
      createdBy: row.created_by,
      createdAt: row.created_at,
      expiresAt: row.expires_at,
      acceptedAt: row.accepted_at,
      acceptedBy: row.accepted_by,
      revokedAt: row.revoked_at,
      createdByName: row.created_by_name,
      acceptedByName: row.accepted_by_name,
    }))
  }

  return {
    async createPoolInvitation(invitation, audit) {
      const sealed = await atRest.sealPoolDetails('pool_invitations', invitation.id, invitation.id, JSON.stringify(invitation.invitee))
      await db.transaction(function* () {
        yield* run(SQL_INSERT, invitation.id, invitation.tokenHash, sealed, invitation.createdBy, invitation.createdAt, invitation.expiresAt)
        yield* insertAuditOf(audit, undefined)
      })
    },

    listPoolInvitations: async () => withInvitees(await db.query(all<PoolInvitationRow>(`${SQL_WITH_NAMES} ORDER BY i.created_at DESC, i.id`))),

    findPoolInvitationByTokenHash: async (tokenHash) => (await withInvitees(await db.query(all<PoolInvitationRow>(`${SQL_WITH_NAMES} WHERE i.token_hash = ?`, tokenHash))))[0] ?? null,

    revokePoolInvitation: (id, now, audit) =>
      db.transaction(function* () {
        const row = yield* get<{ accepted_at: string | null }>(SQL_LOCK, id)
        if (row === undefined) {
          return 'notFound' as const
        }
        if (row.accepted_at !== null) {
          return 'used' as const
        }
        yield* run(SQL_REVOKE, now, id)
        yield* insertAuditOf(audit, undefined)
        return 'revoked' as const
      }),

    async acceptPoolInvitation({ invitationId, now, user, application, audit }) {
      const sealed = await sealApplicationDetails(atRest, application)
      return db.transaction<PoolAcceptOutcome>(
        function* () {
          // Checked (and locked) first: a used link tells nothing about which addresses have accounts.
          if ((yield* get(SQL_LOCK_OPEN, invitationId, now)) === undefined) {
            throw new Rollback('invalid')
          }
          if (!(yield* insertUser(user))) {
            throw new Rollback('emailTaken')
          }
          if ((yield* run(SQL_USE, now, user.id, invitationId, now)).changes !== 1) {
            throw new Rollback('invalid')
          }
          yield* insertApplication(application, sealed)
          yield* insertAuditOf(audit, undefined)
          return 'accepted'
        },
        { immediate: true },
      )
    },

    forgetExpiredPoolInvitees: async (expiredBefore) =>
      db.transaction(function* () {
        const rows = yield* all<{ id: string }>(SQL_EXPIRED_WITH_INVITEE, expiredBefore)
        for (const row of rows) {
          yield* run(SQL_FORGET_INVITEE, row.id)
        }
        return rows.map((row) => row.id)
      }),

    findPoolInvitationAcceptedBy: async (userId) => (await withInvitees(await db.query(all<PoolInvitationRow>(`${SQL_WITH_NAMES} WHERE i.accepted_by = ?`, userId))))[0] ?? null,

    isInvitedPoolApplicant: async (userId) => (await db.query(all(SQL_ACCEPTED_BY, userId))).length > 0,
  }
}
