/**
 * One loaded room: its document, awareness and open connections, put
 * together from parts with one job each — the commit queue (commit, then
 * apply, then forward), the fan-out follower (other processes' rows, in
 * order), the awareness accounts (who owns which awareness client id) and
 * the compaction policy — plus the after-commit hooks the relay registered.
 */
import type * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import { errorMessage } from '../../../../shared/src/errors.js'
import { RoomErased } from '../../../../shared/src/protocol/closeCodes.js'
import type { RoomName } from '../../../../shared/src/protocol/roomName.js'
import type { UpdateRefusal } from '../../../../shared/src/caseDocument/checkUpdate.js'
import type { Role } from '../../../../shared/src/policy/access.js'
import { transactYoung } from '../../../../shared/src/yjs/youngTransactions.js'
import type { Fanout } from '../../fanout/Fanout.js'
import type { Logger } from '../../log.js'
import type { Metrics } from '../../metrics.js'
import { CaseErasedError } from '../../storage/rooms/RoomStorage.js'
import type { AppendResult, RoomStorage, StoredUpdate } from '../../storage/rooms/RoomStorage.js'
import { encodeSyncUpdate } from '../messages.js'
import { OutgoingFrame } from '../OutgoingFrame.js'
import type { AwarenessAccounts } from './AwarenessAccounts.js'
import { CommitQueue, type CommittedUpdate } from './CommitQueue.js'
import { CompactionPolicy, type CompactionThresholds } from './CompactionPolicy.js'
import type { CompactionQueue } from './CompactionQueue.js'
import type { GroupCommit } from './GroupCommit.js'
import { FanoutFollower, type RowForwarding } from './FanoutFollower.js'
import type { DecodedUpdate } from './fragmentRoots.js'
import { RoomAwareness } from './RoomAwareness.js'
import type { RoomConnection } from './RoomConnection.js'
import type { RoomHook } from './RoomHooks.js'
import { TaskChain } from './TaskChain.js'
import { UpdateJudge } from './UpdateJudge.js'

/** Dependencies and settings of a room. */
export interface RoomOptions extends CompactionThresholds {
  storage: RoomStorage
  /** The relay's group commit: this room's batches commit with the other rooms' of the same turn. */
  groupCommit: GroupCommit
  /** The relay's compaction queue: compactions run one at a time, off the commit path. */
  compactions: CompactionQueue
  logger: Logger
  metrics: Metrics
  /** Server-side reactions (e.g. the plan-title mirror), in registration order. */
  hooks?: readonly RoomHook[]
  /** Set when several processes share the storage: the room follows the others' changes. */
  fanout?: Fanout
  /** The member ids of a case, read fresh: a plan's participant may name only a member (issue 16). */
  caseMemberIds?: (caseId: string) => Promise<ReadonlySet<string>>
}

/** A room held in memory while it has connections (and for an idle period after). */
export class Room {
  // A fixed guid: a random one costs ~30 random draws per room load (CPU profile, issue 21); the relay's doc has no subdocs.
  readonly doc = new Y.Doc({ gc: true, guid: 'room' })
  readonly connections = new Set<RoomConnection>()
  /** Connections plus other users (upgrades in progress, server-side changes). */
  holds = 0
  /** The awareness and its accounts, made when someone first sends awareness. */
  private readonly roomAwareness: RoomAwareness
  private readonly tasks: TaskChain
  private readonly commits: CommitQueue<RoomConnection>
  private readonly compaction: CompactionPolicy
  private readonly follower: FanoutFollower | null
  private readonly hooks: readonly RoomHook[]
  /** Judges client updates before they are committed (contract §8.2). */
  private readonly judge: UpdateJudge
  /** Single process: the highest row number the document holds (every row up to it is applied, none above). */
  private storedHead = 0
  /** The highest row number of the batch between its commit and its apply. */
  private committedHead = 0

