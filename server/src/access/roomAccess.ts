/**
 * The one place the server turns membership, case facts and consent grants
 * into a connection's access, using the shared policy
 * (shared/src/policy/access.ts). Used by the upgrade, by re-checks after
 * membership, setting and consent changes, and by the case detail's `rooms`
 * list. Supervision rooms depend on the copy's author, its release and the
 * group's members instead of a case membership.
 */
import { FrozenConfidentialFields, type ConfidentialField } from '../../../shared/src/caseDocument/confidential.js'
import { accessTo, readsByConsent, type Access, type CaseRole, type Role } from '../../../shared/src/policy/access.js'
import { can } from '../../../shared/src/policy/actions.js'
import { caseIdOfRoom, type RoomName } from '../../../shared/src/protocol/roomName.js'
import { isoDay, systemClock, type Clock } from '../clock.js'
import type { CaseRecord, CaseStorage } from '../storage/cases/CaseStorage.js'
import type { ErasureStorage } from '../storage/erasure/ErasureStorage.js'
import type { ConsentStorage } from '../storage/consents/ConsentStorage.js'
import type { MemberRecord, MemberStorage } from '../storage/members/MemberStorage.js'
import type { SupervisionCopyRecord, SupervisionStorage } from '../storage/supervision/SupervisionStorage.js'

/** What resolving a room's access reads. */
export type RoomAccessStorage = Pick<CaseStorage, 'findCase'> &
  Pick<MemberStorage, 'findMember'> &
  Pick<ConsentStorage, 'activeConsentFields'> &
  Pick<SupervisionStorage, 'findSupervisionCopy' | 'isSupervisionGroupMember'> &
  Pick<ErasureStorage, 'isCaseErased'>

const noFields: ReadonlySet<ConfidentialField> = new Set()

/**
 * Access of a case member with `role` (null: not a member) to a room of that
 * case; `consentedFields` are the confidential fields the member holds an
 * active grant for.
 */
export function caseRoomAccess(
  room: RoomName,
  role: CaseRole | null,
  caseRecord: Pick<CaseRecord, 'employerCanEdit' | 'closedAt'>,
  consentedFields: ReadonlySet<ConfidentialField> = noFields,
): Access {
  return accessTo(room.kind, role, {
    employerCanEdit: caseRecord.employerCanEdit,
    hasActiveConsent: room.kind === 'confidential' && consentedFields.has(room.field),
    caseClosed: caseRecord.closedAt !== null,
    frozenField: room.kind === 'confidential' && FrozenConfidentialFields.has(room.field),
  })
}


/** The fields a member may read by an active consent grant now (none for roles that don't need one). */
export async function consentedFieldsOf(storage: RoomAccessStorage, member: MemberRecord, clock: Clock = systemClock): Promise<ReadonlySet<ConfidentialField>> {
  if (!readsByConsent(member.role)) {
    return noFields
  }
  return new Set(await storage.activeConsentFields(member.caseId, member.id, isoDay(clock())))
}

/** What decides a user's access to a supervision copy and its discussion. */
export interface SupervisionFacts {
  isAuthor: boolean
  /**
   * The author may still review the unreleased copy: by the action policy
   * (`supervision.reviewCopy`), a coach of its source case now. A coach
   * removed from the case loses their drafts (issue 17).
   */
  authorReviews: boolean
  /** When the copy was released (null: not yet). */
  releasedAt: string | null
  /** Whether the user is a member of the group the copy was released to. */
  inReleasedGroup: boolean
}

/**
 * Access to a supervision room (contract §3, issue 6). The copy is frozen:
 * read-only for everyone. Before its release only its author opens it;
 * afterwards also the members of the group it was released to. The
 * discussion exists from the release on: the group's members write (a coach
 * who is a member of the group — intervision — counts as a member, i.e. the
 * matrix's supervisor column); an author outside the group reads it (the
 * matrix's coach column).
 */
