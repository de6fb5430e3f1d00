/** Memberships of users in cases: records and port. */
import type { CaseRole } from '../../../../shared/src/policy/access.js'

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

/** The members of cases. */
export interface MemberStorage {
  findMember(caseId: string, userId: string): Promise<MemberRecord | null>
  listMembers(caseId: string): Promise<MemberWithUser[]>
  /** Inserts a member; false when the user already is one. */
  addMember(member: MemberRecord): Promise<boolean>
  /** Removes a member unless it is the case's last coach. */
  removeMember(caseId: string, memberId: string): Promise<'removed' | 'notFound' | 'lastCoach'>
}
