/**
 * One loaded room: its Y.Doc, awareness, open connections, and the group
 * commit queue that enforces contract §6 — an update is appended to storage
 * before the room applies it or any other connection sees it. With several
 * processes the room also follows the others through a {@link Fanout}:
 * their committed updates and awareness arrive here, ours go out after
 * commit, and a gap in the row numbers is filled from storage.
 */
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import { errorMessage } from '../../../shared/src/errors.js'
import { RoomErased, type CloseCode } from '../../../shared/src/protocol/closeCodes.js'
import type { RoomName } from '../../../shared/src/protocol/roomName.js'
import type { Logger } from '../log.js'
import type { Metrics } from '../metrics.js'
import type { Fanout, RoomListener } from '../fanout/Fanout.js'
import { CaseErasedError, type AppendResult, type RoomStorage, type StoredUpdate } from '../storage/Storage.js'
import { decodeAwarenessUpdate, encodeAwarenessEntries } from './awareness.js'
import { encodeAwareness, encodeSyncUpdate } from './messages.js'

/** What a room needs from its connections. */
export interface RoomConnection {
  /** The account behind the connection. */
  readonly userId: string
  /** Sends a binary frame; a no-op once closed. */
  send(message: Uint8Array): void
  /** Awareness client ids this connection introduced, removed when it closes. */
  readonly awarenessIds: Set<number>
  /** Closes the connection with a close code of the contract. */
  close(code: CloseCode): void
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
  /**
   * Compact once the rows appended since the last compaction hold more bytes
   * than this (a few large pastes make a long log as surely as many keystrokes).
   */
  compactAfterBytes: number
  /** Called after each committed and applied batch with the accounts whose connections sent it (mirror the plan title, record versions). */
  afterCommit?: (room: Room, authors: readonly string[]) => void
  /** Set when several processes share the storage: the room follows the others' changes. */
  fanout?: Fanout
}

/** Origin of awareness changes that came from another process (they are not published again). */
const remoteOrigin = Symbol('remote process')

