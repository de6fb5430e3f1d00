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
import type { Role } from '../../../shared/src/policy/access.js'
import type { RoomName } from '../../../shared/src/protocol/roomName.js'
import type { Logger } from '../log.js'
import type { Metrics } from '../metrics.js'
import type { Fanout, RoomListener } from '../fanout/Fanout.js'
import { CaseErasedError, type AppendResult, type RoomStorage, type StoredUpdate } from '../storage/Storage.js'
import { UpdateRefusedError } from './MalformedMessageError.js'
import { encodeSyncUpdate } from './messages.js'
import { RoomAwareness } from './RoomAwareness.js'
import { UpdateJudge } from './UpdateJudge.js'

/** What a room needs from its connections. */
export interface RoomConnection {
  /** The account behind the connection. */
  readonly userId: string
  /** The role it writes as (narrows what its updates may change, contract §8.2). */
  readonly role: Role
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

/** A room held in memory while it has connections (and for an idle period after). */
export class Room {
  readonly doc = new Y.Doc({ gc: true })
  /** Awareness states and the accounts behind their client ids (RoomAwareness.ts). */
  private readonly presence: RoomAwareness
  readonly awareness: awarenessProtocol.Awareness
  readonly connections = new Set<RoomConnection>()
  /** Connections plus other users (upgrades in progress, server-side changes). */
  holds = 0
  private storedRows = 0
  /** Bytes of the rows after the first (the last compaction's state) in the stored log, as far as this process knows. */
  private bytesSinceCompaction = 0
  private pending: PendingUpdate[] = []
  /** Judges client updates before they are committed (contract §8.2). */
  private readonly judge: UpdateJudge
  private flushScheduled = false
  /** Serialises commits, remote updates and catch-up reads, so row numbers are applied in order. */
  private flushChain: Promise<void> = Promise.resolve()
  /** Highest row number applied to `doc` (followed rooms only). */
  private lastSeq = 0
  /** Fan-out messages received while the room was still loading. */
  private early: Array<() => void> | null = []
  private readonly listener: RoomListener = {
    updates: (seqs, updates) => this.whenLoaded(() => this.enqueue(() => this.applyRemote(seqs, updates))),
    awareness: (update, accounts) => this.whenLoaded(() => this.presence.applyRemote(update, accounts)),
    awarenessQuery: () => this.whenLoaded(() => this.presence.publishOwn()),
  }

  private constructor(
    readonly name: string,
    readonly parsed: RoomName,
    private readonly options: RoomOptions,
  ) {
    this.judge = new UpdateJudge(this.doc, parsed)
    this.presence = new RoomAwareness(this.doc, { name, connections: this.connections, broadcast: (message) => this.broadcast(message, null), logger: options.logger, fanout: options.fanout })
    this.awareness = this.presence.awareness
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
      this.judge.follow(row.data)
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

  /**
   * Contract §8.2: each client update of a batch is judged against the
   * room's state with the batch's earlier accepted updates; a refused one is
   * rejected (its connection closes with 4400) and nothing of it is stored.
   * The server's own changes are not judged.
   */
  private judgeBatch(batch: readonly PendingUpdate[]): PendingUpdate[] {
    const accepted: PendingUpdate[] = []
    for (const entry of batch) {
      if (entry.origin === null) {
        this.judge.follow(entry.update)
        accepted.push(entry)
        continue
      }
      let refusal
      try {
        refusal = this.judge.judge(entry.update, entry.origin.role, accepted)
      } catch (err) {
        this.judge.discard()
        this.options.logger.error({ room: this.name, error: errorMessage(err) }, 'judging an update failed')
        entry.reject(new Error('judging the update failed'))
        continue
      }
      if (refusal === null) {
        accepted.push(entry)
        continue
      }
      // The reason and the schema path, never content (a root's name is left out: the writer chose it).
      const detail = refusal.reason === 'unknownRoot' ? '' : `: ${refusal.detail}`
      entry.reject(new UpdateRefusedError(`update refused (${refusal.reason})${detail}`))
    }
    return accepted
  }

  private async flush(): Promise<void> {
    const pending = this.pending
    this.pending = []
    const batch = this.judgeBatch(pending)
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
      // The scratch holds the batch, which the room never applies.
      this.judge.discard()
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

  /** The account (user id) whose connection, here or in another process, set the awareness state of a client id. */
  awarenessAccount(clientId: number): string | undefined {
    return this.presence.accountOf(clientId)
  }

  /** The connection that introduced an awareness client id, if any. */
  awarenessOwner(clientId: number): RoomConnection | undefined {
    return this.presence.ownerOf(clientId)
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
    this.judge.discard()
    this.awareness.destroy()
    this.doc.destroy()
  }
}
