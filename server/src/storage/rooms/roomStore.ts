/**
 * The Yjs rooms' update logs on either backend: rows sealed with the room
 * owner's data key, appended through the backend's {@link RoomLog} and
 * compacted into one row of the garbage-collected state (contract §6).
 */
import type { KeyObject } from 'node:crypto'
import { DataKeyUnavailable } from '../../crypto/errors.js'
import type { AtRest } from '../AtRest.js'
import { all, count, get, run, tryLock, type Query } from '../sql/query.js'
import type { StoreContext } from '../StoreContext.js'
import { compactUpdates } from './compactUpdates.js'
import { caseIdOfStoredRoom } from './roomNames.js'
import { CaseErasedError, type RoomStorage } from './RoomStorage.js'

const SQL_LOAD_UPDATES = 'SELECT seq, data FROM room_updates WHERE room = ? AND seq > ? ORDER BY seq'
const SQL_COUNT_UPDATES = 'SELECT CAST(COUNT(*) AS INTEGER) AS n FROM room_updates WHERE room = ?'
const SQL_IS_ERASED = 'SELECT 1 AS erased FROM erased_cases WHERE case_id = ?'
const SQL_DELETE_UPDATES_UP_TO = 'DELETE FROM room_updates WHERE room = ? AND seq <= ?'
const SQL_INSERT_COMPACTED = 'INSERT INTO room_updates (room, seq, data, created_at) VALUES (?, ?, ?, ?)'

/** A row of the log (PostgreSQL returns BIGINT numbers as strings). */
interface UpdateRow {
  seq: number | string
  data: Uint8Array
}

/** Whether a case id is tombstoned (inside an operation). */
export function* isErased(caseId: string): Query<boolean> {
  return (yield* get(SQL_IS_ERASED, caseId)) !== undefined
}

/**
 * The data key that seals `room`'s rows. A destroyed case key means the case
 * was erased: that is reported as {@link CaseErasedError}, like an append
 * that meets the tombstone (the relay closes with 4404).
 */
async function sealingKey(atRest: AtRest, room: string, caseId: string | null): Promise<KeyObject> {
  try {
    return await atRest.roomSealingKey(room)
  } catch (err) {
    if (err instanceof DataKeyUnavailable && err.reason === 'destroyed' && caseId !== null) {
      throw new CaseErasedError(caseId)
    }
    throw err
  }
}

/** {@link RoomStorage} on either backend. */
export function createRoomStore({ db, atRest, roomLog, logger }: StoreContext): RoomStorage {
  return {
    async loadUpdates(room, afterSeq = 0) {
      const rows = await db.query(all<UpdateRow>(SQL_LOAD_UPDATES, room, afterSeq))
      if (rows.length === 0) {
        return []
      }
      const key = await atRest.roomKey(room)
      return rows.map((row) => ({ seq: Number(row.seq), data: atRest.openUpdate(key, room, row.data) }))
    },

    async appendUpdates(room, updates) {
      const caseId = caseIdOfStoredRoom(room)
      const key = await sealingKey(atRest, room, caseId)
      const sealed = updates.map((update) => atRest.sealUpdate(key, room, update))
      return db.transaction(function* () {
        const seqs = yield* roomLog.append(room, sealed, new Date().toISOString())
        // Checked while this transaction holds the room (PostgreSQL: its head
        // row; SQLite: the one writer): an erasure locks the same rows, so it
        // either waits for this commit (and deletes these rows) or has
        // committed its tombstone, which this read then sees.
        if (caseId !== null && (yield* isErased(caseId))) {
          throw new CaseErasedError(caseId)
        }
        return { seqs, rows: yield* count(SQL_COUNT_UPDATES, room) }
      })
    },

    roomHeads: async (rooms) => (rooms.length === 0 ? new Map() : db.query(roomLog.heads(rooms))),

    async compact(room) {
      if ((await db.query(count(SQL_COUNT_UPDATES, room))) <= 1) {
        return
      }
      // Fetched before the transaction (see AtRest).
      const key = await atRest.roomKey(room)
      await db.transaction(function* () {
        // Another process compacting this room already does the same work.
        if (!(yield* tryLock(`compact:${room}`))) {
          return
        }
        const rows = yield* all<UpdateRow>(SQL_LOAD_UPDATES, room, 0)
        const last = rows.at(-1)
        if (last === undefined || rows.length <= 1) {
          return
        }
        // Decrypt, merge, seal again: the merged row is as sealed as the rows it replaces.
        const state = compactUpdates(
          rows.map((row) => atRest.openUpdate(key, room, row.data)),
          (err) => logger.error({ room, err }, 'skipping an update that failed to apply during compaction'),
        )
        // Only the rows read above go: numbers are given out in commit order,
        // so anything appended since has a higher one and survives. The merged
        // row takes the highest number it replaces (StoredUpdate.seq).
        yield* run(SQL_DELETE_UPDATES_UP_TO, room, last.seq)
        yield* run(SQL_INSERT_COMPACTED, room, last.seq, atRest.sealUpdate(key, room, state), new Date().toISOString())
      })
    },
  }
}
