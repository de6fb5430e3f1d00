/**
 * Who owns a data key. Every room of a case shares the case's key, so
 * destroying it shreds the whole case; a supervision copy and its
 * discussion share the copy's key. Names outside the grammar (storage tests)
 * get a key of their own.
 */
import { caseIdOfRoom, parseRoomName } from '../../../shared/src/protocol/roomName.js'

/** The key owner of a case. */
export function caseKeyOwner(caseId: string): string {
  return `case:${caseId}`
}

/** The key owner of a supervision copy (its room and its discussion). */
export function copyKeyOwner(copyId: string): string {
  return `copy:${copyId}`
}

/**
 * The key owner of the billing records a case leaves behind when it is
 * erased (issue 16): apart from the case's key, which erasure destroys, and
 * destroyed itself when the billing retention ends.
 */
export function billingKeyOwner(caseId: string): string {
  return `billing:${caseId}`
}

/**
 * The key owner of the invoices issued in one calendar year (issue 18): no
 * case's key, so an invoice outlives the erasure of its cases; every invoice
 * of the year has the same retention end, when the sweep destroys the key.
 */
export function invoiceKeyOwner(year: number): string {
  return `invoices:${year}`
}

/**
 * The key owner of a request before it becomes a case (issue 19): destroyed
 * when the request is erased, or when it is accepted and its details move
 * under the case's key.
 */
export function requestKeyOwner(requestId: string): string {
  return `request:${requestId}`
}

/**
 * The key owner of one attachment (issue 20): every file has a key of its
 * own, so deleting one file shreds exactly it (its chunks in every backup),
 * whoever owns it.
 */
export function attachmentKeyOwner(attachmentId: string): string {
  return `attachment:${attachmentId}`
}

/** The key owner of a room's update log. */
export function keyOwnerOfRoom(room: string): string {
  const parsed = parseRoomName(room)
  if (parsed !== null) {
    const caseId = caseIdOfRoom(parsed)
    return caseId !== null ? caseKeyOwner(caseId) : copyKeyOwner((parsed as { copyId: string }).copyId)
  }
  const loose = /^(cases|supervision)\/([^/]+)(\/|$)/.exec(room)
  if (loose?.[2] !== undefined) {
    return loose[1] === 'cases' ? caseKeyOwner(loose[2]) : copyKeyOwner(loose[2])
  }
  return `room:${room}`
}

/**
 * The key owner of a pool member's application (issue 20), by their
 * account: destroyed when the application is erased.
 */
export function poolKeyOwner(userId: string): string {
  return `pool:${userId}`
}

/** The key owner of an invitation to the pool (issue 20): the invitee's name and address until the link is used or withdrawn. */
export function poolInvitationKeyOwner(invitationId: string): string {
  return `poolInvitation:${invitationId}`
}

/** The key owner of what the office entered for matching a request (issue 20). */
export function poolNeedsKeyOwner(requestId: string): string {
  return `poolNeeds:${requestId}`
}

/**
 * The key owner of an entry of the employer directory (issue 19): its
 * contacts are people's data; deleting the entry destroys the key, so old
 * backups of it become unreadable too.
 */
export function employerKeyOwner(employerId: string): string {
  return `employer:${employerId}`
}
