/**
 * The newest rows of SQLite's room update log, in insertion order (issue
 * 21). The log proper (`room_updates`) is clustered by room and number, so
 * that a room's rows share pages and a compaction is cheap (migration 29);
 * but then every append writes its room's leaf page and the interior pages
 * above it: about 2.3 pages (9.5 KB of WAL) per update in a benchmark of the
 * table, 17.4 µs per row with 30 rooms per transaction, and the checkpoint
 * worker copies all of it again. Appends therefore go to
 * `room_updates_tail`, a rowid table without an index (0.17 pages and
 * 2.6 µs per row in the same benchmark), and a mover takes the tail into
 * the log every {@link TailMoveMs}, where each room's page is written once
 * for all its rows of that time.
 *
 * A room's rows are its rows in the log plus its rows in the tail. The
 * tail has no index, so this process remembers which rooms have rows there
 * (it is SQLite's only writer: the instance lock) and scans the tail only
 * for those. Remembering too many rooms costs a scan that finds nothing;
 * forgetting one would hide rows, so a room is forgotten only after a
 * move that took its rows has committed. At start the whole tail is moved
 * before anything reads, so a tail left by a killed process is not missed.
 */
import { errorMessage } from '../../../../shared/src/errors.js'
import type { Logger } from '../../log.js'
import { all, count, get, list, run, type Query, type SqlDatabase } from '../sql/query.js'
import type { RoomLogRow } from '../sql/RoomLog.js'

/** How often the tail is moved into the log (while it has rows). */
export const TailMoveMs = 100

const SQL_TAIL_APPEND = 'INSERT INTO room_updates_tail (room, seq, data, created_at) VALUES (?, ?, ?, ?)'
const SQL_TAIL_ROWS = 'SELECT seq, data FROM room_updates_tail WHERE room = ? AND seq > ? ORDER BY seq'
const SQL_TAIL_COUNT = 'SELECT CAST(COUNT(*) AS INTEGER) AS n FROM room_updates_tail WHERE room = ? AND seq <= ?'
const SQL_TAIL_HEAD = 'SELECT COALESCE(MAX(seq), 0) AS n FROM room_updates_tail WHERE room = ?'
const SQL_TAIL_DELETE_UP_TO = 'DELETE FROM room_updates_tail WHERE room = ? AND seq <= ?'
const SQL_TAIL_DELETE_ROOMS = 'DELETE FROM room_updates_tail WHERE room IN (SELECT value FROM json_each(?))'
const SQL_TAIL_LAST_ID = 'SELECT MAX(id) AS id FROM room_updates_tail'
// Ordered by room and number, so each room's rows go into its pages together. OR FAIL: with the
// default (ABORT) SQLite keeps a statement journal to undo this one statement, a copy of every log
// page it changes, which spilled to a temporary file: about 135 page writes per move in the provider's
// day, 42 % of the relay's file writes (strace). A failure rolls the whole move back anyway.
const SQL_TAIL_MOVE = `INSERT OR FAIL INTO room_updates (room, seq, data, created_at)
  SELECT room, seq, data, created_at FROM room_updates_tail WHERE id <= ? ORDER BY room, seq`
const SQL_TAIL_DROP_MOVED = 'DELETE FROM room_updates_tail WHERE id <= ?'

/** What this process knows of a room it appended to lately. */
interface KnownRoom {
  /** The move generation of its last append: a move of this generation or later took its rows. */
  generation: number
  /**
   * Its highest number, or null when unknown (after a failed append or a
   * deletion: read again). Never too low: a number given out twice would
   * stop every move at the log's primary key; too high only skips numbers.
   */
  head: number | null
}

/**
 * How many moves a room's number is remembered after its last append
 * (about a minute at {@link TailMoveMs}): a room written to now and then
 * numbers on without reading the log.
 */
const KnownRoomMoves = 600

/** The tail and which rooms have rows in it. */
export class SqliteRoomTail {
  /**
   * Rooms appended to lately, also after a move took their rows: still
   * right, as only this process writes and a move keeps the numbers.
   * Forgetting them at the move made every append after it read the log's
   * MAX(seq) (19,000 reads in a provider's day, one per update).
   */
  private readonly known = new Map<string, KnownRoom>()
  /** Those of them that may have rows in the tail. */
  private readonly inTail = new Set<string>()
  /** Increases when a move starts: appends after it are not part of it. */
  private generation = 0

  /** Whether `room` may have rows in the tail. */
  has(room: string): boolean {
    return this.inTail.has(room)
  }

  /** Rooms that may have rows in the tail. */
  get size(): number {
    return this.inTail.size
  }

  /** The room's highest number, when this process knows it without reading (it appended lately). */
  knownHead(room: string): number | null {
    return this.known.get(room)?.head ?? null
  }

  /** The room's highest number in the tail, read (0 without rows there). */
  *readHead(room: string): Query<number> {
    return this.inTail.has(room) ? yield* count(SQL_TAIL_HEAD, room) : 0
  }

