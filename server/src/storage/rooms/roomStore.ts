/**
 * The Yjs rooms' update logs on either backend: rows sealed with the room
 * owner's data key, appended through the backend's {@link RoomLog} and
 * compacted into one row of the garbage-collected state (contract §6).
 */
import type { KeyObject } from 'node:crypto'
import { DataKeyUnavailable } from '../../crypto/errors.js'
import type { AtRest } from '../AtRest.js'
import { errorMessage } from '../../../../shared/src/errors.js'
import { get, run, tryLock, type Query } from '../sql/query.js'
import type { StoreContext } from '../StoreContext.js'
import { compactUpdates } from './compactUpdates.js'
import { caseIdOfStoredRoom } from './roomNames.js'
import { CaseErasedError, type RoomAppend, type RoomAppendOutcome, type RoomStorage } from './RoomStorage.js'

const SQL_IS_ERASED = 'SELECT 1 AS erased FROM erased_cases WHERE case_id = ?'
const SQL_INSERT_COMPACTED = 'INSERT INTO room_updates (room, seq, data, created_at) VALUES (?, ?, ?, ?)'

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

/**
 * The sealing keys of a group's rooms, as settled results. From the
 * keyring's cache when it holds them all: an allocation profile of the
 * provider's day (issue 21) put the promises, sets and maps of fetching
 * cached keys one by one at about 1.7 KB per update.
 */
async function sealingKeys(atRest: AtRest, rooms: readonly string[], caseIds: ReadonlyArray<string | null>): Promise<Array<PromiseSettledResult<KeyObject>>> {
  const cached = rooms.map((room) => atRest.cachedRoomSealingKey(room))
  if (cached.every((key) => key !== undefined)) {
    return cached.map((value) => ({ status: 'fulfilled', value }))
  }
  return Promise.allSettled(rooms.map((room, index) => cached[index] ?? sealingKey(atRest, room, caseIds[index] ?? null)))
}

/** The outcome of a room until its commit fills it in. */
const NotCommitted: RoomAppendOutcome = { ok: false, error: new Error('not committed') }

/** A room of a group commit, sealed and ready for the transaction. */
interface SealedAppend {
  index: number
  room: string
  caseId: string | null
  rows: Uint8Array[]
}

/** {@link RoomStorage} on either backend. */
export function createRoomStore({ db, atRest, roomLog, logger }: StoreContext): RoomStorage {
  /** One transaction (or the backend's one statement) for `entries`; fills their outcomes, or throws when it failed as a whole. */
  async function commit(entries: readonly SealedAppend[], outcomes: RoomAppendOutcome[]): Promise<void> {
    const append = (): Query<Map<string, number[]>> =>
      roomLog.appendRooms(
        entries.map(({ room, caseId, rows }) => ({ room, caseId, rows })),
        new Date().toISOString(),
      )
    let seqs
    try {
      seqs = roomLog.appendRoomsIsOneStatement ? await db.query(append()) : await db.transaction(append)
    } catch (err) {
      roomLog.appendFailed(entries.map((entry) => entry.room))
      throw err
    }
    for (const entry of entries) {
      const roomSeqs = seqs.get(entry.room)
      // A room left out met its tombstone (the relay closes with 4404).
      outcomes[entry.index] = roomSeqs === undefined ? { ok: false, error: new CaseErasedError(entry.caseId ?? '') } : { ok: true, result: { seqs: roomSeqs } }
    }
  }

  async function appendToRooms(appends: readonly RoomAppend[]): Promise<RoomAppendOutcome[]> {
    // Every entry is filled below; one shared placeholder, not an Error (and its stack) per room and commit.
    const outcomes: RoomAppendOutcome[] = appends.map(() => NotCommitted)
    const caseIds = appends.map(({ room }) => caseIdOfStoredRoom(room))
    // Keys are fetched before the transaction (see AtRest); the keyring caches them.
    const keys = await sealingKeys(
      atRest,
      appends.map(({ room }) => room),
      caseIds,
    )
    const sealed: SealedAppend[] = []
    for (const [index, { room, updates }] of appends.entries()) {
      const key = keys[index]
      try {
        if (key?.status !== 'fulfilled') {
          throw key?.reason ?? new Error('no key')
        }
        sealed.push({ index, room, caseId: caseIds[index] ?? null, rows: updates.map((update) => atRest.sealUpdate(key.value, room, update)) })
      } catch (err) {
        outcomes[index] = { ok: false, error: err }
      }
    }
    if (sealed.length === 0) {
      return outcomes
    }
    try {
      await commit(sealed, outcomes)
    } catch (err) {
      if (sealed.length === 1) {
        outcomes[sealed[0]?.index ?? 0] = { ok: false, error: err }
        return outcomes
      }
      // The shared transaction failed as a whole: each room alone, so one room's failure does not lose the others.
      logger.warn({ rooms: sealed.length, error: errorMessage(err) }, 'a group commit failed; committing its rooms one by one')
      for (const entry of sealed) {
        try {
          await commit([entry], outcomes)
        } catch (roomErr) {
          outcomes[entry.index] = { ok: false, error: roomErr }
        }
      }
    }
    return outcomes
  }

  return {
    async loadUpdates(room, afterSeq = 0) {
      const rows = await db.query(roomLog.rows(room, afterSeq))
      if (rows.length === 0) {
        return []
      }
      const key = await atRest.roomKey(room)
      return rows.map((row) => ({ seq: Number(row.seq), data: atRest.openUpdate(key, room, row.data) }))
    },

    async appendUpdates(room, updates) {
      const [outcome] = await appendToRooms([{ room, updates }])
      if (outcome === undefined || !outcome.ok) {
        throw outcome?.error ?? new Error('nothing committed')
      }
      return outcome.result
    },

    appendToRooms,

    roomHeads: async (rooms) => (rooms.length === 0 ? new Map() : db.query(roomLog.heads(rooms))),

    async compact(room) {
      if ((await db.query(roomLog.countRows(room, null))) <= 1) {
        return
      }
      // Fetched before the transaction (see AtRest).
      const key = await atRest.roomKey(room)
      await db.transaction(function* () {
        // Another process compacting this room already does the same work.
        if (!(yield* tryLock(`compact:${room}`))) {
          return
        }
        const rows = yield* roomLog.rows(room, 0)
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
        yield* roomLog.deleteUpTo(room, Number(last.seq))
        yield* run(SQL_INSERT_COMPACTED, room, last.seq, atRest.sealUpdate(key, room, state), new Date().toISOString())
      })
    },

    async replaceWithState(room, state, upToSeq) {
      // Fetched before the transaction (see AtRest); sealed outside it, too.
      const key = await atRest.roomKey(room)
      const sealedState = atRest.sealUpdate(key, room, state)
      await db.transaction(function* () {
        // One row is compact already; none means the case was erased meanwhile (its rows went with the tombstone).
        if ((yield* roomLog.countRows(room, upToSeq)) <= 1) {
          return
        }
        yield* roomLog.deleteUpTo(room, upToSeq)
        yield* run(SQL_INSERT_COMPACTED, room, upToSeq, sealedState, new Date().toISOString())
      })
    },
  }
}
