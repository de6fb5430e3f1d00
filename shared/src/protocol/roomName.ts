/**
 * The room-name grammar of contract §3: the only rooms that exist. Both sides
 * parse with {@link parseRoomName}; anything else is rejected.
 *
 *   cases/<caseId>/plan
 *   cases/<caseId>/notes
 *   cases/<caseId>/profile            (issue 19: Vorabklärung A2, Berufsprofil A3)
 *   cases/<caseId>/confidential/<field>
 *   supervision/<copyId>
 *   supervision/<copyId>/discussion
 */
import { ConfidentialFields, type ConfidentialField } from '../caseDocument/confidential.js'
import { isOpaqueId } from '../ids.js'

export type RoomName =
  | { kind: 'plan'; caseId: string }
  | { kind: 'notes'; caseId: string }
  | { kind: 'profile'; caseId: string }
  | { kind: 'confidential'; caseId: string; field: ConfidentialField }
  | { kind: 'supervisionCopy'; copyId: string }
  | { kind: 'supervisionDiscussion'; copyId: string }

/** The kinds of room, each with its own row in the access matrix. */
export type RoomKind = RoomName['kind']

const confidentialFieldSet: ReadonlySet<string> = new Set(ConfidentialFields)

function isConfidentialField(value: string): value is ConfidentialField {
  return confidentialFieldSet.has(value)
}

/** Parses a room name; returns null for anything outside the grammar. */
export function parseRoomName(name: string): RoomName | null {
  // Longest legal name is well under 200 characters; refuse early.
  if (name.length > 200) {
    return null
  }
  const parts = name.split('/')
  const [head, id, third, fourth] = parts
  if (id === undefined || !isOpaqueId(id)) {
    return null
  }
  if (head === 'cases') {
    if (parts.length === 3 && third === 'plan') {
      return { kind: 'plan', caseId: id }
    }
    if (parts.length === 3 && third === 'notes') {
      return { kind: 'notes', caseId: id }
    }
    if (parts.length === 3 && third === 'profile') {
      return { kind: 'profile', caseId: id }
    }
    if (parts.length === 4 && third === 'confidential' && fourth !== undefined && isConfidentialField(fourth)) {
      return { kind: 'confidential', caseId: id, field: fourth }
    }
    return null
  }
  if (head === 'supervision') {
    if (parts.length === 2) {
      return { kind: 'supervisionCopy', copyId: id }
    }
    if (parts.length === 3 && third === 'discussion') {
      return { kind: 'supervisionDiscussion', copyId: id }
    }
  }
  return null
}

/** Formats a room name; the inverse of {@link parseRoomName}. */
export function formatRoomName(room: RoomName): string {
  switch (room.kind) {
    case 'plan':
      return `cases/${room.caseId}/plan`
    case 'notes':
      return `cases/${room.caseId}/notes`
    case 'profile':
      return `cases/${room.caseId}/profile`
    case 'confidential':
      return `cases/${room.caseId}/confidential/${room.field}`
    case 'supervisionCopy':
      return `supervision/${room.copyId}`
    case 'supervisionDiscussion':
      return `supervision/${room.copyId}/discussion`
  }
}

/** The case a room belongs to, or null for supervision rooms. */
export function caseIdOfRoom(room: RoomName): string | null {
  return 'caseId' in room ? room.caseId : null
}

/** Every room of a case, in the order the UI lists them. */
export function caseRoomNames(caseId: string): RoomName[] {
  return [
    { kind: 'plan', caseId },
    { kind: 'notes', caseId },
    { kind: 'profile', caseId },
    ...ConfidentialFields.map((field): RoomName => ({ kind: 'confidential', caseId, field })),
  ]
}
