/**
 * A team lead's change of a case's coaches (issue 22): hand the case over
 * from one coach to another, add a substitute coach while someone is away,
 * and take a coach (the substitute, back) off the case. Audited in the
 * change's transaction; the new coach gets access at once and the one who
 * leaves loses it at once, on open sockets too (the `membership` access
 * change closes them with 4403, as removing a member does).
 */
import { newId } from '../ids.js'
import type { Services } from '../services/Services.js'
import type { CaseRecord } from '../storage/cases/CaseStorage.js'
import type { ConsentStorage } from '../storage/consents/ConsentStorage.js'
import type { MemberStorage, MemberWithUser } from '../storage/members/MemberStorage.js'
import type { UserStorage } from '../storage/users/UserStorage.js'
import { auditEntry } from './audit.js'
import { assertCaseOpenFor } from './cases.js'
import { ConflictError, NotAllowedError, NotFoundError } from './errors.js'
import { removeMember } from './members.js'

/** Who takes the case, and whom they replace (none: a substitute next to the coaches). */
export interface CoachAssignment {
  userId: string
  /** The user id of the coach who leaves the case; absent for a substitute. */
  replacesUserId?: string | undefined
}

/** Adds `assignment.userId` as a coach, replacing `replacesUserId` if given; resolves with the new member. */
export async function assignCoach(
  services: Services<MemberStorage & UserStorage>,
  record: CaseRecord,
  assignment: CoachAssignment,
  actorId: string,
): Promise<MemberWithUser> {
  assertCaseOpenFor(record, 'team.reassign')
  const coach = await services.storage.findUserById(assignment.userId)
  if (!coach || !coach.active) {
    throw new NotFoundError('userNotFound', 'No such user')
  }
  if (coach.kind !== 'staff') {
    throw new NotAllowedError('coachMustBeStaff', 'Only staff accounts can be coaches of a case')
  }
  const replaced = assignment.replacesUserId === undefined ? null : await services.storage.findMember(record.id, assignment.replacesUserId)
  if (assignment.replacesUserId !== undefined && replaced?.role !== 'coach') {
    throw new NotFoundError('memberNotFound', 'The coach to replace is no coach of this case')
  }
  const now = services.clock()
  const member = { id: newId(), caseId: record.id, userId: coach.id, role: 'coach' as const, addedAt: now.toISOString() }
  const result = await services.storage.assignCoach(member, replaced?.id ?? null, { at: now.toISOString(), by: actorId }, (removed) =>
    removed === null
      ? [auditEntry(record.id, 'substituteCoachAdded', actorId, now, { memberId: member.id, userId: coach.id })]
      : [
          auditEntry(record.id, 'coachReassigned', actorId, now, { memberId: member.id, userId: coach.id, previousUserId: removed.member.userId }),
          ...removed.revokedConsents.map((grant) => auditEntry(record.id, 'consentRevoked', actorId, now, { grantId: grant.id, field: grant.field, memberId: grant.memberId })),
        ],
  )
  if (result === 'alreadyMember') {
    throw new ConflictError('alreadyMember', 'This user is already a member of the case')
  }
  if (result === 'notFound') {
    throw new NotFoundError('memberNotFound', 'The coach to replace is no coach of this case')
  }
  await services.accessChanged({ kind: 'membership', caseId: record.id, userId: coach.id })
  if (replaced) {
    await services.accessChanged({ kind: 'membership', caseId: record.id, userId: replaced.userId })
  }
  services.logger.info({ caseId: record.id, memberId: member.id, replaced: replaced?.id, by: actorId }, replaced ? 'case reassigned' : 'substitute coach added')
  return { ...member, name: coach.name, email: coach.email }
}

/** Takes a coach off the case (never the last one): the lead's side of {@link removeMember}. */
export async function unassignCoach(services: Services<MemberStorage & ConsentStorage>, record: CaseRecord, userId: string, actorId: string): Promise<void> {
  const member = await services.storage.findMember(record.id, userId)
  if (member?.role !== 'coach') {
    throw new NotFoundError('memberNotFound', 'No such coach of this case')
  }
  await removeMember(services, record, member.id, actorId)
}
