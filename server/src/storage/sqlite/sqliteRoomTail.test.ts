/**
 * SQLite's room log with its tail (issue 21): new rows go to the tail in
 * insertion order and are moved into the clustered log; every read sees a
 * room's rows in both, in order, and nothing is lost or numbered twice
 * around a move, a compaction, a failed transaction, an erasure or a
 * killed process.
 */
import { describe, expect, it } from 'vitest'
import { logger, openRoomLog, room, textUpdate, texts } from '../../../../test/helpers/sqliteRoomLog.js'
import { startTailMover } from './sqliteRoomTail.js'

describe('SQLite room log with a tail', () => {
  it('appends to the tail, reads a room across log and tail in order, and moves the tail into the log', async () => {
    const { db, log, store, counts } = openRoomLog()
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
    const { db, log, store, counts } = openRoomLog()
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
    const { db, log, store, counts } = openRoomLog()
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
    const { db, log, store, raw } = openRoomLog(undefined, failing)
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

  it('rolls a move back whole when a row fails partway, and moves it once the cause is gone', async () => {
    const { db, log, store, raw, counts } = openRoomLog()
    const [first, second] = [room(), room()].sort()
    if (first === undefined || second === undefined) {
      throw new Error('two rooms expected')
    }
    await store.appendUpdates(first, [textUpdate('a'), textUpdate('b')])
    await store.appendUpdates(second, [textUpdate('c')])
    // A row the log already holds under the second room's number: the move (ordered by room) fails after
    // it inserted the first room's rows, which must not stay behind beside their copies in the tail.
    raw.prepare("INSERT INTO room_updates (room, seq, data, created_at) VALUES (?, 1, x'00', '2026-01-01')").run(second)
    await expect(db.transaction(() => log.tail.move())).rejects.toThrow(/UNIQUE|PRIMARY KEY/)
    expect(counts(first)).toEqual({ log: 0, tail: 2 })
    expect(counts(second)).toEqual({ log: 1, tail: 1 })
    expect((await texts(store, first)).seqs).toEqual([1, 2])
    raw.prepare('DELETE FROM room_updates WHERE room = ?').run(second)
    log.tail.moved(await db.transaction(() => log.tail.move()))
    expect([counts(first), counts(second)]).toEqual([
      { log: 2, tail: 0 },
      { log: 1, tail: 0 },
    ])
  })

  it('erases a room in both, and its numbering starts over', async () => {
    const { db, log, store, counts } = openRoomLog()
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

  it("keeps a room's number known after a move took its rows, and forgets it when the room is deleted", async () => {
    const { db, log, store } = openRoomLog()
    const a = room()
    await store.appendUpdates(a, [textUpdate('x'), textUpdate('y')])
    log.tail.moved(await db.transaction(() => log.tail.move()))
    expect(log.tail.has(a)).toBe(false)
    // The next append numbers on from memory instead of reading the log.
    expect(log.tail.knownHead(a)).toBe(2)
    await db.transaction(() => log.delete([a]))
    expect(log.tail.knownHead(a)).toBeNull()
    await store.appendUpdates(a, [textUpdate('z')])
    expect(await texts(store, a)).toEqual({ seqs: [1], text: 'z' })
  })

  it('moves a tail left by a killed process before anything reads, and moves the rest on close', async () => {
    const first = openRoomLog()
    const a = room()
    await first.store.appendUpdates(a, [textUpdate('left ')])
    await first.store.appendUpdates(a, [textUpdate('behind')])
    expect(first.counts(a)).toEqual({ log: 0, tail: 2 })
    // Killed: nothing moved, this process's knowledge gone.
    first.raw.close()
    await first.keyring.close()
    const second = openRoomLog(first.dir)
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
    const { db, log, store, counts } = openRoomLog()
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
