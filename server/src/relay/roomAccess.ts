/**
 * The one place the server turns membership, case facts and consent grants
 * into a connection's access, using the shared policy
 * (shared/src/policy/access.ts). Used by the upgrade, by re-checks after
 * membership, setting and consent changes, and by the case detail's `rooms`
 * list.
 */
import type { ConfidentialField } from '../../../shared/src/caseDocument/confidential.js'
import { accessMatrix, accessTo, type Access, type CaseRole } from '../../../shared/src/policy/access.js'
import { caseIdOfRoom, type RoomName } from '../../../shared/src/protocol/roomName.js'
import { isoDay, systemClock, type Clock } from '../clock.js'
import type { CaseRecord, MemberRecord, Storage } from '../storage/Storage.js'

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
  })
}

/** Whether a role's access to confidential fields depends on consent grants (so they need reading). */
export function readsByConsent(role: CaseRole): boolean {
  return accessMatrix.confidential[role] === 'readWithConsent'
}

/** The fields a member may read by an active consent grant now (none for roles that don't need one). */
export async function consentedFieldsOf(storage: Storage, member: MemberRecord, clock: Clock = systemClock): Promise<ReadonlySet<ConfidentialField>> {
  if (!readsByConsent(member.role)) {
    return noFields
  }
  return new Set(await storage.activeConsentFields(member.caseId, member.id, isoDay(clock())))
}

/** Access of a user to a room, read from storage. */
export async function resolveRoomAccess(storage: Storage, userId: string, room: RoomName, clock: Clock = systemClock): Promise<Access> {
  const caseId = caseIdOfRoom(room)
  if (caseId === null) {
    // Supervision copies arrive with their issue; until then nobody opens them.
    return 'none'
  }
  const [caseRecord, member] = await Promise.all([storage.findCase(caseId), storage.findMember(caseId, userId)])
  if (!caseRecord || !member) {
    return 'none'
  }
  const consented = room.kind === 'confidential' ? await consentedFieldsOf(storage, member, clock) : noFields
  return caseRoomAccess(room, member.role, caseRecord, consented)
}
