/**
 * Group commit across rooms (issue 21): the batches every room's commit
 * queue hands over in one event-loop turn are committed together, in one
 * transaction (SQLite) or one multi-row statement (PostgreSQL), instead of
 * one transaction per room. Each room still learns only its own outcome: a
 * room that fails (its case erased, its key gone) fails alone.
 *
 * A room's queue asks from inside its own setImmediate callback; those of
 * all rooms run in the same check phase, so the group is flushed by an
 * immediate scheduled from the first of them, which runs right after.
 *
 * One group commits at a time; batches handed over
 * meanwhile wait and form the next group. On PostgreSQL, where a group is
 * several round trips, this is what makes groups grow with the load: a
 * CPU profile of the scaled-out provider's day showed both processes busy
 * sending one small transaction per update (pg's query writes were a
 * quarter of the time) while the delay grew to seconds.
 */
import type { AppendResult, RoomAppend, RoomStorage } from '../../storage/rooms/RoomStorage.js'
import { TurnGroups } from '../../turnGroups.js'

interface Waiting {
  updates: readonly Uint8Array[]
  resolve: (result: AppendResult) => void
  reject: (error: unknown) => void
}

/** Collects the rooms' batches of a turn and commits them together. */
export class GroupCommit {
  private waiting = new Map<string, Waiting>()
  /** Batches of a room that already has one in the group (never from one queue; kept for the next group). */
  private overflow: Array<{ room: string; entry: Waiting }> = []
  private readonly groups = new TurnGroups(
    () => this.commitGroup(),
    () => this.waiting.size > 0 || this.overflow.length > 0,
  )

  constructor(
    private readonly storage: Pick<RoomStorage, 'appendToRooms'>,
    /** Called after each group with its room count (metrics). */
    private readonly onGroup: (rooms: number) => void = () => {},
  ) {}

  /** Durably appends a room's batch with the others of this turn; resolves after the commit, rejects with the room's own error. */
  append(room: string, updates: readonly Uint8Array[]): Promise<AppendResult> {
    return new Promise((resolve, reject) => {
      const entry = { updates, resolve, reject }
      if (this.waiting.has(room)) {
        this.overflow.push({ room, entry })
      } else {
        this.waiting.set(room, entry)
      }
      this.groups.request()
    })
  }

  private async commitGroup(): Promise<void> {
    const group = this.waiting
    this.waiting = new Map()
    const overflow = this.overflow
    this.overflow = []
    for (const { room, entry } of overflow) {
      // Re-queued for the next group: a room appears once per transaction.
      this.append(room, entry.updates).then(entry.resolve, entry.reject)
    }
    if (group.size === 0) {
      return
    }
    const appends: RoomAppend[] = [...group].map(([room, { updates }]) => ({ room, updates }))
    const entries = [...group.values()]
    let outcomes
    try {
      outcomes = await this.storage.appendToRooms(appends)
    } catch (err) {
      for (const entry of entries) {
        entry.reject(err)
      }
      return
    }
    this.onGroup(appends.length)
    for (const [index, entry] of entries.entries()) {
      const outcome = outcomes[index]
      if (outcome?.ok === true) {
        entry.resolve(outcome.result)
      } else {
        entry.reject(outcome?.error ?? new Error('no outcome for the room'))
      }
    }
  }
}
