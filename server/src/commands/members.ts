/** Case members: add and remove, with the consent grants a leaving member loses. */
import { roleNeedsStaffAccount, type CaseRole } from '../../../shared/src/policy/access.js'
import { newId } from '../ids.js'
import type { Services } from '../services/Services.js'
import type { CaseRecord } from '../storage/cases/CaseStorage.js'
import type { ConsentStorage } from '../storage/consents/ConsentStorage.js'
import type { MemberStorage, MemberWithUser } from '../storage/members/MemberStorage.js'
import type { UserStorage } from '../storage/users/UserStorage.js'
import { auditEntry } from './audit.js'
import { assertCaseOpenFor } from './cases.js'
import { ConflictError, NotAllowedError, NotFoundError } from './errors.js'

/** Adds an active account to a case with `role`; resolves with the new member. */
export async function addMember(
  services: Services<MemberStorage & UserStorage>,
  record: CaseRecord,
  input: { userId: string; role: CaseRole },
  actorId: string,
): Promise<MemberWithUser> {
  assertCaseOpenFor(record, 'members.add')
  const added = await services.storage.findUserById(input.userId)
  if (!added || !added.active) {
    throw new NotFoundError('userNotFound', 'No such user')
  }
  // Coaches see everything of a case (notes, every confidential field):
  // only the provider's own staff can be one, never an external account.
  if (roleNeedsStaffAccount(input.role) && added.kind !== 'staff') {
    throw new NotAllowedError('coachMustBeStaff', 'Only staff accounts can be coaches of a case; add an external account as employer or coachee')
  }
  const now = services.clock()
  const member = { id: newId(), caseId: record.id, userId: added.id, role: input.role, addedAt: now.toISOString() }
  const audit = [auditEntry(record.id, 'memberAdded', actorId, now, { memberId: member.id, userId: added.id, role: member.role })]
  if (!(await services.storage.addMember(member, audit))) {
    throw new ConflictError('alreadyMember', 'This user is already a member of the case')
  }
  await services.accessChanged({ kind: 'membership', caseId: record.id, userId: added.id })
  services.logger.info({ caseId: record.id, memberId: member.id, by: actorId }, 'member added')
  return { ...member, name: added.name, email: added.email }
}

/**
 * Removes a member (never the last coach). A member who leaves keeps no
 * consent: their grants are revoked in the same transaction, and a later
 * return needs a new one. Their open connections close with 4403, a
 * coach's also those to their unreleased supervision copies of the case.
 */
export async function removeMember(services: Services<MemberStorage & ConsentStorage>, record: CaseRecord, memberId: string, actorId: string): Promise<void> {
  const removed = (await services.storage.listMembers(record.id)).find((member) => member.id === memberId)
  if (!removed) {
    throw new NotFoundError('memberNotFound', 'No such member')
  }
  const now = services.clock()
  const result = await services.storage.removeMember(record.id, removed.id, { at: now.toISOString(), by: actorId }, ({ member, revokedConsents }) => [
    auditEntry(record.id, 'memberRemoved', actorId, now, { memberId: member.id, userId: member.userId, role: member.role }),
    ...revokedConsents.map((grant) => auditEntry(record.id, 'consentRevoked', actorId, now, { grantId: grant.id, field: grant.field, memberId: grant.memberId })),
  ])
  if (result === 'notFound') {
    throw new NotFoundError('memberNotFound', 'No such member')
  }
  if (result === 'lastCoach') {
    throw new ConflictError('lastCoach', 'A case needs at least one coach')
  }
  await services.accessChanged({ kind: 'membership', caseId: record.id, userId: removed.userId })
  services.logger.info({ caseId: record.id, memberId, by: actorId }, 'member removed')
}
