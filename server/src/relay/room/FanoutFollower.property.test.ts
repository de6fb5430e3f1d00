/**
 * The follower against every order of events fast-check finds (contract §6,
 * scaled out): other processes commit rows whose fan-out messages arrive
 * late, twice or never; this process commits its own; another process
 * compacts the log (also right before one of this process's reads, the
 * race of 6a621fa); periodic catch-up rounds. Whatever happened, after a
 * last round the room holds every edit ever committed, its connections
 * were sent each of them, and it knows the head.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Fanout, RoomListener } from '../../fanout/Fanout.js'
import { Metrics } from '../../metrics.js'
import type { StoredUpdate } from '../../storage/Storage.js'
import { FanoutFollower, type RowForwarding } from './FanoutFollower.js'
import { TaskChain } from './TaskChain.js'

type Event =
  | { kind: 'other'; rows: number }
  | { kind: 'deliver'; pick: number; lost: boolean; twice: boolean }
  | { kind: 'own'; rows: number }
  | { kind: 'compact' }
  | { kind: 'compactBeforeNextRead' }
  | { kind: 'round' }

const event: fc.Arbitrary<Event> = fc.oneof(
  fc.record({ kind: fc.constant('other' as const), rows: fc.integer({ min: 1, max: 3 }) }),
  // Messages of different processes may overtake each other: any one in flight is delivered next.
  fc.record({ kind: fc.constant('deliver' as const), pick: fc.nat(), lost: fc.boolean(), twice: fc.boolean() }),
  fc.record({ kind: fc.constant('own' as const), rows: fc.integer({ min: 1, max: 3 }) }),
  fc.constant({ kind: 'compact' as const }),
  fc.constant({ kind: 'compactBeforeNextRead' as const }),
  fc.constant({ kind: 'round' as const }),
)

/** A row's content: the edit numbers it holds (a compacted row holds those of every row it replaced). */
const encode = (edits: readonly number[]): Uint8Array => new TextEncoder().encode(JSON.stringify(edits))
const decode = (data: Uint8Array): number[] => JSON.parse(new TextDecoder().decode(data)) as number[]

interface Row {
  seq: number
  edits: number[]
}

/** Runs `events` against one follower; answers the edits its room holds, every edit committed, and the heads. */
async function run(events: readonly Event[], ticks: readonly number[], before: number) {
  let rows: Row[] = []
  let head = 0
  let nextEdit = 1
  let compactBeforeRead = false
  const inFlight: Array<{ seqs: number[]; updates: Uint8Array[] }> = []
  const held = new Set<number>()
  /** What the room's connections were sent (loaded rows were theirs by sync already). */
  const forwarded = new Set<number>()
  let listener: RoomListener | undefined

  const commit = (edits: number[]): Row => {
    head += 1
    const row = { seq: head, edits }
    rows.push(row)
    return row
  }
  // As RoomStorage.compact: every row merged into the row of the highest number.
  const compact = (): void => {
    const last = rows.at(-1)
    if (last !== undefined && rows.length > 1) {
      rows = [{ seq: last.seq, edits: rows.flatMap((row) => row.edits) }]
    }
  }
  const fanout = {
    joinRoom: async (_room: string, joined: RoomListener) => {
      listener = joined
    },
    leaveRoom: async () => {},
    publishUpdates: () => {},
    publishAwarenessQuery: () => {},
  } as unknown as Fanout
  const tasks = new TaskChain((err) => {
    throw err
  })
  const follower = new FanoutFollower(
    {
      name: 'cases/x/notes',
      // As Room.applyRows: 'rows' forwards each row as stored, 'changes' only what the room lacked.
      applyRows: (applied: readonly StoredUpdate[], forward: RowForwarding) => {
        for (const row of applied) {
          for (const edit of decode(row.data)) {
            if (forward === 'rows' || (forward === 'changes' && !held.has(edit))) {
              forwarded.add(edit)
            }
            held.add(edit)
          }
        }
      },
    },
    {
      fanout,
      storage: {
        loadUpdates: async (_room: string, after = 0) => {
          await Promise.resolve()
          if (compactBeforeRead) {
            compactBeforeRead = false
            compact()
          }
          return rows.filter((row) => row.seq > after).map((row) => ({ seq: row.seq, data: encode(row.edits) }))
        },
      },
      tasks,
      metrics: new Metrics(),
      awareness: { applyRemote: () => {}, publishOwn: () => {} },
    },
  )
  // The room loads after `before` rows of other processes, whose messages are still in flight.
  await follower.join()
  for (let row = 0; row < before; row += 1) {
    const committed = commit([nextEdit++])
    inFlight.push({ seqs: [committed.seq], updates: [encode(committed.edits)] })
  }
  const loaded = rows.map((row) => ({ seq: row.seq, data: encode(row.edits) }))
  follower.loaded(loaded)
  for (const row of loaded) {
    for (const edit of decode(row.data)) {
      held.add(edit)
      forwarded.add(edit)
    }
  }

  for (const [index, next] of events.entries()) {
    switch (next.kind) {
      case 'other': {
        // One batch of another process: its rows in one message.
        const batch = Array.from({ length: next.rows }, () => commit([nextEdit++]))
        inFlight.push({ seqs: batch.map((row) => row.seq), updates: batch.map((row) => encode(row.edits)) })
        break
      }
      case 'deliver': {
        const [message] = inFlight.splice(next.pick % Math.max(1, inFlight.length), 1)
        if (message !== undefined && !next.lost) {
          listener?.updates(message.seqs, message.updates)
          if (next.twice) {
            listener?.updates(message.seqs, message.updates)
          }
        }
        break
      }
      case 'own':
        // As the commit queue: committed in the room's task chain, then the follower, then the room's own apply.
        tasks.run(async () => {
          const edits = Array.from({ length: next.rows }, () => nextEdit++)
          await Promise.resolve()
          const batch = edits.map((edit) => commit([edit]))
          await follower.committed(
            batch.map((row) => row.seq),
            batch.map((row) => encode(row.edits)),
          )
          // The commit queue's apply and forward of the batch.
          for (const edit of edits) {
            held.add(edit)
            forwarded.add(edit)
          }
        })
        break
      case 'compact':
        compact()
        break
      case 'compactBeforeNextRead':
        compactBeforeRead = true
        break
      case 'round':
        void follower.catchUpTo(head)
        break
    }
    // Let the room's tasks run a little (or not) before the next event: other processes do not wait.
    for (let tick = 0; tick < (ticks[index] ?? 0); tick += 1) {
      await Promise.resolve()
    }
  }
  await tasks.idle()
  await follower.catchUpTo(head)
  await tasks.idle()
  return { held, forwarded, committed: nextEdit - 1, applied: follower.appliedSeq, head }
}

describe('FanoutFollower under lost, repeated and late messages, own commits and compactions', () => {
  it('holds every committed edit after a last catch-up round, whatever the order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(event, { maxLength: 40 }), fc.array(fc.nat({ max: 6 }), { maxLength: 40 }), fc.nat({ max: 3 }), async (events, ticks, before) => {
        const { held, forwarded, committed, applied, head } = await run(events, ticks, before)
        const every = Array.from({ length: committed }, (_, index) => index + 1)
        expect([...held].sort((a, b) => a - b)).toEqual(every)
        expect([...forwarded].sort((a, b) => a - b)).toEqual(every)
        expect(applied).toBe(head)
      }),
      { numRuns: 2000 },
    )
  })
})
