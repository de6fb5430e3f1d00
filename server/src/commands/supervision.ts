/**
 * Supervision groups and anonymised case copies (contract §7, issue 6).
 * A copy is built from the committed plan and notes and stored as a new
 * room whose only update is the fresh document; redacting more builds a NEW
 * copy and deletes the old unreleased one with its room in the same
 * transaction, so a copy never carries history. A release freezes the copy.
 * Creating and releasing are written to the source case's audit log (ids only).
 */
import { isOpaqueId } from '../../../shared/src/ids.js'
import { Limits } from '../../../shared/src/limits.js'
import { formatRoomName } from '../../../shared/src/protocol/roomName.js'
import { newId } from '../ids.js'
import type { Services } from '../services/Services.js'
import type { CaseRecord } from '../storage/cases/CaseStorage.js'
import type {
  SupervisionCopyRecord,
  SupervisionCopyStorage,
  SupervisionCopyWithNames,
  SupervisionGroupMemberRecord,
  SupervisionGroupRecord,
  SupervisionGroupStorage,
} from '../storage/supervision/SupervisionStorage.js'
import type { UserRecord, UserStorage } from '../storage/users/UserStorage.js'
import { buildSupervisionCopy, type BuiltCopy, type CopyStorage } from '../supervision/buildSupervisionCopy.js'
import { auditEntry } from './audit.js'
import { ConflictError, InvalidInputError, NotAllowedError, NotFoundError } from './errors.js'

/** A stored copy and what its author reviews (legend, replacements; never stored). */
export interface CreatedCopy {
  copy: SupervisionCopyWithNames
  built: BuiltCopy
}

/** A group by id. */
export async function findGroup(services: Services<SupervisionGroupStorage>, id: string): Promise<SupervisionGroupRecord> {
  const group = isOpaqueId(id) ? await services.storage.findSupervisionGroup(id) : null
  if (!group) {
    throw new NotFoundError('groupNotFound', 'No such group')
  }
  return group
}

/** Creates a supervision group (an admin; checked before). */
export async function createSupervisionGroup(services: Services<SupervisionGroupStorage>, name: string, actorId: string): Promise<SupervisionGroupRecord> {
  const group: SupervisionGroupRecord = { id: newId(), name, createdAt: services.clock().toISOString(), createdBy: actorId }
  await services.storage.createSupervisionGroup(group)
  services.logger.info({ groupId: group.id, by: actorId }, 'supervision group created')
  return group
}

/** Adds an active staff account (supervisor or coach) to a group. */
export async function addGroupMember(
  services: Services<SupervisionGroupStorage & UserStorage>,
  group: SupervisionGroupRecord,
  userId: string,
  actorId: string,
): Promise<SupervisionGroupMemberRecord> {
  const target = await services.storage.findUserById(userId)
  if (!target) {
    throw new NotFoundError('userNotFound', 'No such user')
  }
  if (target.kind !== 'staff' || !target.active) {
    throw new InvalidInputError('notStaff', 'userId: only active staff accounts (supervisors and coaches) can join a supervision group')
  }
  if (!(await services.storage.addSupervisionGroupMember(group.id, target.id, services.clock().toISOString()))) {
    throw new ConflictError('alreadyMember', 'This person is a member of the group already')
  }
  const member = (await services.storage.listSupervisionGroupMembers([group.id])).find((entry) => entry.userId === target.id)
  if (!member) {
    throw new NotFoundError('memberNotFound', 'No such member')
  }
  services.logger.info({ groupId: group.id, userId: target.id, by: actorId }, 'supervision group member added')
  return member
}

/** Removes a member from a group: their sockets to the group's copies and discussions close with 4403, on every process. */
export async function removeGroupMember(services: Services<SupervisionGroupStorage>, group: SupervisionGroupRecord, userId: string, actorId: string): Promise<void> {
  if (!(await services.storage.removeSupervisionGroupMember(group.id, userId))) {
    throw new NotFoundError('memberNotFound', 'No such member')
  }
  await services.accessChanged({ kind: 'supervisionMember', groupId: group.id, userId })
  services.logger.info({ groupId: group.id, userId, by: actorId }, 'supervision group member removed')
}

/** A new unreleased copy record of a case by `author`. */
function newCopy(services: Services, caseRecord: CaseRecord, authorId: string, built: BuiltCopy, redactions: string[]): SupervisionCopyRecord {
  return {
    id: newId(),
    sourceCaseId: caseRecord.id,
    authorId,
    createdAt: services.clock().toISOString(),
    title: built.title,
    releasedGroupId: null,
    releasedAt: null,
    redactions,
  }
}

