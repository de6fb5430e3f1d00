import { useCallback, useState } from 'react'
import type { CaseDetail } from '../../../../../shared/src/api/cases.js'
import type { ConfidentialField } from '../../../../../shared/src/caseDocument/confidential.js'
import type { Access } from '../../../../../shared/src/policy/access.js'
import { formatRoomName } from '../../../../../shared/src/protocol/roomName.js'
import type { CaseRoomSnapshot } from '../../../sync/CaseRoom.js'
import { useCaseRoom, type UseCaseRoomResult } from '../../../sync/useCaseRoom.js'
import { useHeaderSyncState } from '../../useHeaderSyncState.js'
import { confidentialAccessOf, roomAccessOf } from './roomAccess.js'

/** The documents of a case the screen keeps open, with the caller's access to each. */
export interface CaseRooms {
  plan: UseCaseRoomResult
  notes: UseCaseRoomResult
  planAccess: Access
  notesAccess: Access
  /** The caller's access to each confidential field (their rooms open only while shown). */
  confidentialAccess: Readonly<Record<ConfidentialField, Access>>
  /** A shown confidential field reports its room's state (null once closed), for the header's sync state. */
  onFieldSnapshot: (field: ConfidentialField, snapshot: CaseRoomSnapshot | null) => void
}

/**
 * Opens the case's plan and notes rooms (as far as the caller may), collects
 * the states of the confidential fields that are shown, and carries the
 * aggregate sync state of every open room up to the header.
 */
export function useCaseRooms(
  caseId: string,
  detail: CaseDetail | null,
  roomUser: { id: string; name: string },
  onSessionEnded: () => void,
): CaseRooms {
  const [fieldSnapshots, setFieldSnapshots] = useState<Partial<Record<ConfidentialField, CaseRoomSnapshot>>>({})

  const planAccess = roomAccessOf(detail, { kind: 'plan', caseId })
  const notesAccess = roomAccessOf(detail, { kind: 'notes', caseId })
  const plan = useCaseRoom(detail ? formatRoomName({ kind: 'plan', caseId }) : null, planAccess, roomUser, onSessionEnded)
  const notes = useCaseRoom(detail ? formatRoomName({ kind: 'notes', caseId }) : null, notesAccess, roomUser, onSessionEnded)

  const onFieldSnapshot = useCallback((field: ConfidentialField, snapshot: CaseRoomSnapshot | null) => {
    setFieldSnapshots((previous) => {
      if ((previous[field] ?? null) === snapshot) {
        return previous
      }
      const next = { ...previous }
      if (snapshot === null) {
        delete next[field]
      } else {
        next[field] = snapshot
      }
      return next
    })
  }, [])

  // The header's state covers every open room, confidential fields included.
  useHeaderSyncState([plan.snapshot, notes.snapshot, ...Object.values(fieldSnapshots)])

  return { plan, notes, planAccess, notesAccess, confidentialAccess: confidentialAccessOf(detail, caseId), onFieldSnapshot }
}
