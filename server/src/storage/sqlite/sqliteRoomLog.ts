/**
 * SQLite's numbering of the room update log: each room continues its own
 * numbers (the log is clustered by room and number, migration 29), and one
 * writer runs each transaction synchronously, so an append needs no lock.
 * A compacted row keeps the highest number it replaced, so a room's
 * numbers never go back. New rows go to the tail first (sqliteRoomTail.ts);
 * a room's rows are those of the log and of the tail.
 */
import type { RoomLog, RoomLogRow } from '../sql/RoomLog.js'
import { all, count, list, nothing, run, type Query } from '../sql/query.js'
import { SqliteRoomTail } from './sqliteRoomTail.js'

const SQL_ROOM_HEAD = 'SELECT COALESCE(MAX(seq), 0) AS n FROM room_updates WHERE room = ?'
const SQL_ROOM_HEADS = 'SELECT room, MAX(seq) AS seq FROM room_updates WHERE room IN (SELECT value FROM json_each(?)) GROUP BY room'
const SQL_DELETE_ROOMS = 'DELETE FROM room_updates WHERE room IN (SELECT value FROM json_each(?))'
const SQL_ERASED_OF = 'SELECT case_id FROM erased_cases WHERE case_id IN (SELECT value FROM json_each(?))'
// Most commits hold one case: a key lookup, without json_each's parsing (9.0 against 22.8 µs a commit in a provider's day).
const SQL_ERASED_ONE = 'SELECT case_id FROM erased_cases WHERE case_id = ?'
const SQL_ROWS = 'SELECT seq, data FROM room_updates WHERE room = ? AND seq > ? ORDER BY seq'
const SQL_COUNT = 'SELECT CAST(COUNT(*) AS INTEGER) AS n FROM room_updates WHERE room = ? AND seq <= ?'
const SQL_DELETE_UP_TO = 'DELETE FROM room_updates WHERE room = ? AND seq <= ?'

/** Which of `caseIds` are erased (their tombstones). */
function* erasedOf(caseIds: readonly string[]): Query<Set<string>> {
  const [only] = caseIds
  if (only === undefined) {
    return new Set()
  }
  const rows = caseIds.length === 1 ? yield* all<{ case_id: string }>(SQL_ERASED_ONE, only) : yield* all<{ case_id: string }>(SQL_ERASED_OF, list(caseIds))
  return new Set(rows.map((row) => row.case_id))
}

/** SQLite's room log and its tail (the storage moves the tail into the log). */
export interface SqliteRoomLog extends RoomLog {
  readonly tail: SqliteRoomTail
}

/** {@link RoomLog} on SQLite, with this process's knowledge of the tail. */
export function createSqliteRoomLog(): SqliteRoomLog {
  const tail = new SqliteRoomTail()
  const log: SqliteRoomLog = {
    tail,
    *append(room, rows, now) {
      // Known when this process appended last; otherwise the log's last page and the tail tell.
      const head = tail.knownHead(room) ?? Math.max(yield* count(SQL_ROOM_HEAD, room), yield* tail.readHead(room))
      return yield* tail.append(room, rows, head + 1, now)
    },
    *appendRooms(appends, now) {
      // One writer, and a transaction runs synchronously: nothing can commit
      // a tombstone between this check and the inserts.
      const caseIds = [...new Set(appends.map((entry) => entry.caseId).filter((id): id is string => id !== null))]
      const erased = yield* erasedOf(caseIds)
      const seqs = new Map<string, number[]>()
      for (const { room, caseId, rows } of appends) {
        if (caseId === null || !erased.has(caseId)) {
          seqs.set(room, yield* log.append(room, rows, now))
        }
      }
      return seqs
    },
    appendRoomsIsOneStatement: false,
    *heads(rooms) {
      const rows = yield* all<{ room: string; seq: number }>(SQL_ROOM_HEADS, list(rooms))
      const heads = new Map(rows.map((row) => [row.room, row.seq]))
      for (const room of rooms) {
        const inTail = tail.knownHead(room) ?? (yield* tail.readHead(room))
        if (inTail > (heads.get(room) ?? 0)) {
          heads.set(room, inTail)
        }
      }
      return heads
    },
    lock: () => nothing(),
    *delete(rooms) {
      yield* run(SQL_DELETE_ROOMS, list(rooms))
      yield* tail.deleteRooms(rooms)
    },
    *rows(room, afterSeq) {
      const rows = yield* all<RoomLogRow>(SQL_ROWS, room, afterSeq)
      const newer = yield* tail.rows(room, afterSeq)
      // A room's numbers in the tail are above its numbers in the log; sorted all the same.
      return newer.length === 0 ? rows : [...rows, ...newer].sort((a, b) => Number(a.seq) - Number(b.seq))
    },
    *countRows(room, upToSeq) {
      const limit = upToSeq ?? Number.MAX_SAFE_INTEGER
      return (yield* count(SQL_COUNT, room, limit)) + (yield* tail.count(room, limit))
    },
    *deleteUpTo(room, upToSeq) {
      yield* run(SQL_DELETE_UP_TO, room, upToSeq)
      yield* tail.deleteUpTo(room, upToSeq)
    },
    appendFailed: (rooms) => tail.forgetHeads(rooms),
  }
  return log
}
