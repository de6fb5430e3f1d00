import { describe, expect, it } from 'vitest'
import { aggregateSyncState, roomSyncState, type RoomSyncFacts } from './syncState.js'

const base: RoomSyncFacts = { localLoaded: true, connected: true, firstConnecting: false, synced: true, pending: 0, closed: false, refused: false }

describe('roomSyncState', () => {
  it('is synced when connected, synced and nothing pending', () => {
    expect(roomSyncState(base)).toBe('synced')
  })
  it('is unsynced with pending changes, online or offline', () => {
    expect(roomSyncState({ ...base, pending: 2 })).toBe('unsynced')
    expect(roomSyncState({ ...base, connected: false, pending: 1 })).toBe('unsynced')
  })
  it('is syncing while the first exchange runs', () => {
    expect(roomSyncState({ ...base, synced: false })).toBe('syncing')
    expect(roomSyncState({ ...base, connected: false, synced: false, firstConnecting: true })).toBe('syncing')
    expect(roomSyncState({ ...base, connected: false, synced: false, localLoaded: false })).toBe('syncing')
  })
  it('is offline-saved when disconnected with nothing pending', () => {
    expect(roomSyncState({ ...base, connected: false, synced: false })).toBe('offline-saved')
  })
  it('is refused once the server refused a change of this device, whatever else holds', () => {
    expect(roomSyncState({ ...base, connected: false, synced: false, refused: true })).toBe('refused')
    expect(roomSyncState({ ...base, connected: false, pending: 1, refused: true })).toBe('refused')
  })
})

describe('aggregateSyncState', () => {
  it('reports the worst room', () => {
    expect(aggregateSyncState(['synced', 'synced'])).toBe('synced')
    expect(aggregateSyncState(['synced', 'offline-saved'])).toBe('offline-saved')
    expect(aggregateSyncState(['offline-saved', 'syncing'])).toBe('syncing')
    expect(aggregateSyncState(['syncing', 'unsynced', 'synced'])).toBe('unsynced')
    expect(aggregateSyncState(['unsynced', 'refused', 'synced'])).toBe('refused')
  })
  it('is null without rooms', () => {
    expect(aggregateSyncState([])).toBeNull()
  })
})
