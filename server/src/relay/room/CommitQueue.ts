/**
 * Group commit (contract §6): an update is committed to storage, then
 * applied to the room's document, then forwarded to the other connections,
 * in that order and never otherwise, so whatever anyone has seen survives a
 * crash of the relay. Updates submitted in one event-loop turn share one
 * transaction and one pass of apply-and-forward.
 */
import type { AppendResult } from '../../storage/rooms/RoomStorage.js'
import type { TaskChain } from './TaskChain.js'

/** One update of a committed batch, with the connection it came from (null: a server-side change). */
export interface CommittedUpdate<Origin> {
  readonly update: Uint8Array
  readonly origin: Origin | null
}

/** What the queue does at each step; the room supplies them. */
export interface CommitSteps<Origin> {
  /** Durably appends a batch in one transaction; resolves only after the commit. */
  append(updates: readonly Uint8Array[]): Promise<AppendResult>
  /** The append failed: nothing of the batch is applied or forwarded (its submitters are rejected). */
  appendFailed(err: unknown): void
  /**
   * Between the commit and the apply: publishes the batch to the other
   * processes and applies rows they committed before ours, so every
   * connection sees rows in their stored order.
   */
  afterAppend(result: AppendResult, updates: readonly Uint8Array[]): Promise<void>
  /** Applies the committed updates to the room's document, in order (one document transaction). */
  apply(updates: readonly Uint8Array[]): void
  /** Forwards the committed and applied batch to every connection, each update except to its origin (one frame per connection). */
  forward(batch: readonly CommittedUpdate<Origin>[]): void
  /** After the whole batch is applied and forwarded (after-commit hooks, compaction). */
  afterBatch(batch: readonly CommittedUpdate<Origin>[], result: AppendResult): Promise<void>
}

interface PendingUpdate<Origin> extends CommittedUpdate<Origin> {
  resolve: () => void
  reject: (error: Error) => void
}

/** No updates in flight (one shared empty list instead of a new one per batch). */
const NoUpdates: readonly never[] = []

/** The commit queue of one room. */
export class CommitQueue<Origin> {
  /**
   * Updates waiting for the next flush; made by the first of them, not
   * after a flush: a list made a second before its update would be in V8's
   * old generation by then and keep the update, its promise and what they
   * reach alive past the young collections (see shared/src/yjs/youngTransactions.ts).
   */
  private pending: PendingUpdate<Origin>[] | null = null
  /** The batch being committed, until it is applied. */
  private inFlight: readonly PendingUpdate<Origin>[] = NoUpdates
  private flushScheduled = false

  constructor(
    /** The room's task chain: a flush never overlaps a remote update or a catch-up. */
    private readonly tasks: TaskChain,
    private readonly steps: CommitSteps<Origin>,
  ) {}

  /**
   * Commits an update, then applies and forwards it; resolves once all of
   * that is done, rejects when the commit failed.
   */
  submit(update: Uint8Array, origin: Origin | null): Promise<void> {
    return new Promise((resolve, reject) => {
      const entry = { update, origin, resolve, reject }
      if (this.pending === null) {
        this.pending = [entry]
      } else {
        this.pending.push(entry)
      }
      if (!this.flushScheduled) {
        this.flushScheduled = true
        // One event-loop turn's updates share the batch (contract §6 allows it).
        setImmediate(() => {
          this.flushScheduled = false
          this.tasks.run(() => this.flush())
        })
      }
    })
  }

  /** Updates submitted and not yet applied to the document, in the order they will be (the update check's scratch copy needs them). */
  unapplied(): ReadonlyArray<CommittedUpdate<Origin>> {
    return this.pending === null ? this.inFlight : [...this.inFlight, ...this.pending]
  }

  /** Resolves once every update submitted so far is committed, applied and forwarded. */
  async settled(): Promise<void> {
    while (this.pending !== null || this.flushScheduled) {
      await new Promise((resolve) => setImmediate(resolve))
      await this.tasks.idle()
    }
    await this.tasks.idle()
  }

  private async flush(): Promise<void> {
    const batch = this.pending
    this.pending = null
    if (batch === null) {
      return
    }
    this.inFlight = batch
    const updates = batch.map((entry) => entry.update)
    let result: AppendResult
    try {
      result = await this.steps.append(updates)
    } catch (err) {
      this.inFlight = NoUpdates
      for (const entry of batch) {
        entry.reject(new Error('commit failed'))
      }
      this.steps.appendFailed(err)
      return
    }
    await this.steps.afterAppend(result, updates)
    this.steps.apply(updates)
    this.steps.forward(batch)
    for (const entry of batch) {
      entry.resolve()
    }
    this.inFlight = NoUpdates
    await this.steps.afterBatch(batch, result)
  }
}
