/**
 * SQLite's numbering of the room update log: each room continues its own
 * numbers (the table is clustered by room and number, migration 29), and
 * one writer runs each transaction synchronously, so an append needs no
 * lock. A compacted row keeps the highest number it replaced, so a room's
 * numbers never go back.
 */
import type { RoomLog } from '../sql/RoomLog.js'
import { all, count, list, nothing, run } from '../sql/query.js'

const SQL_APPEND_UPDATE = 'INSERT INTO room_updates (room, seq, data, created_at) VALUES (?, ?, ?, ?)'
const SQL_ROOM_HEAD = 'SELECT COALESCE(MAX(seq), 0) AS n FROM room_updates WHERE room = ?'
const SQL_ROOM_HEADS = 'SELECT room, MAX(seq) AS seq FROM room_updates WHERE room IN (SELECT value FROM json_each(?)) GROUP BY room'
const SQL_DELETE_ROOMS = 'DELETE FROM room_updates WHERE room IN (SELECT value FROM json_each(?))'
const SQL_ERASED_OF = 'SELECT case_id FROM erased_cases WHERE case_id IN (SELECT value FROM json_each(?))'

/** {@link RoomLog} on SQLite. */
export const sqliteRoomLog: RoomLog = {
  *append(room, rows, now) {
    const seqs: number[] = []
    // The room's last page is about to be written anyway: reading its head costs no further page.
    let seq = yield* count(SQL_ROOM_HEAD, room)
    for (const row of rows) {
      seq += 1
      yield* run(SQL_APPEND_UPDATE, room, seq, row, now)
      seqs.push(seq)
    }
    return seqs
  },
  *appendRooms(appends, now) {
    // One writer, and a transaction runs synchronously: nothing can commit
    // a tombstone between this check and the inserts.
    const caseIds = [...new Set(appends.map((entry) => entry.caseId).filter((id): id is string => id !== null))]
    const erased = new Set(caseIds.length === 0 ? [] : (yield* all<{ case_id: string }>(SQL_ERASED_OF, list(caseIds))).map((row) => row.case_id))
    const seqs = new Map<string, number[]>()
    for (const { room, caseId, rows } of appends) {
      if (caseId === null || !erased.has(caseId)) {
        seqs.set(room, yield* sqliteRoomLog.append(room, rows, now))
      }
    }
    return seqs
  },
  appendRoomsIsOneStatement: false,
  *heads(rooms) {
    const rows = yield* all<{ room: string; seq: number }>(SQL_ROOM_HEADS, list(rooms))
    return new Map(rows.map((row) => [row.room, row.seq]))
  },
  lock: () => nothing(),
  *delete(rooms) {
    yield* run(SQL_DELETE_ROOMS, list(rooms))
  },
}
