/** Invitation links on either backend: the invitations table, its row and its SQL. */
import { insertAuditOf } from '../audit/auditStore.js'
import { insertMember } from '../members/memberStore.js'
import type { Dialect } from '../sql/Dialect.js'
import { all, get, run, Rollback } from '../sql/query.js'
import type { StoreContext } from '../StoreContext.js'
import { insertUser } from '../users/userStore.js'
import type { AcceptOutcome, InvitationStorage, InvitationWithNames } from './InvitationStorage.js'

const SQL_INSERT_INVITATION = `INSERT INTO invitations
  (id, case_id, token_hash, role, created_at, created_by, expires_at, accepted_at, accepted_by, revoked_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
const SQL_INVITATIONS_WITH_NAMES = `SELECT i.*, c.name AS created_by_name, a.name AS accepted_by_name
  FROM invitations i JOIN users c ON c.id = i.created_by LEFT JOIN users a ON a.id = i.accepted_by`
const SQL_INVITATIONS_OF_CASE = `${SQL_INVITATIONS_WITH_NAMES} WHERE i.case_id = ? ORDER BY i.created_at DESC, i.id`
const SQL_INVITATION_BY_TOKEN = `${SQL_INVITATIONS_WITH_NAMES} WHERE i.token_hash = ?`
const SQL_LOCK_INVITATION = (d: Dialect): string => `SELECT accepted_at FROM invitations WHERE case_id = ? AND id = ?${d.forUpdate}`
const SQL_REVOKE_INVITATION = 'UPDATE invitations SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL AND accepted_at IS NULL'
const SQL_LOCK_OPEN_INVITATION = (d: Dialect): string => `SELECT 1 AS open FROM invitations
  WHERE id = ? AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > ?${d.forUpdate}`
const SQL_RECORD_FAILED_ACCEPT = `UPDATE invitations SET
  failed_accepts = CASE WHEN failed_accepts_since IS NULL OR failed_accepts_since <= ? THEN 1 ELSE failed_accepts + 1 END,
  failed_accepts_since = CASE WHEN failed_accepts_since IS NULL OR failed_accepts_since <= ? THEN ? ELSE failed_accepts_since END
  WHERE id = ?`
const SQL_FAILED_ACCEPTS = 'SELECT failed_accepts, failed_accepts_since FROM invitations WHERE id = ?'
const SQL_LOCK_FOR_RENEWAL = (d: Dialect): string => `SELECT accepted_at, revoked_at FROM invitations WHERE case_id = ? AND id = ?${d.forUpdate}`
const SQL_RENEW_INVITATION = 'UPDATE invitations SET token_hash = ?, expires_at = ?, failed_accepts = 0, failed_accepts_since = NULL WHERE id = ?'
const SQL_USE_INVITATION = `UPDATE invitations SET accepted_at = ?, accepted_by = ?
  WHERE id = ? AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > ?`

/** An invitations row with the names of its creator and of the person who used it. */
interface InvitationRow {
  id: string
  case_id: string
  token_hash: string
  role: InvitationWithNames['role']
  created_at: string
  created_by: string
  expires_at: string
  accepted_at: string | null
  accepted_by: string | null
  revoked_at: string | null
  failed_accepts: number
  failed_accepts_since: string | null
  created_by_name: string
  accepted_by_name: string | null
}

function toInvitation(row: InvitationRow): InvitationWithNames {
  return {
    id: row.id,
    caseId: row.case_id,
    tokenHash: row.token_hash,
    role: row.role,
    createdAt: row.created_at,
    createdBy: row.created_by,
    expiresAt: row.expires_at,
    acceptedAt: row.accepted_at,
    acceptedBy: row.accepted_by,
    revokedAt: row.revoked_at,
    // PostgreSQL's driver may hand back numbers from expressions as strings.
    failedAccepts: Number(row.failed_accepts),
    failedAcceptsSince: row.failed_accepts_since,
    createdByName: row.created_by_name,
    acceptedByName: row.accepted_by_name,
  }
}

/** {@link InvitationStorage} on either backend. */
export function createInvitationStore({ db }: StoreContext): InvitationStorage {
  return {
    async createInvitation(i, audit) {
      await db.transaction(function* () {
        yield* run(SQL_INSERT_INVITATION, i.id, i.caseId, i.tokenHash, i.role, i.createdAt, i.createdBy, i.expiresAt, i.acceptedAt, i.acceptedBy, i.revokedAt)
        yield* insertAuditOf(audit, undefined)
      })
    },

    listInvitations: async (caseId) => (await db.query(all<InvitationRow>(SQL_INVITATIONS_OF_CASE, caseId))).map(toInvitation),

    async findInvitationByTokenHash(tokenHash) {
      const row = await db.query(get<InvitationRow>(SQL_INVITATION_BY_TOKEN, tokenHash))
      return row ? toInvitation(row) : null
    },

    revokeInvitation: (caseId, invitationId, now, audit) =>
      db.transaction(function* () {
        const row = yield* get<{ accepted_at: string | null }>(SQL_LOCK_INVITATION, caseId, invitationId)
        if (!row) {
          return 'notFound' as const
        }
        if (row.accepted_at !== null) {
          return 'used' as const
        }
        yield* run(SQL_REVOKE_INVITATION, now, invitationId)
        yield* insertAuditOf(audit, undefined)
        return 'revoked' as const
      }),

    async recordFailedAccept(invitationId, now, windowStart, audit) {
      return db.transaction(function* () {
        yield* run(SQL_RECORD_FAILED_ACCEPT, windowStart, windowStart, now, invitationId)
        yield* insertAuditOf(audit, undefined)
        const row = yield* get<{ failed_accepts: number; failed_accepts_since: string | null }>(SQL_FAILED_ACCEPTS, invitationId)
        return { failedAccepts: Number(row?.failed_accepts ?? 0), since: row?.failed_accepts_since ?? now }
      })
    },

    renewInvitation: ({ caseId, invitationId, tokenHash, expiresAt, audit }) =>
      db.transaction(function* () {
        const row = yield* get<{ accepted_at: string | null; revoked_at: string | null }>(SQL_LOCK_FOR_RENEWAL, caseId, invitationId)
        if (!row) {
          return 'notFound' as const
        }
        if (row.accepted_at !== null) {
          return 'used' as const
        }
        if (row.revoked_at !== null) {
          return 'revoked' as const
        }
        yield* run(SQL_RENEW_INVITATION, tokenHash, expiresAt, invitationId)
        yield* insertAuditOf(audit, undefined)
        return 'renewed' as const
      }),

    acceptInvitation: ({ invitationId, now, newUser, member, audit }) =>
      db.transaction<AcceptOutcome>(
        function* () {
          // Checked (and locked) first, so a used link tells nothing about which
          // e-mail addresses have accounts, and a concurrent accept waits here.
          if ((yield* get(SQL_LOCK_OPEN_INVITATION, invitationId, now)) === undefined) {
            throw new Rollback('invalid')
          }
          if (newUser && !(yield* insertUser(newUser))) {
            throw new Rollback('emailTaken')
          }
          if ((yield* run(SQL_USE_INVITATION, now, member.userId, invitationId, now)).changes !== 1) {
            throw new Rollback('invalid')
          }
          if (!(yield* insertMember(member))) {
            throw new Rollback('alreadyMember')
          }
          yield* insertAuditOf(audit, undefined)
          return 'accepted'
        },
        { immediate: true },
      ),
  }
}