  /** Appends a room's rows numbered from `firstSeq`; the room is remembered before the insert, so a failure only remembers too much. */
  *append(room: string, rows: readonly Uint8Array[], firstSeq: number, now: string): Query<number[]> {
    const seqs = rows.map((_, index) => firstSeq + index)
    const last = seqs.at(-1)
    if (last === undefined) {
      return seqs
    }
    // Updated in place: this runs for every room of every commit.
    const known = this.known.get(room)
    if (known === undefined) {
      this.known.set(room, { generation: this.generation, head: last })
    } else {
      known.generation = this.generation
      known.head = last
    }
    this.inTail.add(room)
    for (const [index, row] of rows.entries()) {
      yield* run(SQL_TAIL_APPEND, room, seqs[index] ?? last, row, now)
    }
    return seqs
  }

  /** The transaction of appends to `rooms` failed: their heads are read again. */
  forgetHeads(rooms: readonly string[]): void {
    for (const room of rooms) {
      const known = this.known.get(room)
      if (known !== undefined) {
        known.head = null
      }
    }
  }

  /** The room's rows in the tail numbered above `afterSeq`. */
  *rows(room: string, afterSeq: number): Query<RoomLogRow[]> {
    return this.inTail.has(room) ? yield* all<RoomLogRow>(SQL_TAIL_ROWS, room, afterSeq) : []
  }

  /** How many of the room's rows in the tail have numbers up to `upToSeq`. */
  *count(room: string, upToSeq: number): Query<number> {
    return this.inTail.has(room) ? yield* count(SQL_TAIL_COUNT, room, upToSeq) : 0
  }

  /** Deletes the room's rows in the tail numbered up to `upToSeq` (a compaction). */
  *deleteUpTo(room: string, upToSeq: number): Query<void> {
    if (this.inTail.has(room)) {
      yield* run(SQL_TAIL_DELETE_UP_TO, room, upToSeq)
    }
  }

  /** Deletes every row of `rooms` in the tail; their numbering starts over (their heads are read again). */
  *deleteRooms(rooms: readonly string[]): Query<void> {
    this.forgetHeads(rooms)
    const held = rooms.filter((room) => this.inTail.has(room))
    if (held.length > 0) {
      yield* run(SQL_TAIL_DELETE_ROOMS, list(held))
    }
  }

  /**
   * Moves every row of the tail into the log (run it in a transaction);
   * resolves with the generation to pass to {@link moved} once it committed.
   */
  *move(): Query<number> {
    const generation = this.generation
    // Appends from here on belong to the next move.
    this.generation += 1
    const last = (yield* get<{ id: number | null }>(SQL_TAIL_LAST_ID))?.id ?? null
    if (last === null) {
      return generation
    }
    yield* run(SQL_TAIL_MOVE, last)
    yield* run(SQL_TAIL_DROP_MOVED, last)
    return generation
  }

  /** After a move of `generation` committed: rooms with no append since leave the tail's list; their numbers are kept a while. */
  moved(generation: number): void {
    for (const room of this.inTail) {
      if ((this.known.get(room)?.generation ?? generation) <= generation) {
        this.inTail.delete(room)
      }
    }
    if (generation % 100 === 0) {
      for (const [room, known] of this.known) {
        if (!this.inTail.has(room) && (known.head === null || known.generation < generation - KnownRoomMoves)) {
          this.known.delete(room)
        }
      }
    }
  }
}

/** The running mover of a database's tail. */
export interface TailMover {
  /** Stops the timer and moves what is left (before the database closes). */
  close(): Promise<void>
}

/**
 * Moves the tail into the log now (what a killed process left: before
 * anything reads) and then every {@link TailMoveMs} while it has rows. A
 * failed move is logged and tried again; the rows stay in the tail, where
 * reads find them.
 */
export async function startTailMover(db: SqlDatabase, tail: SqliteRoomTail, logger: Logger, everyMs = TailMoveMs): Promise<TailMover> {
  let failing = false
  const moveNow = async (): Promise<void> => {
    try {
      tail.moved(await db.transaction(() => tail.move()))
      failing = false
    } catch (err) {
      // Logged once per run of failures: every 100 ms would flood the log.
      if (!failing) {
        logger.error({ error: errorMessage(err) }, 'moving the newest room updates into the log failed; they stay readable in the tail')
      }
      failing = true
    }
  }
  try {
    await db.transaction(() => tail.move())
  } catch (err) {
    // Rows left in the tail that this process does not know of would be missed by every read.
    throw new Error(`could not move the newest room updates into the log at start: ${errorMessage(err)}`, { cause: err })
  }
  let running: Promise<void> | null = null
  const timer = setInterval(() => {
    if (running === null && tail.size > 0) {
      running = moveNow().finally(() => {
        running = null
      })
    }
  }, everyMs)
  timer.unref()
  return {
    async close() {
      clearInterval(timer)
      await running
      if (tail.size > 0) {
        await moveNow()
      }
    },
  }
}
