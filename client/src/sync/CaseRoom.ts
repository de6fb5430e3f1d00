/**
 * One open room: its Y.Doc, the IndexedDB copy (loaded first), the WebSocket
 * provider, and the acknowledgement probe. Publishes its {@link RoomSyncFacts}.
 */
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import {
  closeCodesThatDropLocalCopy,
  closeCodesThatStopReconnecting,
  HoursMonthLocked,
  RoomErased,
  SessionEnded,
  UpdateRefused,
} from '../../../shared/src/protocol/closeCodes.js'
import type { Access } from '../../../shared/src/policy/access.js'
import { attachAckProbe } from './ackProbe.js'
import { applyStoredUpdate } from './applyStoredUpdate.js'
import { AckTracker } from './ackTracker.js'
import { LocalCopyStore } from './LocalCopyStore.js'
import { hadPendingChanges, rememberRoom, roomDatabaseName, setPendingChanges } from './localData.js'
import {
  deleteDatabaseFully,
  deleteRoomDatabase,
  downloadBytes,
  exportFileName,
  isQuotaError,
  keepExportCopy,
  loadLocalCopy,
  type LocalProblem,
} from './localRecovery.js'
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
  /** Called after {@link CaseRoom.recoverFromServer} deleted the local copy: open the room anew. */
  onReopen?: () => void
  /** Offers the export as a file (tests replace the browser download). */
  download?: (fileName: string, bytes: Uint8Array) => void
}

/** Whether the server refused a change of this client (contract §8.2): resending it can only be refused again. */
export function isUpdateRefused(event: Pick<CloseEvent, 'code' | 'reason'>): boolean {
  return event.code === UpdateRefused.code && (event.reason === UpdateRefused.reason || event.reason === HoursMonthLocked.reason)
}

/** Origin of the updates read from the local database before y-indexeddb takes over. */
const localLoadOrigin = Symbol('local copy')

