/**
 * SQLite's numbering of the room update log: one AUTOINCREMENT sequence for
 * all rooms, and one writer, so an append needs no lock.
 */
import type { RoomLog } from '../sql/RoomLog.js'
import { all, list, nothing, run } from '../sql/query.js'

const SQL_APPEND_UPDATE = 'INSERT INTO room_updates (room, data, created_at) VALUES (?, ?, ?)'
const SQL_ROOM_HEADS = 'SELECT room, MAX(seq) AS seq FROM room_updates WHERE room IN (SELECT value FROM json_each(?)) GROUP BY room'
const SQL_DELETE_ROOMS = 'DELETE FROM room_updates WHERE room IN (SELECT value FROM json_each(?))'

/** {@link RoomLog} on SQLite. */
export const sqliteRoomLog: RoomLog = {
  *append(room, rows, now) {
    const seqs: number[] = []
    for (const row of rows) {
      seqs.push((yield* run(SQL_APPEND_UPDATE, room, row, now)).lastInsertRowid)
    }
    return seqs
  },
  *appendRooms(appends, now, refused) {
    // One writer, and a transaction runs synchronously: nothing can commit
    // a tombstone between this check and the inserts.
    const skip = yield* refused(appends.map((entry) => entry.room))
    const seqs = new Map<string, number[]>()
    for (const { room, rows } of appends) {
      if (!skip.has(room)) {
        seqs.set(room, yield* sqliteRoomLog.append(room, rows, now))
      }
    }
    return seqs
  },
  *heads(rooms) {
    const rows = yield* all<{ room: string; seq: number }>(SQL_ROOM_HEADS, list(rooms))
    return new Map(rows.map((row) => [row.room, row.seq]))
  },
  lock: () => nothing(),
  *delete(rooms) {
    yield* run(SQL_DELETE_ROOMS, list(rooms))
  },
}
