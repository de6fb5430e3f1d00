import { useCallback, useMemo, useRef, useSyncExternalStore } from 'react'
import type * as Y from 'yjs'
import type { CaseDetail } from '../../../../shared/src/api/cases.js'
import { can } from '../../../../shared/src/policy/actions.js'
import { formatRoomName } from '../../../../shared/src/protocol/roomName.js'
import { useCaseRoom, type UseCaseRoomResult } from '../../sync/useCaseRoom.js'
import { useAuth, useUser } from '../AuthContext.js'
import { roomAccessOf } from '../case/session/roomAccess.js'
import { useCaseDetail } from '../useCaseDetail.js'
import { useHeaderSyncState } from '../useHeaderSyncState.js'

export interface ReportRooms {
  detail: CaseDetail | null
  /** The case came from the offline cache. */
  fromCache: boolean
  error: string | null
  /** Not a coach of this case: reports and the reading view are coaches only. */
  forbidden: boolean
  plan: UseCaseRoomResult
  notes: UseCaseRoomResult
  /** Both documents are there to read (synced, or loaded from the local copy). */
  ready: boolean
}

function isReady(result: UseCaseRoomResult): boolean {
  const facts = result.snapshot?.facts
  return facts !== undefined && (facts.synced || facts.localLoaded)
}

/**
 * The case (from the API or its offline cache) and, for its coaches, the plan
 * and notes rooms opened with the usual hook: IndexedDB first, so reports and
 * the reading view work offline from the local copies.
 */
export function useReportRooms(caseId: string): ReportRooms {
  const user = useUser()
  const { sessionEnded } = useAuth()
  const { detail, fromCache, error } = useCaseDetail(caseId)

  const forbidden = detail !== null && !can(detail.myRole, 'report.read')
  const planAccess = forbidden ? 'none' : roomAccessOf(detail, { kind: 'plan', caseId })
  const notesAccess = forbidden ? 'none' : roomAccessOf(detail, { kind: 'notes', caseId })
  const roomUser = useMemo(() => ({ id: user.id, name: user.name }), [user.id, user.name])
  const plan = useCaseRoom(detail && !forbidden ? formatRoomName({ kind: 'plan', caseId }) : null, planAccess, roomUser, sessionEnded)
  const notes = useCaseRoom(detail && !forbidden ? formatRoomName({ kind: 'notes', caseId }) : null, notesAccess, roomUser, sessionEnded)
  // The report's text is written into the notes: the header says whether it is saved and synced, as on the case.
  useHeaderSyncState([plan.snapshot, notes.snapshot])
  return { detail, fromCache, error, forbidden, plan, notes, ready: isReady(plan) && isReady(notes) }
}

const noSubscription = (): (() => void) => () => {}

/** A counter that moves on every change of the given documents (for memoised derived views). */
export function useDocsVersion(first: Y.Doc | null, second: Y.Doc | null): number {
  const version = useRef(0)
  const subscribe = useCallback(
    (onChange: () => void) => {
      const handler = (): void => {
        version.current++
        onChange()
      }
      first?.on('update', handler)
      second?.on('update', handler)
      // Changes between the render and this subscription fired no handler (see useYVersion).
      version.current++
      return () => {
        first?.off('update', handler)
        second?.off('update', handler)
      }
    },
    [first, second],
  )
  return useSyncExternalStore(first || second ? subscribe : noSubscription, () => version.current)
}