/** The sync endpoint on the page's own origin (contract §5). */
export function syncUrl(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/sync`
}

export type { LocalProblem }

export class CaseRoom {
  readonly doc = new Y.Doc()
  /** Writes the IndexedDB copy; null until the local copy was read, and when it cannot be used. */
  localCopy: LocalCopyStore | null = null
  /** Updates that arrived while the local copy was read; written once it is open. */
  private beforeLocalCopy: Uint8Array[] | null = []
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
  private localProblemNow: LocalProblem | null = null
  private recovering = false
  /** The server refused one of this client's changes: no more sending, no more editing. */
  private refused = false
  /** Set once the room dropped its local copy (4403, 4404); resolves when the database is gone. */
  localCopyDeleted: Promise<void> | null = null

  constructor(private readonly options: CaseRoomOptions) {
    const { roomName, access, user } = options
    this.roomName = roomName
    this.writableNow = access === 'write'
    rememberRoom(user.id, roomName)
    this.tracker = new AckTracker(this.writable && hadPendingChanges(user.id, roomName) ? 1 : 0)
    this.provider = new WebsocketProvider(syncUrl(), roomName, this.doc, {
      connect: false,
      // No copy of every change and caret move to the other tabs over a
      // BroadcastChannel: the relay is where access is checked (a tab of
      // another role or a stale session must not get a change it did not
      // get from the server), and cloning each keystroke twice more was
      // about a tenth of the typing's script (issue 21, typing profile).
      // Other tabs get changes through the relay, or from the local copy
      // when they next open the case offline.
      disableBc: true,
      shouldReconnect: (event) => !closeCodesThatStopReconnecting.has(event.code) && !isUpdateRefused(event),
    })
    this.provider.awareness.setLocalStateField('user', { name: user.name, color: userColor(user.id) })
    const provider = this.provider
    this.detachProbe = attachAckProbe({
      doc: this.doc,
      provider,
      tracker: this.tracker,
      isRemoteOrigin: (origin) => origin === provider || origin === localLoadOrigin || !this.writable,
    })
    this.snapshotCache = this.computeSnapshot()

    // Local copy first, so the case opens offline (contract §6).
    this.doc.on('update', this.storeUpdate)
    void this.openLocalCopy()
    provider.on('status', ({ status }) => {
      if (status === 'connected') {
        this.everConnected = true
        this.lastProblem = null
      }
      this.changed()
    })
    provider.on('sync', () => this.changed())
    provider.on('connection-close', (event) => this.handleClose(event))
    // localStorage is written only when the flag flips: a write per keystroke
    // showed in the typing profile (issue 21).
    let pendingFlag: boolean | null = null
    this.tracker.subscribe(() => {
      const pending = this.tracker.pending > 0
      if (pending !== pendingFlag) {
        pendingFlag = pending
        setPendingChanges(user.id, roomName, pending)
      }
      this.changed()
    })
    provider.connect()
  }

  /**
   * Reads the local database defensively (a stored update that throws, an
   * open that fails, missing stores), so a bad copy surfaces as
   * {@link localProblem} instead of an endless "loading", then keeps the
   * database open to write this session's updates.
   */
  private async openLocalCopy(): Promise<void> {
    const name = roomDatabaseName(this.options.user.id, this.roomName)
    const provider = this.provider
    // Offline the provider would only echo the copy to other tabs (see applyStoredUpdate).
    const apply = (update: Uint8Array): void =>
      applyStoredUpdate(this.doc, update, localLoadOrigin, { unheardBy: provider.wsconnected ? [] : [provider._updateHandler] })
    const loaded = await loadLocalCopy(name, apply, { keepOpen: true })
    const arrived = this.beforeLocalCopy ?? []
    this.beforeLocalCopy = null
    // Closed for good while reading (4403/4404), or closed: writing now
    // would keep the database that dropLocalCopy deletes.
    if (this.destroyed || this.localCopyDeleted !== null) {
      loaded.db?.close()
      return
    }
    if (loaded.problem !== null || loaded.db === undefined) {
      // Keep what could be read for the export; do not mix it further with
      // the server until the user chose to recover.
      this.provider.shouldConnect = false
      this.provider.disconnect()
      this.setLocalProblem(loaded.problem ?? 'corrupt')
      return
    }
    this.localCopy = new LocalCopyStore(loaded.db, this.doc, {
      storedKeys: loaded.keys ?? [],
      origin: localLoadOrigin,
      onWriteError: (error) => {
        if (isQuotaError(error)) {
          this.setLocalProblem('full')
        }
      },
    })
    // What arrived (from the server) while the copy was read.
    for (const update of arrived) {
      this.localCopy.store(update)
    }
    this.localLoaded = true
    this.changed()
  }

  private readonly storeUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === localLoadOrigin) {
      return
    }
    if (this.localCopy) {
      this.localCopy.store(update)
    } else {
      this.beforeLocalCopy?.push(update)
    }
  }

  private setLocalProblem(problem: LocalProblem): void {
    if (this.localProblemNow === problem || (this.localProblemNow !== null && problem === 'schema')) {
      return
    }
    this.localProblemNow = problem
    this.changed()
  }

  /** The document reads as a newer schema or invalid: offer the recovery too. */
  reportSchemaProblem(): void {
    if (this.localProblemNow === null) {
      this.setLocalProblem('schema')
    }
  }

  /** Everything this device holds of the room, as one Yjs update. */
  exportLocal(): Uint8Array {
    return Y.encodeStateAsUpdate(this.doc)
  }

  /** Downloads {@link exportLocal} and keeps a copy in localStorage (when it fits). */
  downloadExport(): void {
    const bytes = this.exportLocal()
    keepExportCopy(this.options.user.id, this.roomName, bytes)
    ;(this.options.download ?? downloadBytes)(exportFileName(this.roomName), bytes)
  }

  /**
   * Exports the local state first (download and a kept copy), then deletes
   * the room's local database and asks the owner to open the room anew, so it
   * loads from the server. With `reloadApp` the app is reloaded instead (after
   * a refusal: the refused change may come from an outdated app, and the
   * reload brings the new version).
   */
  async recoverFromServer(options: { reloadApp?: () => Promise<void> | void } = {}): Promise<void> {
    if (this.recovering) {
      return
    }
    this.recovering = true
    this.downloadExport()
    this.provider.shouldConnect = false
    this.provider.disconnect()
    const localCopy = this.localCopy
    this.localCopy = null
    this.doc.off('update', this.storeUpdate)
    if (localCopy) {
      await localCopy.close()
    }
    await deleteRoomDatabase(roomDatabaseName(this.options.user.id, this.roomName))
    // The exported changes are no longer waiting in this copy.
    setPendingChanges(this.options.user.id, this.roomName, false)
    if (options.reloadApp) {
      await options.reloadApp()
      return
    }
    this.options.onReopen?.()
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
      this.closedReason = event.code === RoomErased.code ? 'erased' : 'accessRevoked'
      this.dropLocalCopy()
    } else if (isUpdateRefused(event)) {
      // Kept as the problem too: a locked month of hours (issue 18) has its own message.
      this.lastProblem = { code: event.code, reason: event.reason }
      this.handleRefused()
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
   * The server refused a change (schema or role, contract §8.2) and stored
   * nothing of it. The provider would resend it on every reconnect, so the
   * room stops connecting and turns read-only; what this device holds is
   * kept as an export copy at once, and the user chooses to download it and
   * reload the document from the server ({@link recoverFromServer}).
   */
  private handleRefused(): void {
    this.provider.shouldConnect = false
    keepExportCopy(this.options.user.id, this.roomName, this.exportLocal())
    this.refused = true
    this.setLocalProblem('refused')
  }

  /**
   * Contract §4: after 4403/4404 the device must not keep the room. Stops
   * storing, closes the local copy's connection (a delete waits for open
   * connections) and deletes the database; {@link localCopyDeleted} resolves
   * once it is gone.
   */
  private dropLocalCopy(): void {
    this.provider.shouldConnect = false
    setPendingChanges(this.options.user.id, this.roomName, false)
    this.doc.off('update', this.storeUpdate)
    const localCopy = this.localCopy
    this.localCopy = null
    const name = roomDatabaseName(this.options.user.id, this.roomName)
    this.localCopyDeleted = (localCopy ? localCopy.close() : Promise.resolve())
      .catch(() => undefined)
      .then(() => deleteDatabaseFully(name))
  }

  /**
   * Whether local edits are allowed now. The server decides per connection;
   * {@link setAccess} follows its changes without reconnecting.
   */
  get writable(): boolean {
    return this.writableNow && !this.refused
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
      refused: this.refused,
    }
    return {
      facts,
      state: roomSyncState(facts),
      closedReason: this.closedReason,
      problem: this.lastProblem,
      writable: this.writableNow && !this.refused,
      localProblem: this.localProblemNow,
    }
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
    this.doc.off('update', this.storeUpdate)
    void this.localCopy?.close()
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
  /** The local copy cannot be used (corrupt, device full, older/newer schema). */
  localProblem: LocalProblem | null
}
