/**
 * How a backend numbers and locks the rows of the room update log: the one
 * part of the rooms that really differs. SQLite numbers rows with one
 * AUTOINCREMENT sequence and has a single writer; PostgreSQL numbers each
 * room 1, 2, 3, … through a `room_heads` row that an appender holds locked
 * until commit, so a follower that sees a hole knows it missed a message.
 */
import type { Query } from './query.js'

/** The sealed rows of one room in a group commit. */
export interface RoomRows {
  readonly room: string
  readonly rows: readonly Uint8Array[]
}

/** The backend's numbering of the room update log; every method runs inside the caller's transaction. */
export interface RoomLog {
  /** Inserts sealed rows of a room, in order; resolves with their numbers. */
  append(room: string, rows: readonly Uint8Array[], now: string): Query<number[]>
  /**
   * Group commit: inserts the rows of several rooms (each room once) in
   * few statements, and resolves with each room's numbers. `refused` is
   * asked, once the backend holds the rooms (PostgreSQL: their head rows;
   * SQLite: the one writer), which rooms must not get rows (erased cases):
   * those get none and are left out of the answer.
   */
  appendRooms(appends: readonly RoomRows[], now: string, refused: (rooms: readonly string[]) => Query<ReadonlySet<string>>): Query<Map<string, number[]>>
  /** The highest row number of each of `rooms` that has rows. */
  heads(rooms: readonly string[]): Query<Map<string, number>>
  /** Waits for appends in flight to `rooms` and holds them off until the transaction ends. */
  lock(rooms: readonly string[]): Query<void>
  /** Deletes every row of `rooms` (and their numbering). */
  delete(rooms: readonly string[]): Query<void>
}
