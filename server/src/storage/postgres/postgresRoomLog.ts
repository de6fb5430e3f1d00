/**
 * PostgreSQL's numbering of the room update log: `room_heads` holds the
 * last number given out per room. An appender updates its room's head row
 * and holds it locked until commit, so a room's numbers are gapless and
 * commit in order: a follower that sees a hole knows it missed a message
 * (contract §6).
 */
import type { RoomLog } from '../sql/RoomLog.js'
import { all, count, list, run } from '../sql/query.js'

const SQL_RESERVE_SEQS = `INSERT INTO room_heads (room, last_seq) VALUES (?, ?)
  ON CONFLICT (room) DO UPDATE SET last_seq = room_heads.last_seq + EXCLUDED.last_seq RETURNING last_seq`
const SQL_INSERT_UPDATES = `INSERT INTO room_updates (room, seq, data, created_at)
  SELECT ?, t.seq, t.data, ? FROM unnest(?::bigint[], ?::bytea[]) AS t(seq, data)`
// The group commit in one round trip (appendRoomsFunction.ts, migration 28).
const SQL_APPEND_ROOMS = `SELECT appended_room, appended_last
  FROM fallbuch_append_rooms(?::text[], ?::text[], ?::bigint[], ?::text[], ?::bigint[], ?::bytea[], ?)`
const SQL_ROOM_HEADS = 'SELECT room, last_seq FROM room_heads WHERE room = ANY(?::text[])'
const SQL_LOCK_ROOM_HEADS = 'SELECT room FROM room_heads WHERE room = ANY(?::text[]) ORDER BY room FOR UPDATE'
const SQL_DELETE_UPDATES = 'DELETE FROM room_updates WHERE room = ANY(?::text[])'
const SQL_DELETE_HEADS = 'DELETE FROM room_heads WHERE room = ANY(?::text[])'
const SQL_ROWS = 'SELECT seq, data FROM room_updates WHERE room = ? AND seq > ? ORDER BY seq'
const SQL_COUNT = 'SELECT CAST(COUNT(*) AS INTEGER) AS n FROM room_updates WHERE room = ?'
const SQL_COUNT_UP_TO = 'SELECT CAST(COUNT(*) AS INTEGER) AS n FROM room_updates WHERE room = ? AND seq <= ?'
const SQL_DELETE_UP_TO = 'DELETE FROM room_updates WHERE room = ? AND seq <= ?'

/** {@link RoomLog} on PostgreSQL. */
export const postgresRoomLog: RoomLog = {
  *append(room, rows, now) {
    if (rows.length === 0) {
      return []
    }
    const head = yield* all<{ last_seq: string }>(SQL_RESERVE_SEQS, room, rows.length)
    const last = Number(head[0]?.last_seq)
    const seqs = rows.map((_, index) => last - rows.length + 1 + index)
    yield* run(SQL_INSERT_UPDATES, room, now, list(seqs), list(rows))
    return seqs
  },
  *appendRooms(appends, now) {
    const filled = appends.filter((entry) => entry.rows.length > 0)
    if (filled.length === 0) {
      return new Map()
    }
    const rowRooms: string[] = []
    const rowPlaces: number[] = []
    const rowData: Uint8Array[] = []
    for (const { room, rows } of filled) {
      for (const [index, row] of rows.entries()) {
        rowRooms.push(room)
        rowPlaces.push(index + 1)
        rowData.push(row)
      }
    }
    const appended = yield* all<{ appended_room: string; appended_last: string }>(
      SQL_APPEND_ROOMS,
      list(filled.map((entry) => entry.room)),
      // An empty string stands for "no case" (a list holds no nulls); no case id is empty.
      list(filled.map((entry) => entry.caseId ?? '')),
      list(filled.map((entry) => entry.rows.length)),
      list(rowRooms),
      list(rowPlaces),
      list(rowData),
      now,
    )
    const counts = new Map(filled.map((entry) => [entry.room, entry.rows.length]))
    return new Map(
      appended.map(({ appended_room: room, appended_last: last }) => {
        const n = counts.get(room) ?? 0
        return [room, Array.from({ length: n }, (_, index) => Number(last) - n + 1 + index)]
      }),
    )
  },
  appendRoomsIsOneStatement: true,
  *heads(rooms) {
    const rows = yield* all<{ room: string; last_seq: string }>(SQL_ROOM_HEADS, list(rooms))
    return new Map(rows.map((row) => [row.room, Number(row.last_seq)]))
  },
  // Waits for appends in flight to these rooms (they hold their head rows until commit).
  *lock(rooms) {
    yield* all(SQL_LOCK_ROOM_HEADS, list(rooms))
  },
  *delete(rooms) {
    yield* run(SQL_DELETE_UPDATES, list(rooms))
    yield* run(SQL_DELETE_HEADS, list(rooms))
  },
  rows: (room, afterSeq) => all(SQL_ROWS, room, afterSeq),
  countRows: (room, upToSeq) => (upToSeq === null ? count(SQL_COUNT, room) : count(SQL_COUNT_UP_TO, room, upToSeq)),
  *deleteUpTo(room, upToSeq) {
    yield* run(SQL_DELETE_UP_TO, room, upToSeq)
  },
  // Its numbers are reserved in the same statement and roll back with it.
  appendFailed: () => {},
}
