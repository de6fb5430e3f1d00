/**
 * SQLite's room log with its tail against a model, in every order of events
 * fast-check finds: group commits over several rooms (one room's commit
 * failing after its inserts ran), tail moves with appends landing between a
 * move's commit and its bookkeeping, compactions (merged in storage, or
 * replaced by the relay's state), erasures. After each event a read of a
 * room answers exactly the model's rows: their numbers, in order, and every
 * edit they hold; numbers go on without a hole or a repeat.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { editsOf, editsUpdate } from '../../../../test/helpers/editTokens.js'
import { openRoomLog, room } from '../../../../test/helpers/sqliteRoomLog.js'

const Rooms = 3

type Event =
  | { kind: 'append'; rooms: number[]; failing: number | null }
  | { kind: 'moveStart' }
  | { kind: 'moveEnd' }
  | { kind: 'compact'; room: number }
  | { kind: 'replace'; room: number }
  | { kind: 'erase'; room: number }
  | { kind: 'read'; room: number; after: number }

const roomIndex = fc.nat({ max: Rooms - 1 })
const event: fc.Arbitrary<Event> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('append' as const), rooms: fc.uniqueArray(roomIndex, { minLength: 1, maxLength: Rooms }), failing: fc.option(roomIndex, { freq: 4 }) }) },
  fc.constant({ kind: 'moveStart' as const }),
  fc.constant({ kind: 'moveEnd' as const }),
  fc.record({ kind: fc.constant('compact' as const), room: roomIndex }),
  fc.record({ kind: fc.constant('replace' as const), room: roomIndex }),
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('erase' as const), room: roomIndex }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('read' as const), room: roomIndex, after: fc.nat({ max: 6 }) }) },
)

/** A model row: its number and the edits (tokens) it holds. */
interface ModelRow {
  seq: number
  edits: string[]
}

async function run(events: readonly Event[]): Promise<void> {
  const failing = new Set<string>()
  const setup = openRoomLog(undefined, failing)
  const { db, log, store } = setup
  const names = Array.from({ length: Rooms }, () => room())
  const model = names.map(() => ({ rows: [] as ModelRow[], head: 0 }))
  let nextEdit = 1
  let moving: number | null = null

  const check = async (index: number, after: number): Promise<void> => {
    const name = names[index] ?? ''
    const expected = model[index]?.rows.filter((row) => row.seq > after) ?? []
    const read = await store.loadUpdates(name, after)
    expect(read.map((row) => row.seq)).toEqual(expected.map((row) => row.seq))
    expect(editsOf(read.map((row) => row.data))).toEqual(expected.flatMap((row) => row.edits).sort())
  }

  try {
    for (const next of events) {
      switch (next.kind) {
        case 'append': {
          const appends = next.rooms.map((index) => {
            const edits = [`<${nextEdit++}>`]
            return { index, edits, room: names[index] ?? '', updates: [editsUpdate(edits)] }
          })
          const bad = next.failing === null ? null : names[next.failing]
          if (bad !== null && bad !== undefined) {
            failing.add(bad)
          }
          const outcomes = await store.appendToRooms(appends.map(({ room: name, updates }) => ({ room: name, updates })))
          failing.clear()
          for (const [position, { index, edits, room: name }] of appends.entries()) {
            const entry = model[index]
            const outcome = outcomes[position]
            // The failing room alone fails; the group's others commit (one by one after the group failed).
            expect(outcome?.ok).toBe(name !== bad)
            if (entry !== undefined && outcome?.ok === true) {
              entry.head += 1
              expect(outcome.result.seqs).toEqual([entry.head])
              entry.rows.push({ seq: entry.head, edits })
            }
          }
          break
        }
        case 'moveStart':
          if (moving === null) {
            moving = await db.transaction(() => log.tail.move())
          }
          break
        case 'moveEnd':
          if (moving !== null) {
            log.tail.moved(moving)
            moving = null
          }
          break
        case 'compact': {
          await store.compact(names[next.room] ?? '')
          const entry = model[next.room]
          const last = entry?.rows.at(-1)
          if (entry !== undefined && last !== undefined && entry.rows.length > 1) {
            entry.rows = [{ seq: last.seq, edits: entry.rows.flatMap((row) => row.edits) }]
          }
          break
        }
        case 'replace': {
          // As the single process relay: its document's state up to the rows it applied.
          // (only a room that holds rows: the relay compacts what it loaded or committed)
          const entry = model[next.room]
          if (entry !== undefined && entry.rows.length > 0) {
            const upTo = entry.head
            const edits = entry.rows.flatMap((row) => row.edits)
            await store.replaceWithState(names[next.room] ?? '', editsUpdate(edits), upTo)
            if (entry.rows.length > 1) {
              entry.rows = [{ seq: upTo, edits }]
            }
          }
          break
        }
        case 'erase': {
          await db.transaction(() => log.delete([names[next.room] ?? '']))
          const entry = model[next.room]
          if (entry !== undefined) {
            entry.rows = []
            entry.head = 0
          }
          break
        }
        case 'read':
          await check(next.room, next.after)
          break
      }
    }
    if (moving !== null) {
      log.tail.moved(moving)
    }
    // Everything read back, before and after a last move of the whole tail.
    for (let index = 0; index < Rooms; index += 1) {
      await check(index, 0)
    }
    log.tail.moved(await db.transaction(() => log.tail.move()))
    for (let index = 0; index < Rooms; index += 1) {
      await check(index, 0)
      expect(setup.counts(names[index] ?? '').tail).toBe(0)
    }
  } finally {
    setup.raw.close()
    await setup.keyring.close()
  }
}

describe('SQLite room log with a tail, against a model', () => {
  it('reads back exactly the committed rows, numbered without holes, in every order of appends, moves, compactions and erasures', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(event, { maxLength: 30 }), (events) => run(events)),
      { numRuns: 150 },
    )
  }, 60_000)
})
