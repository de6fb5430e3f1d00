/**
 * What the parts of a case screen read of a room, without the facts that
 * change with every keystroke: typing flips a room's state to 'unsynced'
 * and back as each change is sent and acknowledged, and a case screen that
 * handed the full snapshot to all its tabs re-rendered every one of them,
 * hidden ones included, twice per key. The header and the agree button
 * follow the sync state on their own ({@link useRoomSyncState}).
 */
import { useMemo, useSyncExternalStore } from 'react'
import type { CaseRoom, CaseRoomSnapshot } from './CaseRoom.js'
import type { RoomSyncFacts, SyncState } from './syncState.js'

/** A room's snapshot without its sync state and pending count. */
export interface SteadyRoomSnapshot extends Pick<CaseRoomSnapshot, 'closedReason' | 'problem' | 'writable' | 'localProblem'> {
  facts: Pick<RoomSyncFacts, 'localLoaded'>
}

/** The steady part of a snapshot: the same object until one of its values changes. */
export function useSteadySnapshot(snapshot: CaseRoomSnapshot | null): SteadyRoomSnapshot | null {
  const closedReason = snapshot?.closedReason ?? null
  const problem = snapshot?.problem ?? null
  const writable = snapshot?.writable ?? false
  const localProblem = snapshot?.localProblem ?? null
  const localLoaded = snapshot?.facts.localLoaded ?? false
  const present = snapshot !== null
  return useMemo(
    () => (present ? { closedReason, problem, writable, localProblem, facts: { localLoaded } } : null),
    [present, closedReason, problem, writable, localProblem, localLoaded],
  )
}

const noSubscription = (): (() => void) => () => {}

/** A room's sync state, live (null without a room): re-renders only the component that asks. */
export function useRoomSyncState(room: CaseRoom | null): SyncState | null {
  return useSyncExternalStore(room ? room.subscribe : noSubscription, () => room?.snapshot.state ?? null)
}