  private constructor(
    readonly name: string,
    readonly parsed: RoomName,
    private readonly options: RoomOptions,
  ) {
    const { storage, logger, metrics, fanout } = options
    this.hooks = options.hooks ?? []
    this.judge = new UpdateJudge(this.doc, parsed)
    this.tasks = new TaskChain((err) => logger.error({ room: name, error: errorMessage(err) }, 'a room task failed'))
    this.compaction = new CompactionPolicy(name, () => this.compactLog(), options, metrics, logger)
    this.roomAwareness = new RoomAwareness(this.doc, () => ({
      connections: this.connections,
      broadcast: (message) => this.broadcast(message, null),
      ...(fanout ? { publish: (update: Uint8Array, accounts: ReadonlyMap<number, string>) => fanout.publishAwareness(name, update, accounts) } : {}),
      logger,
      room: name,
    }))
    // Another process's awareness makes this room's; a query finds none here when nobody sent any.
    const remoteAwareness = {
      applyRemote: (update: Uint8Array, accounts: ReadonlyMap<number, string>) => this.roomAwareness.accounts.applyRemote(update, accounts),
      publishOwn: () => this.roomAwareness.publishOwn(),
    }
    this.follower = fanout ? new FanoutFollower(this, { fanout, storage, tasks: this.tasks, metrics, awareness: remoteAwareness }) : null
    this.commits = new CommitQueue<RoomConnection>(this.tasks, {
      // metrics hook: commit time, and batches whose commit failed (their connections close with 1011 and resend).
      append: async (updates) => {
        const commitTimer = metrics.commitSeconds.startTimer()
        const result = await options.groupCommit.append(name, updates)
        const seconds = commitTimer()
        if (logger.isLevelEnabled('debug')) {
          // Sizes and time only: an update's bytes are document content.
          const bytes = updates.reduce((sum, update) => sum + update.byteLength, 0)
          logger.debug({ room: name, updates: updates.length, bytes, ms: Math.round(seconds * 10_000) / 10 }, 'batch committed')
        }
        return result
      },
      appendFailed: (err) => {
        metrics.failedCommits.value += 1
        this.commitFailed(err)
      },
      afterAppend: (result, updates) => this.afterAppend(result, updates),
      apply: (updates) => this.applyCommitted(updates),
      forward: (batch) => this.forwardBatch(batch),
      afterBatch: (batch, result) => this.afterBatch(batch, result),
    })
  }

  /**
   * Loads a room's stored log into a new room. A followed room subscribes
   * first (see FanoutFollower.join), so nothing committed elsewhere between
   * subscription and load is lost.
   */
  static async load(name: string, parsed: RoomName, options: RoomOptions): Promise<Room> {
    const room = new Room(name, parsed, options)
    const started = performance.now()
    await room.follower?.join()
    let rows: StoredUpdate[]
    try {
      rows = await options.storage.loadUpdates(name)
      room.applyRows(rows, 'none')
      room.compaction.loaded(rows)
      room.storedHead = rows.at(-1)?.seq ?? 0
    } catch (err) {
      await room.follower?.leave()
      throw err
    }
    options.logger.debug(
      { room: name, rows: rows.length, bytes: rows.reduce((sum, row) => sum + row.data.byteLength, 0), ms: Math.round(performance.now() - started) },
      'room loaded',
    )
    room.follower?.loaded(rows)
    for (const hook of room.hooks) {
      room.runHook(hook, () => hook.loaded?.(room))
    }
    return room
  }

  /** The room's awareness (made on first use). */
  get awareness(): awarenessProtocol.Awareness {
    return this.roomAwareness.awareness
  }

  /** Who owns which awareness client id, here and on other processes (made on first use). */
  get awarenessAccounts(): AwarenessAccounts {
    return this.roomAwareness.accounts
  }

  /** Whether anyone sent this room awareness since it loaded. */
  get hasAwareness(): boolean {
    return this.roomAwareness.exists
  }

  /** The client ids with an awareness state; none (and nothing made) when nobody sent awareness. */
  awarenessClientIds(): number[] {
    return this.roomAwareness.clientIds()
  }

  /** Highest row number applied to the doc (followed rooms; 0 otherwise). */
  get appliedSeq(): number {
    return this.follower?.appliedSeq ?? 0
  }

  /**
   * Commits an update, then applies it and forwards it to every connection
   * but its origin (contract §6: commit before forward). Resolves once all of
   * that is done.
   */
  submitUpdate(update: Uint8Array, origin: RoomConnection | null): Promise<void> {
    if (origin === null) {
      // The server's own changes are not judged, but later client updates are judged after them.
      this.judge.follow(update)
    }
    return this.commits.submit(update, origin)
  }

