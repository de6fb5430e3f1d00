/**
 * One open room: its Y.Doc, the IndexedDB copy (loaded first), the WebSocket
 * provider, and the acknowledgement probe. Publishes its {@link RoomSyncFacts}.
 */
import { IndexeddbPersistence } from 'y-indexeddb'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { closeCodesThatDropLocalCopy, closeCodesThatStopReconnecting, SessionEnded } from '../../../shared/src/protocol/closeCodes.js'
import type { Access } from '../../../shared/src/policy/access.js'
import { attachAckProbe } from './ackProbe.js'
import { AckTracker } from './ackTracker.js'
import { hadPendingChanges, rememberRoom, roomDatabaseName, setPendingChanges } from './localData.js'
import { roomSyncState, type RoomSyncFacts, type SyncState } from './syncState.js'
import { userColor } from './userColor.js'

/** Why a room stopped for good. */
export type RoomClosedReason = 'sessionEnded' | 'accessRevoked' | 'erased' | 'closed'

/** A close the user should hear about (the provider may still reconnect). */
export interface RoomProblem {
  code: number
  reason: string
}

export interface CaseRoomOptions {
  roomName: string
  access: Access
  user: { id: string; name: string }
  /** Called once when the server ended the session (4401). */
  onSessionEnded?: () => void
}

/** The sync endpoint on the page's own origin (contract §5). */
export function syncUrl(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/sync`
}

export class CaseRoom {
  readonly doc = new Y.Doc()
  readonly persistence: IndexeddbPersistence
  readonly provider: WebsocketProvider
  readonly roomName: string
  private writableNow: boolean
  private readonly tracker: AckTracker
  private readonly detachProbe: () => void
  private readonly listeners = new Set<() => void>()
  private localLoaded = false
  private everConnected = false
  /** A connection attempt failed before any succeeded (offline at start). */
  private firstAttemptFailed = false
  private closedReason: RoomClosedReason | null = null
  private lastProblem: RoomProblem | null = null
  private snapshotCache: CaseRoomSnapshot
  private destroyed = false

  constructor(private readonly options: CaseRoomOptions) {
    const { roomName, access, user } = options
    this.roomName = roomName
    this.writableNow = access === 'write'
    rememberRoom(user.id, roomName)
    this.tracker = new AckTracker(this.writable && hadPendingChanges(user.id, roomName) ? 1 : 0)
    // Local copy first, so the case opens offline (contract §6).
    this.persistence = new IndexeddbPersistence(roomDatabaseName(user.id, roomName), this.doc)
    this.provider = new WebsocketProvider(syncUrl(), roomName, this.doc, {
      connect: false,
      shouldReconnect: (event) => !closeCodesThatStopReconnecting.has(event.code),
    })
    this.provider.awareness.setLocalStateField('user', { name: user.name, color: userColor(user.id) })
    const persistence = this.persistence
    const provider = this.provider
    this.detachProbe = attachAckProbe({
      doc: this.doc,
      provider,
      tracker: this.tracker,
      isRemoteOrigin: (origin) => origin === provider || origin === persistence || !this.writable,
    })
    this.snapshotCache = this.computeSnapshot()

    void persistence.whenSynced.then(() => {
      this.localLoaded = true
      this.changed()
    })
    provider.on('status', ({ status }) => {
      if (status === 'connected') {
        this.everConnected = true
        this.lastProblem = null
      }
      this.changed()
    })
    provider.on('sync', () => this.changed())
    provider.on('connection-close', (event) => this.handleClose(event))
    this.tracker.subscribe(() => {
      setPendingChanges(user.id, roomName, this.tracker.pending > 0)
      this.changed()
    })
    provider.connect()
  }

  private handleClose(event: CloseEvent | null): void {
    if (!this.everConnected) {
      this.firstAttemptFailed = true
      this.changed()
    }
    if (event === null || event.code === 1000 || event.code === 1005 || event.code === 1006) {
      return
    }
    if (closeCodesThatDropLocalCopy.has(event.code)) {
      this.closedReason = event.code === 4404 ? 'erased' : 'accessRevoked'
      this.provider.shouldConnect = false
      setPendingChanges(this.options.user.id, this.roomName, false)
      void this.persistence.clearData()
    } else if (event.code === SessionEnded.code) {
      this.closedReason = 'sessionEnded'
      this.provider.shouldConnect = false
      this.options.onSessionEnded?.()
    } else {
      this.lastProblem = { code: event.code, reason: event.reason }
    }
    this.changed()
  }

  /**
   * Whether local edits are allowed now. The server decides per connection;
   * {@link setAccess} follows its changes without reconnecting.
   */
  get writable(): boolean {
    return this.writableNow
  }

  /**
   * Applies a new access to the open room in place: the server switches the
   * same socket between read-only and read-write (employerCanEdit toggled,
   * role changed), so the room keeps its doc, provider and socket and only
   * the editors follow. 'none' makes it read-only; the server then closes
   * the socket with 4403 and {@link handleClose} drops the local copy.
   */
  setAccess(access: Access): void {
    const writable = access === 'write'
    if (writable === this.writableNow) {
      return
    }
    this.writableNow = writable
    this.changed()
  }

  /** Current facts and state, stable between changes (for useSyncExternalStore). */
  get snapshot(): CaseRoomSnapshot {
    return this.snapshotCache
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => {
      this.listeners.delete(listener)
    }
  }

  private computeSnapshot(): CaseRoomSnapshot {
    const facts: RoomSyncFacts = {
      localLoaded: this.localLoaded,
      connected: this.provider.wsconnected,
      firstConnecting: !this.everConnected && !this.firstAttemptFailed && this.provider.shouldConnect,
      synced: this.provider.synced,
      pending: this.tracker.pending,
      closed: this.closedReason !== null,
    }
    return { facts, state: roomSyncState(facts), closedReason: this.closedReason, problem: this.lastProblem, writable: this.writableNow }
  }

  private changed(): void {
    if (this.destroyed) {
      return
    }
    this.snapshotCache = this.computeSnapshot()
    for (const listener of this.listeners) {
      listener()
    }
  }

  /** Closes the socket and the local database; the local copy stays. */
  destroy(): void {
    this.destroyed = true
    this.detachProbe()
    this.provider.destroy()
    void this.persistence.destroy()
    this.doc.destroy()
  }
}

export interface CaseRoomSnapshot {
  facts: RoomSyncFacts
  state: SyncState
  closedReason: RoomClosedReason | null
  problem: RoomProblem | null
  /** Whether local edits are allowed now (follows {@link CaseRoom.setAccess}). */
  writable: boolean
}