/** Creates an anonymised copy of a case for its author (a coach of the case; checked before). */
export async function createSupervisionCopy(
  services: Services<CopyStorage & SupervisionCopyStorage>,
  caseRecord: CaseRecord,
  author: Pick<UserRecord, 'id' | 'name'>,
): Promise<CreatedCopy> {
  const built = await buildSupervisionCopy(services, caseRecord, [])
  const copy = newCopy(services, caseRecord, author.id, built, [])
  const room = { room: formatRoomName({ kind: 'supervisionCopy', copyId: copy.id }), update: built.update }
  await services.storage.createSupervisionCopy(copy, room, [
    auditEntry(caseRecord.id, 'supervisionCopyCreated', author.id, services.clock(), { copyId: copy.id }),
  ])
  services.logger.info({ caseId: caseRecord.id, copyId: copy.id, by: author.id }, 'supervision copy created')
  return { copy: { ...copy, authorName: author.name, releasedGroupName: null }, built }
}

/**
 * Redacts more text of an unreleased copy: a NEW copy with the accumulated
 * redactions replaces the old one and its room. The old room's sockets
 * close (4403) and the clients drop their local copies: a room cannot be
 * swapped under open clients, and a copy must never carry history.
 */
export async function redactCopy(
  services: Services<CopyStorage & SupervisionCopyStorage>,
  old: SupervisionCopyWithNames,
  caseRecord: CaseRecord,
  texts: readonly string[],
  author: Pick<UserRecord, 'id' | 'name'>,
): Promise<CreatedCopy> {
  if (old.releasedAt !== null) {
    throw new ConflictError('copyReleased', 'A released copy is frozen')
  }
  const redactions = [...new Set([...old.redactions, ...texts])]
  if (redactions.length > Limits.maxRedactionTotal) {
    throw new InvalidInputError('tooManyRedactions', `texts: at most ${Limits.maxRedactionTotal} redactions per copy`, { max: Limits.maxRedactionTotal })
  }
  const built = await buildSupervisionCopy(services, caseRecord, redactions)
  const copy = newCopy(services, caseRecord, author.id, built, redactions)
  const room = { room: formatRoomName({ kind: 'supervisionCopy', copyId: copy.id }), update: built.update }
  const outcome = await services.storage.replaceSupervisionCopy(old.id, copy, room, [
    auditEntry(caseRecord.id, 'supervisionCopyCreated', author.id, services.clock(), { copyId: copy.id, replacedCopyId: old.id }),
  ])
  if (outcome === 'notFound') {
    throw new NotFoundError('copyNotFound', 'No such supervision copy')
  }
  if (outcome === 'released') {
    throw new ConflictError('copyReleased', 'A released copy is frozen')
  }
  await services.accessChanged({ kind: 'supervisionCopy', copyId: old.id })
  services.logger.info({ caseId: caseRecord.id, copyId: copy.id, replacedCopyId: old.id, by: author.id }, 'supervision copy redacted')
  return { copy: { ...copy, authorName: author.name, releasedGroupName: null }, built }
}

/** Releases a copy (by its author; checked before) to a group the author is a member of; frozen from then on. */
export async function releaseCopy(
  services: Services<SupervisionCopyStorage & SupervisionGroupStorage>,
  copy: SupervisionCopyWithNames,
  groupId: string,
  actorId: string,
): Promise<SupervisionCopyWithNames> {
  if (copy.releasedAt !== null) {
    throw new ConflictError('copyReleased', 'This copy was released already')
  }
  const group = await findGroup(services, groupId)
  if (!(await services.storage.isSupervisionGroupMember(group.id, actorId))) {
    throw new NotAllowedError('notInGroup', 'You can release a copy only to a group you are a member of')
  }
  const now = services.clock()
  const audit = copy.sourceCaseId === null ? [] : [auditEntry(copy.sourceCaseId, 'supervisionCopyReleased', actorId, now, { copyId: copy.id, groupId: group.id })]
  if (!(await services.storage.releaseSupervisionCopy(copy.id, group.id, now.toISOString(), audit))) {
    throw new ConflictError('copyReleased', 'This copy was released already')
  }
  services.logger.info({ copyId: copy.id, groupId: group.id, by: actorId }, 'supervision copy released')
  const released = await services.storage.findSupervisionCopy(copy.id)
  if (!released) {
    throw new NotFoundError('copyNotFound', 'No such supervision copy')
  }
  return released
}