  /** The case's member ids for a plan room (participants name members, issue 16); undefined for other rooms. */
  async memberIdsToJudge(): Promise<ReadonlySet<string> | undefined> {
    const lookup = this.options.caseMemberIds
    return this.parsed.kind === 'plan' && lookup !== undefined ? lookup(this.parsed.caseId) : undefined
  }

  /**
   * Contract §8.2: judges a client update against the room's state plus
   * every update submitted before it (see UpdateJudge); null when accepted,
   * and then it must be submitted right away.
   */
  judgeUpdate(update: Uint8Array, role: Role, memberIds?: ReadonlySet<string>): UpdateRefusal | null {
    return this.judging(() => this.judge.judge(update, role, this.commits.unapplied(), memberIds))
  }

  /** Contract §8.2 for rich text (see UpdateJudge.acceptRichText): true when accepted, and then it must be submitted right away. */
  acceptRichText(update: Uint8Array, role: Role, decoded: DecodedUpdate): boolean {
    return this.judging(() => this.judge.acceptRichText(update, decoded, role))
  }

  /** A judgement that throws may have left the scratch half-written: it is rebuilt. */
  private judging<T>(judgement: () => T): T {
    try {
      return judgement()
    } catch (err) {
      this.judge.discard()
      throw err
    }
  }

  /** Resolves once every update submitted so far is committed and applied. */
  settled(): Promise<void> {
    return this.commits.settled()
  }

  /** Scaled out: reads and forwards rows up to `head` this process missed (see FanoutFollower.catchUpTo). */
  async catchUpTo(head: number): Promise<void> {
    await this.follower?.catchUpTo(head)
  }

  /** Compacts the stored log after pending commits (contract §6: when the last client leaves). */
  async compactWhenSettled(): Promise<void> {
    await this.settled()
    if (this.compaction.compactable) {
      await this.queueCompaction()
    }
  }

  /**
   * Applies stored rows (oldest first) to the doc. `forward` says what the
   * connections get: nothing (the room's load); each row as it was
   * committed ('rows': another process's rows from the fan-out, each new
   * here); or only what the document lacked, as one update ('changes': rows
   * read back from storage, where one may be a compaction that merged rows
   * applied here long ago into the row of its highest number; forwarding it
   * as stored sent every connection the whole history again).
   */
  applyRows(rows: readonly StoredUpdate[], requested: RowForwarding): void {
    // The 'update' event comes when the outermost transaction ends: inside another (never so today) rows go out as stored.
    const forward: RowForwarding = requested === 'changes' && this.doc._transaction !== null ? 'rows' : requested
    const changes: Uint8Array[] = []
    const collect = (update: Uint8Array): void => {
      changes.push(update)
    }
    if (forward === 'changes') {
      this.doc.on('update', collect)
    }
    try {
      // One Yjs transaction for all rows: observers and the merging of
      // adjacent items run once, not per row (a long log loads several times faster).
      transactYoung(this.doc, () => {
        for (const row of rows) {
          this.applyLogged(row.data, 'skipping a stored update that failed to apply')
          this.judge.follow(row.data)
          if (forward === 'rows') {
            this.broadcast(encodeSyncUpdate(row.data), null)
          }
        }
      }, this)
    } finally {
      this.doc.off('update', collect)
    }
    if (changes.length > 0) {
      this.broadcast(encodeSyncUpdate(changes.length === 1 ? (changes[0] as Uint8Array) : Y.mergeUpdates(changes)), null)
    }
    if (forward !== 'none') {
      // Rows of other processes lengthen the log too.
      this.compaction.appended(rows.length, rows.reduce((sum, row) => sum + row.data.byteLength, 0))
    }
  }

  /** Sends a frame to every connection except `except`. */
  broadcast(message: Uint8Array, except: RoomConnection | null): void {
    const frame = new OutgoingFrame(message)
    for (const connection of this.connections) {
      if (connection !== except) {
        connection.send(frame)
      }
    }
  }

  /** Forgets a closed connection and removes the awareness states it introduced (broadcasting the removal). */
  removeConnection(connection: RoomConnection): void {
    if (this.connections.delete(connection)) {
      this.roomAwareness.removeConnection(connection)
    }
  }

  /** Frees the room's memory and stops following it; called when it is unloaded. */
  destroy(): void {
    this.follower?.leave().catch((err: unknown) => {
      this.options.logger.warn({ room: this.name, error: errorMessage(err) }, 'leaving the room on the fan-out failed')
    })
    this.judge.discard()
    this.roomAwareness.destroy()
    this.doc.destroy()
  }

