/**
 * One loaded room: its Y.Doc, awareness, open connections, and the group
 * commit queue that enforces contract §6 — an update is appended to storage
 * before the room applies it or any other connection sees it.
 */
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import { errorMessage } from '../../../shared/src/errors.js'
import type { RoomName } from '../../../shared/src/protocol/roomName.js'
import type { Logger } from '../log.js'
import type { Metrics } from '../metrics.js'
import type { RoomStorage } from '../storage/Storage.js'
import { encodeAwareness, encodeSyncUpdate } from './messages.js'

/** What a room needs from its connections. */
export interface RoomConnection {
  /** The account behind the connection. */
  readonly userId: string
  /** Sends a binary frame; a no-op once closed. */
  send(message: Uint8Array): void
  /** Awareness client ids this connection introduced, removed when it closes. */
  readonly awarenessIds: Set<number>
}

interface PendingUpdate {
  update: Uint8Array
  origin: RoomConnection | null
  resolve: () => void
  reject: (error: Error) => void
}

/** Dependencies and settings of a room. */
export interface RoomOptions {
  storage: RoomStorage
  logger: Logger
  metrics: Metrics
  /** Compact the stored log once it holds more rows than this. */
  compactAfterUpdates: number
  /** Called after each committed and applied batch (e.g. to mirror the plan title). */
  afterCommit?: (room: Room) => void
}

/** A room held in memory while it has connections (and for an idle period after). */
export class Room {
  readonly doc = new Y.Doc({ gc: true })
  readonly awareness = new awarenessProtocol.Awareness(this.doc)
  readonly connections = new Set<RoomConnection>()
  /** Connections plus other users (upgrades in progress, server-side changes). */
  holds = 0
  private storedRows = 0
  private pending: PendingUpdate[] = []
  private flushScheduled = false
  private flushChain: Promise<void> = Promise.resolve()

  private constructor(
    readonly name: string,
    readonly parsed: RoomName,
    private readonly options: RoomOptions,
  ) {
    // The relay is no participant: it has no awareness state of its own.
    this.awareness.setLocalState(null)
    this.awareness.on(
      'update',
      ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
        const owner = this.connections.has(origin as RoomConnection) ? (origin as RoomConnection) : undefined
        if (owner) {
          // `updated` too: a client that cleared its state and set it again
          // comes back as an update (its clock is known), not as an addition.
          for (const id of [...added, ...updated]) {
            owner.awarenessIds.add(id)
          }
          for (const id of removed) {
            owner.awarenessIds.delete(id)
          }
        }
        this.broadcast(encodeAwareness(this.awareness, [...added, ...updated, ...removed]), null)
      },
    )
  }

  /** Loads a room's stored log into a new room. */
  static async load(name: string, parsed: RoomName, options: RoomOptions): Promise<Room> {
    const room = new Room(name, parsed, options)
    const updates = await options.storage.loadUpdates(name)
    for (const update of updates) {
      try {
        Y.applyUpdate(room.doc, update, room)
      } catch (err) {
        // One bad row must not make the whole room unreadable.
        options.logger.error({ room: name, error: errorMessage(err) }, 'skipping a stored update that failed to apply')
      }
    }
    room.storedRows = updates.length
    return room
  }

  /**
   * Commits an update, then applies it and forwards it to every connection
   * but its origin (contract §6: commit before forward). Resolves once all of
   * that is done. Updates submitted in one event-loop turn share one
   * transaction.
   */
  submitUpdate(update: Uint8Array, origin: RoomConnection | null): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ update, origin, resolve, reject })
      if (!this.flushScheduled) {
        this.flushScheduled = true
        setImmediate(() => {
          this.flushScheduled = false
          this.flushChain = this.flushChain.then(() => this.flush())
        })
      }
    })
  }

  /** Resolves once every update submitted so far is committed and applied. */
  async settled(): Promise<void> {
    while (this.pending.length > 0 || this.flushScheduled) {
      await new Promise((resolve) => setImmediate(resolve))
      await this.flushChain
    }
    await this.flushChain
  }

  private async flush(): Promise<void> {
    const batch = this.pending
    this.pending = []
    if (batch.length === 0) {
      return
    }
    let rows: number
    try {
      rows = await this.options.storage.appendUpdates(
        this.name,
        batch.map((entry) => entry.update),
      )
    } catch (err) {
      this.options.logger.error({ room: this.name, error: errorMessage(err) }, 'committing updates failed')
      for (const entry of batch) {
        entry.reject(new Error('commit failed'))
      }
      return
    }
    this.storedRows = rows
    this.options.metrics.committedUpdates.value += batch.length
    for (const entry of batch) {
      try {
        Y.applyUpdate(this.doc, entry.update, this)
      } catch (err) {
        this.options.logger.error({ room: this.name, error: errorMessage(err) }, 'a committed update failed to apply')
      }
      this.broadcast(encodeSyncUpdate(entry.update), entry.origin)
      entry.resolve()
    }
    this.options.afterCommit?.(this)
    if (this.storedRows > this.options.compactAfterUpdates) {
      await this.compact()
    }
  }

  /** Compacts the stored log after pending commits (contract §6). */
  async compactWhenSettled(): Promise<void> {
    await this.settled()
    if (this.storedRows > 1) {
      await this.compact()
    }
  }

  private async compact(): Promise<void> {
    try {
      await this.options.storage.compact(this.name)
      this.storedRows = 1
      this.options.metrics.compactions.value += 1
    } catch (err) {
      this.options.logger.error({ room: this.name, error: errorMessage(err) }, 'compaction failed')
    }
  }

  /** Sends a frame to every connection except `except`. */
  broadcast(message: Uint8Array, except: RoomConnection | null): void {
    for (const connection of this.connections) {
      if (connection !== except) {
        connection.send(message)
      }
    }
  }

  /** The connection that introduced an awareness client id, if any. */
  awarenessOwner(clientId: number): RoomConnection | undefined {
    for (const connection of this.connections) {
      if (connection.awarenessIds.has(clientId)) {
        return connection
      }
    }
    return undefined
  }

  /** Forgets a closed connection and removes the awareness states it introduced (broadcasting the removal). */
  removeConnection(connection: RoomConnection): void {
    if (!this.connections.delete(connection)) {
      return
    }
    const ids = [...connection.awarenessIds]
    if (ids.length > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, ids, null)
    }
  }

  /** Frees the room's memory; called when it is unloaded. */
  destroy(): void {
    this.awareness.destroy()
    this.doc.destroy()
  }
}
