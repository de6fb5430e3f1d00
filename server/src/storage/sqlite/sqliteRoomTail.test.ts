/**
 * SQLite's room log with its tail (issue 21): new rows go to the tail in
 * insertion order and are moved into the clustered log; every read sees a
 * room's rows in both, in order, and nothing is lost or numbered twice
 * around a move, a compaction, a failed transaction, an erasure or a
 * killed process.
 */
import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { Keyring } from '../../crypto/Keyring.js'
import { masterKeySet } from '../../crypto/masterKeys.js'
import { newId } from '../../ids.js'
import { createLogger } from '../../log.js'
import { AtRest } from '../AtRest.js'
import { createRoomStore } from '../rooms/roomStore.js'
import type { RoomLog } from '../sql/RoomLog.js'
import { SqliteDatabase } from './SqliteDatabase.js'
import { SqliteKeyStore } from './SqliteKeyStore.js'
import { createSqliteRoomLog } from './sqliteRoomLog.js'
import { startTailMover } from './sqliteRoomTail.js'

const logger = createLogger({ logLevel: 'silent' })
const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) {
    rmSync(dir, { recursive: true, force: true })
  }
})

const room = (kind = 'notes'): string => `cases/${newId()}/${kind}`

function textUpdate(text: string): Uint8Array {
  const doc = new Y.Doc()
  doc.getText('t').insert(0, text)
  return Y.encodeStateAsUpdate(doc)
}

/** A fresh database file with the log's tables, a room store over it, and the raw connection. */
function open(dir = mkdtempSync(join(tmpdir(), 'fallbuch-tail-')), failing: Set<string> = new Set()) {
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

async function texts(store: ReturnType<typeof open>['store'], name: string): Promise<{ seqs: number[]; text: string }> {
  const rows = await store.loadUpdates(name)
  const doc = new Y.Doc()
  for (const row of rows) {
    Y.applyUpdate(doc, row.data)
  }
  return { seqs: rows.map((row) => row.seq), text: doc.getText('t').toString() }
}

describe('SQLite room log with a tail', () => {
  it('appends to the tail, reads a room across log and tail in order, and moves the tail into the log', async () => {
    const { db, log, store, counts } = open()
    const a = room()
    await store.appendUpdates(a, [textUpdate('one ')])
    expect(counts(a)).toEqual({ log: 0, tail: 1 })
    log.tail.moved(await db.transaction(() => log.tail.move()))
    expect(counts(a)).toEqual({ log: 1, tail: 0 })
    expect(log.tail.has(a)).toBe(false)
    await store.appendUpdates(a, [textUpdate('two '), textUpdate('three')])
    expect(counts(a)).toEqual({ log: 1, tail: 2 })
    // Its number continues from the log's, read from the log's last page.
    const read = await texts(store, a)
    expect(read.seqs).toEqual([1, 2, 3])
    expect(await store.loadUpdates(a, 1)).toHaveLength(2)
    expect(await store.roomHeads([a])).toEqual(new Map([[a, 3]]))
  })

  it('keeps a room appended to after a move began: its rows stay readable until a later move takes them', async () => {
    const { db, log, store, counts } = open()
    const a = room()
    await store.appendUpdates(a, [textUpdate('before')])
    const generation = await db.transaction(() => log.tail.move())
    // Between the move's commit and its bookkeeping another append lands.
    await store.appendUpdates(a, [textUpdate('after')])
    log.tail.moved(generation)
    expect(log.tail.has(a)).toBe(true)
    expect(counts(a)).toEqual({ log: 1, tail: 1 })
    expect((await texts(store, a)).seqs).toEqual([1, 2])
  })

  it('compacts a room whose rows lie in both, and numbers on after the compacted row', async () => {
    const { db, log, store, counts } = open()
    const a = room()
    await store.appendUpdates(a, [textUpdate('a')])
    log.tail.moved(await db.transaction(() => log.tail.move()))
    await store.appendUpdates(a, [textUpdate('b'), textUpdate('c')])
    await store.compact(a)
    expect(counts(a)).toEqual({ log: 1, tail: 0 })
    await store.appendUpdates(a, [textUpdate('d')])
    const read = await texts(store, a)
    expect(read.seqs).toEqual([3, 4])
    expect([...read.text].sort().join('')).toBe('abcd')
  })

  it('numbers on without a hole or a repeat after a failed transaction, and the move still succeeds', async () => {
    const failing = new Set<string>()
    const { db, log, store, raw } = open(undefined, failing)
    const a = room()
    await store.appendUpdates(a, [textUpdate('kept')])
    failing.add(a)
    await expect(store.appendUpdates(a, [textUpdate('lost')])).rejects.toThrow('disk trouble')
    failing.delete(a)
    await store.appendUpdates(a, [textUpdate('next')])
    expect((await texts(store, a)).seqs).toEqual([1, 2])
    log.tail.moved(await db.transaction(() => log.tail.move()))
    expect(raw.prepare('SELECT seq FROM room_updates WHERE room = ? ORDER BY seq').pluck().all(a)).toEqual([1, 2])
  })

  it('erases a room in both, and its numbering starts over', async () => {
    const { db, log, store, counts } = open()
    const a = room()
    await store.appendUpdates(a, [textUpdate('x')])
    log.tail.moved(await db.transaction(() => log.tail.move()))
    await store.appendUpdates(a, [textUpdate('y')])
    await db.transaction(() => log.delete([a]))
    expect(counts(a)).toEqual({ log: 0, tail: 0 })
    expect(await store.loadUpdates(a)).toEqual([])
    await store.appendUpdates(a, [textUpdate('z')])
    expect(await texts(store, a)).toEqual({ seqs: [1], text: 'z' })
  })

  it('moves a tail left by a killed process before anything reads, and moves the rest on close', async () => {
    const first = open()
    const a = room()
    await first.store.appendUpdates(a, [textUpdate('left ')])
    await first.store.appendUpdates(a, [textUpdate('behind')])
    expect(first.counts(a)).toEqual({ log: 0, tail: 2 })
    // Killed: nothing moved, this process's knowledge gone.
    first.raw.close()
    await first.keyring.close()
    const second = open(first.dir)
    const mover = await startTailMover(second.db, second.log.tail, logger, 60_000)
    expect(second.counts(a)).toEqual({ log: 2, tail: 0 })
    await second.store.appendUpdates(a, [textUpdate('again')])
    const read = await texts(second.store, a)
    expect(read.seqs).toEqual([1, 2, 3])
    expect(['left ', 'behind', 'again'].every((piece) => read.text.includes(piece))).toBe(true)
    expect(second.counts(a)).toEqual({ log: 2, tail: 1 })
    await mover.close()
    expect(second.counts(a)).toEqual({ log: 3, tail: 0 })
    second.raw.close()
    await second.keyring.close()
  })

  it('moves on its own while rows arrive', async () => {
    const { db, log, store, counts } = open()
    const mover = await startTailMover(db, log.tail, logger, 20)
    try {
      const rooms = Array.from({ length: 5 }, () => room())
      for (const [index, name] of rooms.entries()) {
        await store.appendToRooms(rooms.map((each) => ({ room: each, updates: [textUpdate(`${index}`)] })))
        expect(log.tail.has(name)).toBe(true)
      }
      await new Promise((resolve) => setTimeout(resolve, 200))
      expect(rooms.map((name) => counts(name))).toEqual(rooms.map(() => ({ log: 5, tail: 0 })))
      expect(log.tail.size).toBe(0)
    } finally {
      await mover.close()
    }
  })
})