export function supervisionRoomAccess(kind: 'supervisionCopy' | 'supervisionDiscussion', facts: SupervisionFacts): Access {
  const released = facts.releasedAt !== null
  if (released && facts.inReleasedGroup) {
    return accessTo(kind, 'supervisor')
  }
  if (facts.isAuthor && (released || (kind === 'supervisionCopy' && facts.authorReviews))) {
    return accessTo(kind, 'coach', { isCopyAuthor: true })
  }
  return 'none'
}

/** A user's access to a room and the role it comes from (the role narrows what a writer may change, contract §8.2). */
export interface RoomGrant {
  access: Access
  /** The matrix column the access was read from; null without access. */
  role: Role | null
}

const noGrant: RoomGrant = { access: 'none', role: null }

/** The facts of `userId` about a copy, read from storage: the upgrade, re-checks and the copy routes judge by the same. */
export async function supervisionFactsOf(
  storage: Pick<RoomAccessStorage, 'findMember' | 'isSupervisionGroupMember'>,
  copy: Pick<SupervisionCopyRecord, 'authorId' | 'sourceCaseId' | 'releasedAt' | 'releasedGroupId'>,
  userId: string,
): Promise<SupervisionFacts> {
  const isAuthor = copy.authorId === userId
  const inReleasedGroup = copy.releasedGroupId !== null && (await storage.isSupervisionGroupMember(copy.releasedGroupId, userId))
  const member = isAuthor && copy.releasedAt === null && copy.sourceCaseId !== null ? await storage.findMember(copy.sourceCaseId, userId) : null
  return { isAuthor, authorReviews: member !== null && can(member.role, 'supervision.reviewCopy'), releasedAt: copy.releasedAt, inReleasedGroup }
}

/** Access of a user to a supervision room, read from storage. */
async function resolveSupervisionGrant(storage: RoomAccessStorage, userId: string, kind: 'supervisionCopy' | 'supervisionDiscussion', copyId: string): Promise<RoomGrant> {
  const copy = await storage.findSupervisionCopy(copyId)
  if (!copy) {
    return noGrant
  }
  const facts = await supervisionFactsOf(storage, copy, userId)
  const access = supervisionRoomAccess(kind, facts)
  // The same column supervisionRoomAccess chose: a group member reads as a supervisor, an author outside it as a coach.
  const role: Role = copy.releasedAt !== null && facts.inReleasedGroup ? 'supervisor' : 'coach'
  return access === 'none' ? noGrant : { access, role }
}

/** Access of a user to a room and the role behind it, read from storage. */
export async function resolveRoomGrant(storage: RoomAccessStorage, userId: string, room: RoomName, clock: Clock = systemClock): Promise<RoomGrant> {
  if (room.kind === 'supervisionCopy' || room.kind === 'supervisionDiscussion') {
    return resolveSupervisionGrant(storage, userId, room.kind, room.copyId)
  }
  const caseId = caseIdOfRoom(room)
  if (caseId === null) {
    return noGrant
  }
  const [caseRecord, member] = await Promise.all([storage.findCase(caseId), storage.findMember(caseId, userId)])
  if (!caseRecord || !member) {
    return noGrant
  }
  const consented = room.kind === 'confidential' ? await consentedFieldsOf(storage, member, clock) : noFields
  const access = caseRoomAccess(room, member.role, caseRecord, consented)
  return access === 'none' ? noGrant : { access, role: member.role }
}

/**
 * Whether a room belongs to an erased case: asked only once access came out
 * 'none' (an existing case is never erased), so an erased room answers 4404
 * instead of 403/4403 without a query on every upgrade.
 */
export async function isErasedCaseRoom(storage: RoomAccessStorage, room: RoomName): Promise<boolean> {
  const caseId = caseIdOfRoom(room)
  return caseId !== null && (await storage.isCaseErased(caseId))
}