  private commitFailed(err: unknown): void {
    // The scratch copy holds the batch, which the room never applies.
    this.judge.discard()
    if (err instanceof CaseErasedError) {
      // The case was erased (by this or another process): nothing of it is stored again.
      for (const connection of [...this.connections]) {
        connection.close(RoomErased)
      }
      return
    }
    this.options.logger.error({ room: this.name, error: errorMessage(err) }, 'committing updates failed')
  }

  private async afterAppend(result: AppendResult, updates: readonly Uint8Array[]): Promise<void> {
    this.compaction.appended(
      updates.length,
      updates.reduce((sum, update) => sum + update.byteLength, 0),
    )
    this.options.metrics.committedUpdates.value += updates.length
    this.committedHead = Math.max(this.committedHead, ...result.seqs)
    await this.follower?.committed(result.seqs, updates)
  }

  private applyCommitted(updates: readonly Uint8Array[]): void {
    // One Yjs transaction per batch: observers and item merging run once.
    transactYoung(this.doc, () => {
      for (const update of updates) {
        this.applyLogged(update, 'a committed update failed to apply')
      }
    }, this)
    // In the same synchronous step as the apply: a compaction reads both together.
    this.storedHead = this.committedHead
  }

  /**
   * Replaces the stored log by one row. A single process is the room's only
   * writer and its document is exactly the merge of the rows up to
   * storedHead, so that state is stored as it is: a CPU profile of the ramp
   * showed 100 rooms passing the row threshold together and their
   * compactions (open 500 rows, replay, merge) taking over half the core,
   * which made the step fail. Scaled out, other processes append too, so
   * storage merges what it has (RoomStorage.compact).
   */
  private compactLog(): Promise<void> {
    if (this.follower !== null) {
      return this.options.storage.compact(this.name)
    }
    // Read together, before anything is awaited: later rows have higher numbers and stay.
    return this.options.storage.replaceWithState(this.name, Y.encodeStateAsUpdate(this.doc), this.storedHead)
  }

  /**
   * One frame per connection for the whole batch (issue 21): the batch's
   * updates merged, without the ones a connection sent itself.
   */
  private forwardBatch(batch: readonly CommittedUpdate<RoomConnection>[]): void {
    if (this.connections.size === 0) {
      return
    }
    const origins = new Set(batch.map((entry) => entry.origin))
    const everything = new OutgoingFrame(mergedFrame(batch.map((entry) => entry.update)))
    for (const connection of this.connections) {
      if (!origins.has(connection)) {
        connection.send(everything)
        continue
      }
      const others = batch.filter((entry) => entry.origin !== connection).map((entry) => entry.update)
      if (others.length > 0) {
        connection.send(mergedFrame(others))
      }
    }
  }

  private queueCompaction(): Promise<void> {
    return this.options.compactions.enqueue(this.name, () => this.compaction.compact())
  }

  private async afterBatch(updates: readonly CommittedUpdate<RoomConnection>[], result: AppendResult): Promise<void> {
    for (const hook of this.hooks) {
      this.runHook(hook, () => hook.afterCommit?.({ room: this, updates, seqs: result.seqs }))
    }
    if (this.compaction.due) {
      // Not awaited: the queue runs it off the commit path.
      void this.queueCompaction()
    }
  }

  private applyLogged(update: Uint8Array, failure: string): void {
    try {
      Y.applyUpdate(this.doc, update, this)
    } catch (err) {
      // One bad row must not make the whole room unreadable.
      this.options.logger.error({ room: this.name, error: errorMessage(err) }, failure)
    }
  }

  /** A hook's failure is logged and never reaches the commit path. */
  private runHook(hook: RoomHook, call: () => void): void {
    try {
      call()
    } catch (err) {
      this.options.logger.error({ room: this.name, hook: hook.name, error: errorMessage(err) }, 'a room hook failed')
    }
  }
}

/** A sync update frame carrying `updates` merged into one (committed updates: they merge). */
function mergedFrame(updates: readonly Uint8Array[]): Uint8Array {
  const [only] = updates
  return encodeSyncUpdate(updates.length === 1 && only !== undefined ? only : Y.mergeUpdates([...updates]))
}
