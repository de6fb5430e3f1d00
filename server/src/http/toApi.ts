/** Maps storage records to the API shapes of shared/src/api (never a password hash). */
import type { CaseSummary, Member } from '../../../shared/src/api/cases.js'
import type { User } from '../../../shared/src/api/users.js'
import type { CaseRole } from '../../../shared/src/policy/access.js'
import type { CaseRecord, MemberWithUser, UserRecord } from '../storage/Storage.js'

/** A user as the API returns it. */
export function toApiUser(user: UserRecord): User {
  return { id: user.id, name: user.name, email: user.email, kind: user.kind, isAdmin: user.isAdmin, active: user.active }
}

/** A case as listed, with the caller's role. */
export function toCaseSummary(record: CaseRecord, myRole: CaseRole): CaseSummary {
  return {
    id: record.id,
    title: record.title,
    type: record.type,
    employerCanEdit: record.employerCanEdit,
    createdAt: record.createdAt,
    myRole,
  }
}

/** A member with name and e-mail. */
export function toApiMember(member: MemberWithUser): Member {
  return {
    id: member.id,
    userId: member.userId,
    name: member.name,
    email: member.email,
    role: member.role,
    addedAt: member.addedAt,
  }
}
