/**
 * The group commit of the room log (issue 21) on SQLite: the rooms of one
 * turn go into one transaction, and a room that cannot be written fails
 * alone while the others commit.
 */
import Database from 'better-sqlite3'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { Keyring } from '../../crypto/Keyring.js'
import { masterKeySet } from '../../crypto/masterKeys.js'
import { newId } from '../../ids.js'
import { createLogger } from '../../log.js'
import { AtRest } from '../AtRest.js'
import type { RoomLog } from '../sql/RoomLog.js'
import { SqliteDatabase } from '../sqlite/SqliteDatabase.js'
import { SqliteKeyStore } from '../sqlite/SqliteKeyStore.js'
import { createSqliteRoomLog } from '../sqlite/sqliteRoomLog.js'
import { createRoomStore } from './roomStore.js'
import { CaseErasedError } from './RoomStorage.js'

const dirs: string[] = []
/** A case room's stored name (case ids are opaque ids). */
const ids = new Map<string, string>()
const room = (name: string, kind = 'plan'): string => {
  if (!ids.has(name)) {
    ids.set(name, newId())
  }
  return `cases/${ids.get(name)}/${kind}`
}
afterEach(() => {
  for (const dir of dirs.splice(0)) {
    rmSync(dir, { recursive: true, force: true })
  }
})

function textUpdate(text: string): Uint8Array {
  const doc = new Y.Doc()
  doc.getText('t').insert(0, text)
  return Y.encodeStateAsUpdate(doc)
}

function textOf(updates: readonly { data: Uint8Array }[]): string {
  const doc = new Y.Doc()
  for (const { data } of updates) {
    Y.applyUpdate(doc, data)
  }
  return doc.getText('t').toString()
}

/** A room store over a fresh SQLite file, with a spy on its transactions and an optional room log that fails for some rooms. */
function roomStore(failing: ReadonlySet<string> = new Set()) {
  const dir = mkdtempSync(join(tmpdir(), 'fallbuch-group-commit-'))
  dirs.push(dir)
  const raw = new Database(join(dir, 'fallbuch.sqlite'))
  raw.exec(`CREATE TABLE room_updates (room TEXT NOT NULL, seq INTEGER NOT NULL, data BLOB NOT NULL, created_at TEXT NOT NULL, PRIMARY KEY (room, seq)) WITHOUT ROWID;
    CREATE TABLE room_updates_tail (id INTEGER PRIMARY KEY, room TEXT NOT NULL, seq INTEGER NOT NULL, data BLOB NOT NULL, created_at TEXT NOT NULL);
    CREATE TABLE erased_cases (case_id TEXT PRIMARY KEY);`)
  const db = new SqliteDatabase(raw)
  const transaction = vi.spyOn(db, 'transaction')
  const keyring = new Keyring(masterKeySet([randomBytes(32)], { kind: 'env' }), SqliteKeyStore.open(join(dir, 'keys.sqlite')))
  const sqliteRoomLog = createSqliteRoomLog()
  const roomLog: RoomLog = {
    ...sqliteRoomLog,
    *appendRooms(appends, now) {
      const bad = appends.find((entry) => failing.has(entry.room))
      if (bad !== undefined) {
        throw new Error(`disk trouble in ${bad.room}`)
      }
      return yield* sqliteRoomLog.appendRooms(appends, now)
    },
  }
  const store = createRoomStore({ db, atRest: new AtRest(keyring), roomLog, logger: createLogger({ logLevel: 'silent' }), reclaimErased: async () => {} })
  return { store, raw, transaction }
}

describe('appendToRooms (group commit)', () => {
  it('commits the rooms of one turn in one transaction, each with its own row numbers', async () => {
    const { store, transaction } = roomStore()
    const outcomes = await store.appendToRooms([
      { room: room('a1', 'plan'), updates: [textUpdate('a')] },
      { room: room('b1', 'notes'), updates: [textUpdate('b'), textUpdate('c')] },
      { room: room('c1', 'plan'), updates: [textUpdate('d')] },
    ])
    expect(transaction).toHaveBeenCalledTimes(1)
    expect(outcomes.map((outcome) => (outcome.ok ? outcome.result.seqs.length : -1))).toEqual([1, 2, 1])
    expect(textOf(await store.loadUpdates(room('a1', 'plan')))).toBe('a')
    expect(await store.loadUpdates(room('b1', 'notes'))).toHaveLength(2)
  })

  it('refuses the room of an erased case alone; the others of the turn are stored', async () => {
    const { store, raw, transaction } = roomStore()
    const gone = room('gone').split('/')[1]
    raw.prepare('INSERT INTO erased_cases (case_id) VALUES (?)').run(gone)
    const outcomes = await store.appendToRooms([
      { room: room('kept1', 'plan'), updates: [textUpdate('kept')] },
      { room: room('gone', 'plan'), updates: [textUpdate('late')] },
      { room: room('kept2', 'notes'), updates: [textUpdate('also kept')] },
    ])
    expect(transaction).toHaveBeenCalledTimes(1)
    expect(outcomes[0]?.ok).toBe(true)
    expect(outcomes[1]?.ok === false && outcomes[1].error).toBeInstanceOf(CaseErasedError)
    expect(outcomes[2]?.ok).toBe(true)
    expect(await store.loadUpdates(room('gone', 'plan'))).toEqual([])
    expect(textOf(await store.loadUpdates(room('kept1', 'plan')))).toBe('kept')
    expect(textOf(await store.loadUpdates(room('kept2', 'notes')))).toBe('also kept')
  })

  it('does not lose the other rooms when one room makes the shared transaction fail', async () => {
    const { store } = roomStore(new Set([room('broken', 'plan')]))
    const outcomes = await store.appendToRooms([
      { room: room('x1', 'plan'), updates: [textUpdate('x')] },
      { room: room('broken', 'plan'), updates: [textUpdate('never')] },
      { room: room('y1', 'plan'), updates: [textUpdate('y')] },
    ])
    expect(outcomes.map((outcome) => outcome.ok)).toEqual([true, false, true])
    expect(textOf(await store.loadUpdates(room('x1', 'plan')))).toBe('x')
    expect(textOf(await store.loadUpdates(room('y1', 'plan')))).toBe('y')
    expect(await store.loadUpdates(room('broken', 'plan'))).toEqual([])
  })
})
