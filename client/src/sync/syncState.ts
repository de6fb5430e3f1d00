/**
 * The sync state shown in the header (data-testid="sync.state"), per room and
 * aggregated over every open room of a case.
 */

/** What the user is told about their changes. */
export type SyncState = 'refused' | 'offline-saved' | 'syncing' | 'unsynced' | 'synced'

/** The facts about one room that decide its state. */
export interface RoomSyncFacts {
  /** IndexedDB has loaded the local copy. */
  localLoaded: boolean
  /** The socket is open. */
  connected: boolean
  /** The provider has not been connected in this session yet, but is trying. */
  firstConnecting: boolean
  /** The initial exchange with the server finished (provider `synced`). */
  synced: boolean
  /** Local updates the server has not acknowledged. */
  pending: number
  /** The room was closed for good (access revoked, erased, session ended). */
  closed: boolean
  /** The server refused a change of this device: nothing is sent any more until it is saved and reloaded. */
  refused: boolean
}

/** The state of one room. */
export function roomSyncState(facts: RoomSyncFacts): SyncState {
  // Not "offline": the connection works, but this device's changes are stopped.
  if (facts.refused) {
    return 'refused'
  }
  if (facts.pending > 0) {
    return 'unsynced'
  }
  if (facts.connected) {
    return facts.synced ? 'synced' : 'syncing'
  }
  if (!facts.localLoaded || (facts.firstConnecting && !facts.closed)) {
    return 'syncing'
  }
  return 'offline-saved'
}

// Worst first: the aggregate is the worst state of any room.
const severity: readonly SyncState[] = ['refused', 'unsynced', 'syncing', 'offline-saved', 'synced']

/** The state of a case: the worst of its rooms; null when no room is open. */
export function aggregateSyncState(states: Iterable<SyncState>): SyncState | null {
  let worst: SyncState | null = null
  for (const state of states) {
    if (worst === null || severity.indexOf(state) < severity.indexOf(worst)) {
      worst = state
    }
  }
  return worst
}