/** A room held in memory while it has connections (and for an idle period after). */
export class Room {
  readonly doc = new Y.Doc({ gc: true })
  readonly awareness = new awarenessProtocol.Awareness(this.doc)
  readonly connections = new Set<RoomConnection>()
  /** Connections plus other users (upgrades in progress, server-side changes). */
  holds = 0
  private storedRows = 0
  /** Bytes of the rows after the first (the last compaction's state) in the stored log, as far as this process knows. */
  private bytesSinceCompaction = 0
  private pending: PendingUpdate[] = []
  private flushScheduled = false
  /** Serialises commits, remote updates and catch-up reads, so row numbers are applied in order. */
  private flushChain: Promise<void> = Promise.resolve()
  /** Highest row number applied to `doc` (followed rooms only). */
  private lastSeq = 0
  /**
   * The account (user id) behind every awareness client id with a state,
   * this process's connections' and those of other processes alike, so an
   * id is refused to another account wherever its owner is connected.
   */
  private readonly awarenessAccounts = new Map<number, string>()
  /** Fan-out messages received while the room was still loading. */
  private early: Array<() => void> | null = []
  private readonly listener: RoomListener = {
    updates: (seqs, updates) => this.whenLoaded(() => this.enqueue(() => this.applyRemote(seqs, updates))),
    awareness: (update, accounts) => this.whenLoaded(() => this.applyRemoteAwareness(update, accounts)),
    awarenessQuery: () => this.whenLoaded(() => this.publishOwnAwareness()),
  }

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
            this.awarenessAccounts.set(id, owner.userId)
          }
          for (const id of removed) {
            owner.awarenessIds.delete(id)
          }
        }
        for (const id of removed) {
          this.awarenessAccounts.delete(id)
        }
        const changed = [...added, ...updated, ...removed]
        const message = encodeAwareness(this.awareness, changed)
        this.broadcast(message, null)
        if (origin !== remoteOrigin && this.options.fanout) {
          this.options.fanout.publishAwareness(this.name, awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed), this.accountsOf(changed))
        }
      },
    )
  }

  /**
   * Loads a room's stored log into a new room. A followed room subscribes
   * first and keeps what arrives meanwhile, then loads, then handles the
   * kept messages (those already in the load are skipped by row number), so
   * nothing committed elsewhere in between is lost.
   */
  static async load(name: string, parsed: RoomName, options: RoomOptions): Promise<Room> {
    const room = new Room(name, parsed, options)
    const fanout = options.fanout
    if (fanout) {
      await fanout.joinRoom(name, room.listener)
    }
    try {
      const updates = await options.storage.loadUpdates(name)
      room.applyStored(updates, false)
      room.storedRows = updates.length
      room.bytesSinceCompaction = updates.slice(1).reduce((sum, row) => sum + row.data.byteLength, 0)
    } catch (err) {
      if (fanout) {
        await fanout.leaveRoom(name, room.listener)
      }
      throw err
    }
    const early = room.early ?? []
    room.early = null
    for (const handle of early) {
      handle()
    }
    // Awareness states held by the other processes' connections.
    fanout?.publishAwarenessQuery(name)
    return room
  }

  /** Highest row number applied to the doc (followed rooms). */
  get appliedSeq(): number {
    return this.lastSeq
  }

  private whenLoaded(handle: () => void): void {
    if (this.early) {
      this.early.push(handle)
    } else {
      handle()
    }
  }

  /** Applies stored rows (oldest first) to the doc, optionally forwarding each to every connection. */
  private applyStored(rows: readonly StoredUpdate[], forward: boolean): void {
    // One Yjs transaction for all rows: observers and the merging of
    // adjacent items run once, not per row (a long log loads several times faster).
    this.doc.transact(() => this.applyStoredRows(rows, forward), this)
  }

  private applyStoredRows(rows: readonly StoredUpdate[], forward: boolean): void {
    for (const row of rows) {
      try {
        Y.applyUpdate(this.doc, row.data, this)
      } catch (err) {
        // One bad row must not make the whole room unreadable.
        this.options.logger.error({ room: this.name, error: errorMessage(err) }, 'skipping a stored update that failed to apply')
      }
      if (forward) {
        this.broadcast(encodeSyncUpdate(row.data), null)
      }
      this.lastSeq = Math.max(this.lastSeq, row.seq)
    }
  }

  /** Runs a task after every earlier commit, remote update and catch-up. */
  private enqueue(task: () => Promise<void>): void {
    this.flushChain = this.flushChain.then(task).catch((err: unknown) => {
      this.options.logger.error({ room: this.name, error: errorMessage(err) }, 'a room task failed')
    })
  }

  /**
   * Updates another process committed: applied and forwarded in row order.
   * A message may come late, twice or never (pub/sub): rows already applied
   * are skipped, and a hole before them is filled from storage, which holds
   * everything committed.
   */
  private async applyRemote(seqs: readonly number[], updates: readonly Uint8Array[]): Promise<void> {
    for (const [index, seq] of seqs.entries()) {
      const update = updates[index]
      if (seq <= this.lastSeq || update === undefined) {
        continue
      }
      if (seq !== this.lastSeq + 1) {
        await this.catchUp(Number.POSITIVE_INFINITY)
        continue
      }
      this.applyStored([{ seq, data: update }], true)
      this.options.metrics.remoteUpdates.value += 1
    }
  }

  /**
   * Periodic catch-up (a lost last message, Redis briefly down): when the
   * room's head in storage is past the last row applied here, reads and
   * forwards the missing rows, after every earlier commit and remote update.
   */
  catchUpTo(head: number): Promise<void> {
    return new Promise((resolve) => {
      this.enqueue(async () => {
        try {
          if (head > this.lastSeq) {
            await this.catchUp(Number.POSITIVE_INFINITY)
          }
        } finally {
          resolve()
        }
      })
    })
  }

  /** Reads and forwards the stored rows after the last one applied, up to (not including) `before`. */
  private async catchUp(before: number): Promise<void> {
    const rows = (await this.options.storage.loadUpdates(this.name, this.lastSeq)).filter((row) => row.seq < before)
    this.options.metrics.gapReads.value += 1
    this.applyStored(rows, true)
  }

  /** The known accounts of some awareness client ids. */
  private accountsOf(ids: readonly number[]): Map<number, string> {
    const accounts = new Map<number, string>()
    for (const id of ids) {
      const userId = this.awarenessAccounts.get(id)
      if (userId !== undefined) {
        accounts.set(id, userId)
      }
    }
    return accounts
  }

  /** The account (user id) whose connection, here or in another process, set the awareness state of a client id. */
  awarenessAccount(clientId: number): string | undefined {
    return this.awarenessAccounts.get(clientId)
  }

  /**
   * Awareness from another process. An entry that would give a client id
   * with a live state to another account than the one holding it here is
   * dropped (the two processes judged concurrently); the same account taking
   * its id over from one of this process's connections (a reconnect that
   * landed on the other process) releases it from that connection.
   */
  private applyRemoteAwareness(update: Uint8Array, accounts: ReadonlyMap<number, string>): void {
    try {
      const accepted = decodeAwarenessUpdate(update, { bounded: false }).filter((entry) => {
        const claimed = accounts.get(entry.clientId) ?? verifiedUserId(entry.state)
        const known = this.awarenessAccounts.get(entry.clientId)
        const knownClock = this.awareness.meta.get(entry.clientId)?.clock ?? -1
        if (entry.state !== null && known !== undefined && claimed !== known && entry.clock > knownClock && this.awareness.getStates().has(entry.clientId)) {
          this.options.logger.warn({ room: this.name, clientId: entry.clientId }, "dropping another process's awareness entry for a client id of another account")
          return false
        }
        if (entry.clock > knownClock) {
          if (claimed !== undefined && claimed === known) {
            this.awarenessOwner(entry.clientId)?.awarenessIds.delete(entry.clientId)
          }
          if (entry.state !== null && claimed !== undefined) {
            this.awarenessAccounts.set(entry.clientId, claimed)
          }
        }
        return true
      })
      if (accepted.length > 0) {
        awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(accepted), remoteOrigin)
      }
    } catch (err) {
      this.options.logger.warn({ room: this.name, error: errorMessage(err) }, 'an awareness update from another process failed to apply')
    }
  }

  /** Answers another process's awareness query with the states of this process's connections. */
  private publishOwnAwareness(): void {
    const ids = [...this.connections].flatMap((connection) => [...connection.awarenessIds])
    if (ids.length > 0 && this.options.fanout) {
      this.options.fanout.publishAwareness(this.name, awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids), this.accountsOf(ids))
    }
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
          this.enqueue(() => this.flush())
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
    let committed: AppendResult
    try {
      committed = await this.options.storage.appendUpdates(
        this.name,
        batch.map((entry) => entry.update),
      )
    } catch (err) {
      for (const entry of batch) {
        entry.reject(new Error('commit failed'))
      }
      if (err instanceof CaseErasedError) {
        // The case was erased (by this or another process): nothing of it is stored again.
        for (const connection of [...this.connections]) {
          connection.close(RoomErased)
        }
        return
      }
      this.options.logger.error({ room: this.name, error: errorMessage(err) }, 'committing updates failed')
      return
    }
    this.storedRows = committed.rows
    this.bytesSinceCompaction += batch.reduce((sum, entry) => sum + entry.update.byteLength, 0)
    this.options.metrics.committedUpdates.value += batch.length
    const fanout = this.options.fanout
    const firstSeq = committed.seqs[0]
    if (fanout && firstSeq !== undefined) {
      // Contract §6: published after the commit. Rows other processes
      // committed before ours are applied and forwarded first.
      fanout.publishUpdates(
        this.name,
        committed.seqs,
        batch.map((entry) => entry.update),
      )
      if (firstSeq > this.lastSeq + 1) {
        await this.catchUp(firstSeq)
      }
      this.lastSeq = Math.max(this.lastSeq, ...committed.seqs)
    }
    for (const entry of batch) {
      try {
        Y.applyUpdate(this.doc, entry.update, this)
      } catch (err) {
        this.options.logger.error({ room: this.name, error: errorMessage(err) }, 'a committed update failed to apply')
      }
      this.broadcast(encodeSyncUpdate(entry.update), entry.origin)
      entry.resolve()
    }
    this.options.afterCommit?.(
      this,
      batch.flatMap((entry) => (entry.origin ? [entry.origin.userId] : [])),
    )
    if (this.storedRows > this.options.compactAfterUpdates || this.bytesSinceCompaction > this.options.compactAfterBytes) {
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
      this.bytesSinceCompaction = 0
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

  /** Frees the room's memory and stops following it; called when it is unloaded. */
  destroy(): void {
    this.options.fanout?.leaveRoom(this.name, this.listener).catch((err: unknown) => {
      this.options.logger.warn({ room: this.name, error: errorMessage(err) }, 'leaving the room on the fan-out failed')
    })
    this.awareness.destroy()
    this.doc.destroy()
  }
}

/** The user id the relay wrote into a state (withVerifiedUser), for messages of processes that did not send accounts. */
function verifiedUserId(state: Record<string, unknown> | null): string | undefined {
  const user = state?.user
  const id = typeof user === 'object' && user !== null ? (user as { id?: unknown }).id : undefined
  return typeof id === 'string' ? id : undefined
}
