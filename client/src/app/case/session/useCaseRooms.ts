import { useCallback, useMemo, useState } from 'react'
import type { CaseDetail } from '../../../../../shared/src/api/cases.js'
import type { ConfidentialField } from '../../../../../shared/src/caseDocument/confidential.js'
import type { Access } from '../../../../../shared/src/policy/access.js'
import { formatRoomName } from '../../../../../shared/src/protocol/roomName.js'
import type { CaseRoom, CaseRoomSnapshot } from '../../../sync/CaseRoom.js'
import { useSteadySnapshot, type SteadyRoomSnapshot } from '../../../sync/steadySnapshot.js'
import { useCaseRoom, type UseCaseRoomResult } from '../../../sync/useCaseRoom.js'
import { useHeaderSyncState } from '../../useHeaderSyncState.js'
import { confidentialAccessOf, roomAccessOf } from './roomAccess.js'

/** An open room as the case screen's parts see it: the room and its steady snapshot. */
export interface CaseRoomView {
  room: CaseRoom | null
  snapshot: SteadyRoomSnapshot | null
}

/** The documents of a case the screen keeps open, with the caller's access to each. */
export interface CaseRooms {
  plan: CaseRoomView
  notes: CaseRoomView
  planAccess: Access
  notesAccess: Access
  /** The caller's access to each confidential field (their rooms open only while shown). */
  confidentialAccess: Readonly<Record<ConfidentialField, Access>>
  /** A shown confidential field reports its room's state (null once closed), for the header's sync state. */
  onFieldSnapshot: (field: ConfidentialField, snapshot: CaseRoomSnapshot | null) => void
}

/** The rooms for the case screen's parts, and the live plan and notes rooms for the session's own hooks. */
export interface OpenCaseRooms {
  /** Changes only when something the parts show changes (not with every keystroke's sync state). */
  rooms: CaseRooms
  live: { plan: UseCaseRoomResult; notes: UseCaseRoomResult }
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
): OpenCaseRooms {
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

  const planSnapshot = useSteadySnapshot(plan.snapshot)
  const notesSnapshot = useSteadySnapshot(notes.snapshot)
  const confidentialAccess = useMemo(() => confidentialAccessOf(detail, caseId), [detail, caseId])
  const rooms = useMemo(
    () => ({
      plan: { room: plan.room, snapshot: planSnapshot },
      notes: { room: notes.room, snapshot: notesSnapshot },
      planAccess,
      notesAccess,
      confidentialAccess,
      onFieldSnapshot,
    }),
    [plan.room, planSnapshot, notes.room, notesSnapshot, planAccess, notesAccess, confidentialAccess, onFieldSnapshot],
  )
  return { rooms, live: { plan, notes } }
}
