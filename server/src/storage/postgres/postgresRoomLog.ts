/**
 * PostgreSQL's numbering of the room update log: `room_heads` holds the
 * last number given out per room. An appender updates its room's head row
 * and holds it locked until commit, so a room's numbers are gapless and
 * commit in order: a follower that sees a hole knows it missed a message
 * (contract §6).
 */
import type { RoomLog } from '../sql/RoomLog.js'
import { all, list, run } from '../sql/query.js'

const SQL_RESERVE_SEQS = `INSERT INTO room_heads (room, last_seq) VALUES (?, ?)
  ON CONFLICT (room) DO UPDATE SET last_seq = room_heads.last_seq + EXCLUDED.last_seq RETURNING last_seq`
const SQL_INSERT_UPDATES = `INSERT INTO room_updates (room, seq, data, created_at)
  SELECT ?, t.seq, t.data, ? FROM unnest(?::bigint[], ?::bytea[]) AS t(seq, data)`
// Sorted by room, so two processes' group commits lock head rows in the same order (no deadlock), like the erasure's lock.
const SQL_RESERVE_ROOMS_SEQS = `INSERT INTO room_heads (room, last_seq)
  SELECT t.room, t.n FROM unnest(?::text[], ?::bigint[]) AS t(room, n) ORDER BY t.room
  ON CONFLICT (room) DO UPDATE SET last_seq = room_heads.last_seq + EXCLUDED.last_seq RETURNING room, last_seq`
const SQL_RETURN_SEQS = 'UPDATE room_heads SET last_seq = last_seq - ? WHERE room = ?'
const SQL_INSERT_ROOMS_UPDATES = `INSERT INTO room_updates (room, seq, data, created_at)
  SELECT t.room, t.seq, t.data, ? FROM unnest(?::text[], ?::bigint[], ?::bytea[]) AS t(room, seq, data)`
const SQL_ROOM_HEADS = 'SELECT room, last_seq FROM room_heads WHERE room = ANY(?::text[])'
const SQL_LOCK_ROOM_HEADS = 'SELECT room FROM room_heads WHERE room = ANY(?::text[]) ORDER BY room FOR UPDATE'
const SQL_DELETE_UPDATES = 'DELETE FROM room_updates WHERE room = ANY(?::text[])'
const SQL_DELETE_HEADS = 'DELETE FROM room_heads WHERE room = ANY(?::text[])'

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
  *appendRooms(appends, now, refused) {
    const filled = appends.filter((entry) => entry.rows.length > 0)
    if (filled.length === 0) {
      return new Map()
    }
    // One statement reserves every room's numbers and holds their head rows until commit.
    const heads = yield* all<{ room: string; last_seq: string }>(SQL_RESERVE_ROOMS_SEQS, list(filled.map((entry) => entry.room)), list(filled.map((entry) => entry.rows.length)))
    const lastOf = new Map(heads.map((row) => [row.room, Number(row.last_seq)]))
    // Asked while the heads are held: an erasure either waits for this commit or has committed its tombstone.
    const skip = yield* refused(filled.map((entry) => entry.room))
    const seqs = new Map<string, number[]>()
    const rooms: string[] = []
    const numbers: number[] = []
    const data: Uint8Array[] = []
    for (const { room, rows } of filled) {
      if (skip.has(room)) {
        // Gives the numbers back, so the room's numbering stays gapless.
        yield* run(SQL_RETURN_SEQS, rows.length, room)
        continue
      }
      const last = lastOf.get(room) ?? 0
      const roomSeqs = rows.map((_, index) => last - rows.length + 1 + index)
      seqs.set(room, roomSeqs)
      for (const [index, row] of rows.entries()) {
        rooms.push(room)
        numbers.push(roomSeqs[index] ?? 0)
        data.push(row)
      }
    }
    if (data.length > 0) {
      yield* run(SQL_INSERT_ROOMS_UPDATES, now, list(rooms), list(numbers), list(data))
    }
    return seqs
  },
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
}
