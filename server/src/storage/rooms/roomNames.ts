/** Room names as stored in the update log, for erasure and the tombstone check. */
import { caseIdOfRoom, caseRoomNames, formatRoomName, parseRoomName } from '../../../../shared/src/protocol/roomName.js'

/** Every room name of a case (exact names: no LIKE pattern, whose `_` would match other ids). */
export function storedRoomsOfCase(caseId: string): string[] {
  return caseRoomNames(caseId).map(formatRoomName)
}

/** The case a stored room belongs to, or null (supervision rooms). */
export function caseIdOfStoredRoom(room: string): string | null {
  const parsed = parseRoomName(room)
  return parsed === null ? null : caseIdOfRoom(parsed)
}

/** The stored room names of a supervision copy: the copy and its discussion. */
export function storedRoomsOfCopy(copyId: string): string[] {
  return [formatRoomName({ kind: 'supervisionCopy', copyId }), formatRoomName({ kind: 'supervisionDiscussion', copyId })]
}
