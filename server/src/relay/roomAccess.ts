/**
 * The one place the server turns membership and case facts into a
 * connection's access, using the shared policy (shared/src/policy/access.ts).
 * Used by the upgrade, by re-checks after membership changes, and by the
 * case detail's `rooms` list.
 */
import { accessTo, type Access, type CaseRole } from '../../../shared/src/policy/access.js'
import { caseIdOfRoom, type RoomName } from '../../../shared/src/protocol/roomName.js'
import type { CaseRecord, Storage } from '../storage/Storage.js'

/** Access of a case member with `role` (null: not a member) to a room of that case. */
export function caseRoomAccess(room: RoomName, role: CaseRole | null, caseRecord: Pick<CaseRecord, 'employerCanEdit'>): Access {
  return accessTo(room.kind, role, {
    employerCanEdit: caseRecord.employerCanEdit,
    // Consent grants arrive with their issue; until then no employer opens a confidential field.
    hasActiveConsent: false,
  })
}

/** Access of a user to a room, read from storage. */
export async function resolveRoomAccess(storage: Storage, userId: string, room: RoomName): Promise<Access> {
  const caseId = caseIdOfRoom(room)
  if (caseId === null) {
    // Supervision copies arrive with their issue; until then nobody opens them.
    return 'none'
  }
  const [caseRecord, member] = await Promise.all([storage.findCase(caseId), storage.findMember(caseId, userId)])
  if (!caseRecord || !member) {
    return 'none'
  }
  return caseRoomAccess(room, member.role, caseRecord)
}
