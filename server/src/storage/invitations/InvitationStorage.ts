/** Invitation links: records and port. */
import type { CaseRole } from '../../../../shared/src/policy/access.js'
import type { AuditOf } from '../audit/AuditStorage.js'
import type { MemberRecord } from '../members/MemberStorage.js'
import type { UserRecord } from '../users/UserStorage.js'

/** An invitation link; the token itself is never stored, only its SHA-256. */
export interface InvitationRecord {
  id: string
  caseId: string
  tokenHash: string
  role: CaseRole
  createdAt: string
  /** User id of the coach who created it. */
  createdBy: string
  expiresAt: string
  acceptedAt: string | null
  /** User id of the account that used it. */
  acceptedBy: string | null
  revokedAt: string | null
  /** Failed accepts counted since {@link failedAcceptsSince} (issue 17: at most 5 an hour). */
  failedAccepts: number
  /** Start of the hour the failed accepts are counted in, or null. */
  failedAcceptsSince: string | null
}

/** An invitation with the names of its creator and of the person who used it. */
export interface InvitationWithNames extends InvitationRecord {
  createdByName: string
  acceptedByName: string | null
}

/** Outcome of {@link InvitationStorage.acceptInvitation}. */
export type AcceptOutcome = 'accepted' | 'invalid' | 'emailTaken' | 'alreadyMember'

/** Invitation links. */
export interface InvitationStorage {
  /** Inserts an invitation with `audit`. */
  createInvitation(invitation: InvitationRecord, audit?: AuditOf): Promise<void>
  /** A case's invitations, newest first. */
  listInvitations(caseId: string): Promise<InvitationWithNames[]>
  findInvitationByTokenHash(tokenHash: string): Promise<InvitationWithNames | null>
  /**
   * Withdraws an open invitation, with `audit`; 'used' when it was accepted
   * already (nothing written). A withdrawn one stays withdrawn (`audit` is
   * written again).
   */
  revokeInvitation(caseId: string, invitationId: string, now: string, audit?: AuditOf): Promise<'revoked' | 'notFound' | 'used'>
  /**
   * In one transaction: creates `newUser` (when given), marks the invitation
   * used (only if it is still open at `now`), adds the member and writes
   * `audit`. Nothing is written unless all of it succeeds, so of two
   * concurrent accepts exactly one wins.
   */
  /**
   * Counts a failed accept: the count restarts at 1 when the counting hour
   * began at or before `windowStart`. Resolves with the new count and the
   * start of its hour. `audit` is written in the same transaction.
   */
  recordFailedAccept(invitationId: string, now: string, windowStart: string, audit?: AuditOf): Promise<{ failedAccepts: number; since: string }>
  /**
   * Gives an open (not used, not withdrawn) invitation a new token and end
   * date and clears its failed accepts, with `audit`; the old token stops
   * working. 'used' / 'revoked': nothing written.
   */
  renewInvitation(input: { caseId: string; invitationId: string; tokenHash: string; expiresAt: string; audit?: AuditOf }): Promise<'renewed' | 'notFound' | 'used' | 'revoked'>
  acceptInvitation(input: { invitationId: string; now: string; newUser: UserRecord | null; member: MemberRecord; audit?: AuditOf }): Promise<AcceptOutcome>
}
