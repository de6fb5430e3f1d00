/**
 * A SQLite room log with its tail on a fresh file, for the unit tests of
 * server/src/storage/sqlite (sqliteRoomTail.test.ts and its property
 * test): the log's tables, a room store over them, and the raw connection.
 * Folders go when the test ends.
 */
import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as Y from 'yjs'
import { Keyring } from '../../server/src/crypto/Keyring.js'
import { masterKeySet } from '../../server/src/crypto/masterKeys.js'
import { newId } from '../../server/src/ids.js'
import { createLogger } from '../../server/src/log.js'
import { AtRest } from '../../server/src/storage/AtRest.js'
import { createRoomStore } from '../../server/src/storage/rooms/roomStore.js'
import type { RoomLog } from '../../server/src/storage/sql/RoomLog.js'
import { SqliteDatabase } from '../../server/src/storage/sqlite/SqliteDatabase.js'
import { SqliteKeyStore } from '../../server/src/storage/sqlite/SqliteKeyStore.js'
import { createSqliteRoomLog } from '../../server/src/storage/sqlite/sqliteRoomLog.js'

export const logger = createLogger({ logLevel: 'silent' })
const dirs: string[] = []
/** Removes the test's database folders; every test file runs it after each test (fileHooks.ts). */
export function removeTestDatabases(): void {
  for (const dir of dirs.splice(0)) {
    rmSync(dir, { recursive: true, force: true })
  }
}

export const room = (kind = 'notes'): string => `cases/${newId()}/${kind}`

export function textUpdate(text: string): Uint8Array {
  const doc = new Y.Doc()
  doc.getText('t').insert(0, text)
  return Y.encodeStateAsUpdate(doc)
}

/** A fresh database file with the log's tables, a room store over it, and the raw connection. */
export function openRoomLog(dir = mkdtempSync(join(tmpdir(), 'fallbuch-tail-')), failing: Set<string> = new Set()) {
  dirs.push(dir)
  const raw = new Database(join(dir, 'fallbuch.sqlite'))
  raw.exec(`CREATE TABLE IF NOT EXISTS room_updates (room TEXT NOT NULL, seq INTEGER NOT NULL, data BLOB NOT NULL, created_at TEXT NOT NULL, PRIMARY KEY (room, seq)) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS room_updates_tail (id INTEGER PRIMARY KEY, room TEXT NOT NULL, seq INTEGER NOT NULL, data BLOB NOT NULL, created_at TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS erased_cases (case_id TEXT PRIMARY KEY);`)
  const db = new SqliteDatabase(raw)
  const keyring = new Keyring(masterKeySet([Buffer.alloc(32, 7)], { kind: 'env' }), SqliteKeyStore.open(join(dir, 'keys.sqlite')))
  const log = createSqliteRoomLog()
  // A room log whose group commit fails for the rooms in `failing`, after its inserts ran.
  const roomLog: RoomLog = {
    ...log,
    *appendRooms(appends, now) {
      const seqs = yield* log.appendRooms(appends, now)
      const bad = appends.find((entry) => failing.has(entry.room))
      if (bad !== undefined) {
        throw new Error(`disk trouble in ${bad.room}`)
      }
      return seqs
    },
  }
  const store = createRoomStore({ db, atRest: new AtRest(keyring), roomLog, logger, reclaimErased: async () => {} })
  const counts = (name: string) => ({
    log: Number(raw.prepare('SELECT COUNT(*) FROM room_updates WHERE room = ?').pluck().get(name)),
    tail: Number(raw.prepare('SELECT COUNT(*) FROM room_updates_tail WHERE room = ?').pluck().get(name)),
  })
  return { dir, raw, db, log, store, keyring, counts }
}

export async function texts(store: ReturnType<typeof openRoomLog>['store'], name: string): Promise<{ seqs: number[]; text: string }> {
  const rows = await store.loadUpdates(name)
  const doc = new Y.Doc()
  for (const row of rows) {
    Y.applyUpdate(doc, row.data)
  }
  return { seqs: rows.map((row) => row.seq), text: doc.getText('t').toString() }
}

