/**
 * How a backend numbers, locks and reads the rows of the room update log:
 * the one part of the rooms that really differs. SQLite has a single
 * writer that numbers each room's rows itself and keeps the newest rows in
 * a tail of its own (sqliteRoomTail.ts); PostgreSQL numbers each room 1, 2,
 * 3, … through a `room_heads` row that an appender holds locked until
 * commit, so a follower that sees a hole knows it missed a message.
 */
import type { Query } from './query.js'

/** The sealed rows of one room in a group commit. */
export interface RoomRows {
  readonly room: string
  /** The room's case (its tombstone refuses the rows), or null for a room of no case. */
  readonly caseId: string | null
  readonly rows: readonly Uint8Array[]
}

/** A stored row of a room (PostgreSQL returns BIGINT numbers as strings). */
export interface RoomLogRow {
  seq: number | string
  data: Uint8Array
}

/** The backend's numbering of the room update log; every method runs inside the caller's transaction. */
export interface RoomLog {
  /** Inserts sealed rows of a room, in order; resolves with their numbers. */
  append(room: string, rows: readonly Uint8Array[], now: string): Query<number[]>
  /**
   * Group commit: inserts the rows of several rooms (each room once) in
   * few statements, and resolves with each room's numbers. Once the
   * backend holds the rooms (PostgreSQL: their head rows; SQLite: the one
   * writer), rooms of erased cases are refused: they get no rows and are
   * left out of the answer.
   */
  appendRooms(appends: readonly RoomRows[], now: string): Query<Map<string, number[]>>
  /**
   * Whether {@link appendRooms} is one atomic statement, run without
   * BEGIN/COMMIT (PostgreSQL: one round trip instead of five); otherwise
   * the caller runs it in a transaction.
   */
  readonly appendRoomsIsOneStatement: boolean
  /** The highest row number of each of `rooms` that has rows. */
  heads(rooms: readonly string[]): Query<Map<string, number>>
  /** Waits for appends in flight to `rooms` and holds them off until the transaction ends. */
  lock(rooms: readonly string[]): Query<void>
  /** Deletes every row of `rooms` (and their numbering). */
  delete(rooms: readonly string[]): Query<void>
  /** A room's rows numbered above `afterSeq`, in order. */
  rows(room: string, afterSeq: number): Query<RoomLogRow[]>
  /** How many rows of `room` are numbered up to `upToSeq` (all of them when null). */
  countRows(room: string, upToSeq: number | null): Query<number>
  /** Deletes the rows of `room` numbered up to `upToSeq` (a compaction replaces them by one). */
  deleteUpTo(room: string, upToSeq: number): Query<void>
  /** The transaction of {@link appendRooms} for `rooms` failed (SQLite forgets the numbers it expected to give out). */
  appendFailed(rooms: readonly string[]): void
}
