/** Invitations of freelance job coaches to the pool (issue 20 point 1): records and port. */
import type { AuditOf } from '../audit/AuditStorage.js'
import type { UserRecord } from '../users/UserStorage.js'
import type { ApplicationRecord } from './PoolStorage.js'

/** Whom the office invited: sealed while the link is open, gone once it is used or withdrawn. */
export interface PoolInviteeDetails {
  name: string
  email: string
}

/** A pool invitation; the token itself is never stored, only its SHA-256. */
export interface PoolInvitationRecord {
  id: string
  tokenHash: string
  /** Null once the link is used or withdrawn (the key is destroyed). */
  invitee: PoolInviteeDetails | null
  createdBy: string
  createdAt: string
  expiresAt: string
  acceptedAt: string | null
  acceptedBy: string | null
  revokedAt: string | null
}

/** An invitation with the names of its creator and of the account that used it. */
export interface PoolInvitationWithNames extends PoolInvitationRecord {
  createdByName: string
  acceptedByName: string | null
}

/** Outcome of {@link PoolInvitationStorage.acceptPoolInvitation}. */
export type PoolAcceptOutcome = 'accepted' | 'invalid' | 'emailTaken'

export interface PoolInvitationStorage {
  /** Inserts an invitation (its invitee sealed) with `audit`. */
  createPoolInvitation(invitation: PoolInvitationRecord, audit?: AuditOf): Promise<void>
  /** Every invitation, newest first. */
  listPoolInvitations(): Promise<PoolInvitationWithNames[]>
  findPoolInvitationByTokenHash(tokenHash: string): Promise<PoolInvitationWithNames | null>
  /** Withdraws an open invitation with `audit` and drops its invitee; 'used' when it was accepted (nothing written). */
  revokePoolInvitation(id: string, now: string, audit?: AuditOf): Promise<'revoked' | 'notFound' | 'used'>
  /**
   * In one transaction: uses the invitation (only if still open at `now`),
   * creates `user` and their draft `application`, drops the invitee
   * details and writes `audit`. Of two concurrent accepts exactly one wins.
   */
  acceptPoolInvitation(input: { invitationId: string; now: string; user: UserRecord; application: ApplicationRecord; audit?: AuditOf }): Promise<PoolAcceptOutcome>
  /**
   * Drops the invitee of every link that expired unused before `expiredBefore`
   * (its row stays: ids and instants); resolves with their ids, whose keys
   * the caller destroys.
   */
  forgetExpiredPoolInvitees(expiredBefore: string): Promise<string[]>
  /** The invitation the account was made with, if any (for the person's data export: ids and instants only once used). */
  findPoolInvitationAcceptedBy(userId: string): Promise<PoolInvitationWithNames | null>
  /** Whether the account was made with a pool invitation (an invited freelance applicant). */
  isInvitedPoolApplicant(userId: string): Promise<boolean>
}

/** The one lookup the case and request routes need: whether an account is an invited applicant. */
export type PoolApplicantLookup = Pick<PoolInvitationStorage, 'isInvitedPoolApplicant'>
