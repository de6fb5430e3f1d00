/** The caller's access to the rooms of a case, as the case screen and the report pages open them. */
import type { CaseDetail } from '../../../../../shared/src/api/cases.js'
import { ConfidentialFields, type ConfidentialField } from '../../../../../shared/src/caseDocument/confidential.js'
import { accessTo, type Access } from '../../../../../shared/src/policy/access.js'
import { formatRoomName, type RoomName } from '../../../../../shared/src/protocol/roomName.js'

const rank = { none: 0, read: 1, write: 2 } as const

/**
 * The caller's access to a room: what the server listed in `rooms`, and
 * never more than the shared policy allows for the caller's role. Consent
 * grants live on the server, so its listing of a confidential room is the
 * fact "holds an active grant"; a room it does not list stays closed to an
 * employer.
 */
export function roomAccessOf(detail: CaseDetail | null, room: RoomName): Access {
  if (!detail || !('caseId' in room)) {
    return 'none'
  }
  const listed = detail.rooms.find((entry) => entry.name === formatRoomName(room))?.access
  const policy = accessTo(room.kind, detail.myRole, {
    employerCanEdit: detail.employerCanEdit,
    hasActiveConsent: listed !== undefined && listed !== 'none',
    caseClosed: detail.closedAt !== null,
  })
  if (listed === undefined) {
    return policy
  }
  return rank[listed] <= rank[policy] ? listed : policy
}

/** The six confidential rooms of a case with the caller's access to each. */
export function confidentialAccessOf(detail: CaseDetail | null, caseId: string): Record<ConfidentialField, Access> {
  return Object.fromEntries(
    ConfidentialFields.map((field) => [field, roomAccessOf(detail, { kind: 'confidential', caseId, field })]),
  ) as Record<ConfidentialField, Access>
}
