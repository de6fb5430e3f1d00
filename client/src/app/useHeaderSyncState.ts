import { useEffect } from 'react'
import type { CaseRoomSnapshot } from '../sync/CaseRoom.js'
import { aggregateSyncState, type SyncState } from '../sync/syncState.js'
import { useSyncIndicator } from './SyncIndicatorContext.js'

/**
 * Carries the sync state of the rooms a screen has open up to the header
 * (the case, the report editor, a supervision discussion: one indicator for
 * every place text is written); cleared when the screen goes.
 */
export function useHeaderSyncState(snapshots: readonly (CaseRoomSnapshot | null | undefined)[]): SyncState | null {
  const { setState } = useSyncIndicator()
  const aggregate = aggregateSyncState(
    snapshots.filter((s): s is CaseRoomSnapshot => s !== null && s !== undefined && s.closedReason === null).map((s) => s.state),
  )
  useEffect(() => {
    setState(aggregate)
  }, [aggregate, setState])
  useEffect(() => () => setState(null), [setState])
  return aggregate
}
