/**
 * Following a room that other processes write too (contract §6, scaled
 * out). Every stored row has a number; this process applies them strictly
 * in order. Rows other processes committed arrive through the fan-out, which
 * may deliver late, twice or never: rows already applied are skipped, and a
 * gap before a row is filled from storage, which holds everything
 * committed. Our own commits are published after the commit, and rows the
 * others committed before ours are applied first.
 */
import type { Fanout, RoomListener } from '../../fanout/Fanout.js'
import type { Metrics } from '../../metrics.js'
import type { RoomStorage, StoredUpdate } from '../../storage/rooms/RoomStorage.js'
import type { TaskChain } from './TaskChain.js'

/**
 * What applied rows send the room's connections: nothing, each row as
 * committed, or only what the document lacked (rows read from storage may
 * include a compaction of rows applied long ago).
 */
export type RowForwarding = 'none' | 'rows' | 'changes'

/** What the follower needs of its room. */
export interface FollowedRoom {
  readonly name: string
  /** Applies stored rows (oldest first) to the document and forwards them as `forward` says. */
  applyRows(rows: readonly StoredUpdate[], forward: RowForwarding): void
}

/** Where awareness from other processes goes (the room's awareness accounts). */
export interface RemoteAwareness {
  /** Another process's awareness update, with the account of each client id in it. */
  applyRemote(update: Uint8Array, accounts: ReadonlyMap<number, string>): void
  /** Another process asks for the awareness states held here. */
  publishOwn(): void
}

/** Dependencies of a {@link FanoutFollower}. */
export interface FollowerOptions {
  fanout: Fanout
  storage: Pick<RoomStorage, 'loadUpdates'>
  /** The room's task chain, shared with its commit queue. */
  tasks: TaskChain
  metrics: Metrics
  awareness: RemoteAwareness
}

/** Keeps one room in step with the other processes. */
export class FanoutFollower {
  /** Highest row number applied to the room's document. */
  private lastSeq = 0
  /** Fan-out messages received while the room was still loading. */
  private early: Array<() => void> | null = []
  private readonly listener: RoomListener = {
    updates: (seqs, updates) => this.whenLoaded(() => this.options.tasks.run(() => this.applyRemote(seqs, updates))),
    awareness: (update, accounts) => this.whenLoaded(() => this.options.awareness.applyRemote(update, accounts)),
    awarenessQuery: () => this.whenLoaded(() => this.options.awareness.publishOwn()),
  }

  constructor(
    private readonly room: FollowedRoom,
    private readonly options: FollowerOptions,
  ) {}

  /** Highest row number applied to the document. */
  get appliedSeq(): number {
    return this.lastSeq
  }

  /**
   * Subscribes before the room loads; what arrives meanwhile is kept until
   * {@link loaded}, so nothing committed elsewhere between subscription and
   * load is lost (rows already in the load are skipped by number).
   */
  join(): Promise<void> {
    return this.options.fanout.joinRoom(this.room.name, this.listener)
  }

  /** Stops following (the room is unloaded, or its load failed). */
  leave(): Promise<void> {
    return this.options.fanout.leaveRoom(this.room.name, this.listener)
  }

  /** The room loaded `rows`: handles the messages kept meanwhile and asks the others for their awareness states. */
  loaded(rows: readonly StoredUpdate[]): void {
    this.noteApplied(rows)
    const early = this.early ?? []
    this.early = null
    for (const handle of early) {
      handle()
    }
    this.options.fanout.publishAwarenessQuery(this.room.name)
  }

  /**
   * Our own batch was committed as rows `seqs`: published (contract §6: after
   * the commit), and rows other processes committed before ours are applied
   * and forwarded first.
   */
  async committed(seqs: readonly number[], updates: readonly Uint8Array[]): Promise<void> {
    const firstSeq = seqs[0]
    if (firstSeq === undefined) {
      return
    }
    this.options.fanout.publishUpdates(this.room.name, seqs, updates)
    if (firstSeq > this.lastSeq + 1) {
      await this.catchUp(firstSeq)
    }
    this.lastSeq = Math.max(this.lastSeq, ...seqs)
  }

  /**
   * Periodic catch-up (a lost last message, Redis briefly down): when the
   * room's head in storage is past the last row applied here, reads and
   * forwards the missing rows, after every earlier commit and remote update.
   */
  catchUpTo(head: number): Promise<void> {
    return new Promise((resolve) => {
      this.options.tasks.run(async () => {
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

  private whenLoaded(handle: () => void): void {
    if (this.early) {
      this.early.push(handle)
    } else {
      handle()
    }
  }

  private noteApplied(rows: readonly StoredUpdate[]): void {
    for (const row of rows) {
      this.lastSeq = Math.max(this.lastSeq, row.seq)
    }
  }

  /** Updates another process committed: applied and forwarded in row order. */
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
      // Published rows are commits as their process made them, never a compaction.
      this.applyRowsAndNote([{ seq, data: update }], 'rows')
      this.options.metrics.remoteUpdates.value += 1
    }
  }

  /**
   * Reads the stored rows after the last one applied, up to (not including)
   * `before`, and forwards what they add. Another process may have compacted
   * the log meanwhile: its merged row takes the highest number it replaced,
   * so it is read as "after" and holds much that is applied here already.
   * When that number is `before` or above (the compaction read our own
   * commit too), the rows below `before` are gone from the log and only the
   * merged row holds them: then every row read is applied, or this process
   * would skip them for good.
   */
  private async catchUp(before: number): Promise<void> {
    const read = await this.options.storage.loadUpdates(this.room.name, this.lastSeq)
    const earlier = read.filter((row) => row.seq < before)
    // Numbers are gapless, so the rows below `before` end at before - 1 unless a compaction merged them upwards.
    const merged = Number.isFinite(before) && (earlier.at(-1)?.seq ?? this.lastSeq) < before - 1
    this.options.metrics.gapReads.value += 1
    this.applyRowsAndNote(merged ? read : earlier, 'changes')
  }

  private applyRowsAndNote(rows: readonly StoredUpdate[], forward: RowForwarding): void {
    this.room.applyRows(rows, forward)
    this.noteApplied(rows)
  }
}
