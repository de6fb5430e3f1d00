/** Memberships of users in cases: records and port. */
import type { CaseRole } from '../../../../shared/src/policy/access.js'
import type { AuditOf } from '../audit/AuditStorage.js'
import type { LapsedConsent } from '../consents/ConsentStorage.js'

/** A membership of a user in a case. */
export interface MemberRecord {
  id: string
  caseId: string
  userId: string
  role: CaseRole
  addedAt: string
}

/** A member with the user's name and e-mail, as the API lists them. */
export interface MemberWithUser extends MemberRecord {
  name: string
  email: string
}

/** What {@link MemberStorage.removeMember} did: the membership it deleted and the grants it revoked with it. */
export interface RemovedMember {
  member: MemberRecord
  revokedConsents: LapsedConsent[]
}

/** The members of cases. */
export interface MemberStorage {
  findMember(caseId: string, userId: string): Promise<MemberRecord | null>
  listMembers(caseId: string): Promise<MemberWithUser[]>
  /** Every membership of `role` in any case (the team lead's overview: every case's coaches). */
  listMembersWithRole(role: CaseRole): Promise<MemberWithUser[]>
  /** Inserts a member with `audit`; false (nothing written) when the user already is one. */
  addMember(member: MemberRecord, audit?: AuditOf): Promise<boolean>
  /**
   * Removes a member unless it is the case's last coach, in one transaction
   * with the revocation (at `ended.at` by `ended.by`) of the member's unended
   * consent grants (a grant names a membership, and a member who leaves
   * keeps none) and with `audit`.
   */
  removeMember(caseId: string, memberId: string, ended: { at: string; by: string }, audit?: AuditOf<RemovedMember>): Promise<'removed' | 'notFound' | 'lastCoach'>
  /**
   * A team lead's change of coaches (issue 22), in one transaction with
   * `audit`: adds `coach` (a coach membership) and, when `replacedMemberId`
   * is given, removes that coach with their consent grants (as
   * {@link removeMember}). 'alreadyMember': the new coach is a member of
   * the case already; 'notFound': the replaced member is no coach of it.
   */
  assignCoach(
    coach: MemberRecord,
    replacedMemberId: string | null,
    ended: { at: string; by: string },
    audit?: AuditOf<RemovedMember | null>,
  ): Promise<'assigned' | 'alreadyMember' | 'notFound'>
}
