/**
 * The room log on PostgreSQL as two relay processes use it at once
 * (contract §6, scaled out), in every order fast-check finds: each step
 * runs appends and compactions of both processes concurrently, a room's
 * first appends on both included (its case's data key made twice at once).
 * Whatever ran together, each room's numbers go 1..head without a hole or a
 * repeat, every number an append was given is its own, and a read holds
 * every edit ever committed to the room, in increasing numbers.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLogger } from '../../server/src/log.js'
import { newId } from '../../server/src/ids.js'
import type { Storage } from '../../server/src/storage/Storage.js'
import { openPostgresStorage } from '../../server/src/storage/postgres/openPostgresStorage.js'
import { testMasterKeys } from '../helpers/atRest.js'
import { editsOf, editsUpdate } from '../helpers/editTokens.js'
import { databaseUrl, needsPostgres, testSchema } from '../helpers/scaleOut.js'

const Rooms = 2

type Operation = { kind: 'append'; process: number; room: number; rows: number } | { kind: 'compact'; process: number; room: number }

const operation: fc.Arbitrary<Operation> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('append' as const), process: fc.nat({ max: 1 }), room: fc.nat({ max: Rooms - 1 }), rows: fc.integer({ min: 1, max: 3 }) }) },
  fc.record({ kind: fc.constant('compact' as const), process: fc.nat({ max: 1 }), room: fc.nat({ max: Rooms - 1 }) }),
)
/** Steps of operations that run at the same time. */
const steps = fc.array(fc.array(operation, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 8 })

describe.skipIf(databaseUrl === undefined)(`the room log on PostgreSQL, two processes at once${needsPostgres}`, () => {
  const schema = testSchema()
  const processes: Storage[] = []
  const open = (): Promise<Storage> =>
    openPostgresStorage({ connectionString: databaseUrl ?? '', schema, logger: createLogger({ logLevel: 'silent' }), maxConnections: 4, masterKeys: testMasterKeys() })

  beforeAll(async () => {
    // One after the other: the first creates and migrates the schema.
    processes.push(await open())
    processes.push(await open())
  })
  afterAll(async () => {
    for (const storage of processes.splice(0)) {
      await storage.close()
    }
  })

  it('numbers every room 1..head and keeps every edit, whatever ran concurrently', async () => {
    let nextEdit = 1
    await fc.assert(
      fc.asyncProperty(steps, async (plan) => {
        // Fresh rooms of fresh cases for each run.
        const rooms = Array.from({ length: Rooms }, () => `cases/${newId()}/notes`)
        const edits = rooms.map(() => [] as string[])
        const given = rooms.map(() => [] as number[])
        for (const step of plan) {
          await Promise.all(
            step.map(async (op) => {
              const storage = processes[op.process] as Storage
              const room = rooms[op.room] as string
              if (op.kind === 'compact') {
                await storage.compact(room)
                return
              }
              const made = Array.from({ length: op.rows }, () => `<${nextEdit++}>`)
              const [outcome] = await storage.appendToRooms([{ room, updates: made.map((edit) => editsUpdate([edit])) }])
              if (outcome?.ok !== true) {
                throw outcome?.error ?? new Error('no outcome')
              }
              expect(outcome.result.seqs).toHaveLength(op.rows)
              edits[op.room]?.push(...made)
              given[op.room]?.push(...outcome.result.seqs)
            }),
          )
        }
        const heads = await (processes[0] as Storage).roomHeads(rooms)
        for (const [index, room] of rooms.entries()) {
          const numbers = [...(given[index] ?? [])].sort((a, b) => a - b)
          const head = numbers.length
          // Gapless and each number given once.
          expect(numbers).toEqual(Array.from({ length: head }, (_, seq) => seq + 1))
          expect(heads.get(room) ?? 0).toBe(head)
          for (const storage of processes) {
            const read = await storage.loadUpdates(room)
            const seqs = read.map((row) => row.seq)
            expect(seqs).toEqual([...seqs].sort((a, b) => a - b))
            expect(new Set(seqs).size).toBe(seqs.length)
            expect(seqs.at(-1) ?? 0).toBe(head)
            expect(editsOf(read.map((row) => row.data))).toEqual([...(edits[index] ?? [])].sort())
          }
        }
      }),
      { numRuns: 40 },
    )
  }, 120_000)

  it("binds each client id to one account, and tells every bind whether it is the account's, whatever ran concurrently", async () => {
    const bind = fc.record({ process: fc.nat({ max: 1 }), user: fc.nat({ max: 2 }), clientId: fc.nat({ max: 3 }), alone: fc.boolean() })
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(bind, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 5 }), async (plan) => {
        const room = `cases/${newId()}/notes`
        const users = ['coach', 'tandem', 'employer'].map((role) => `${role}-${newId()}`)
        const told: Array<{ user: string; clientId: number; ours: boolean }> = []
        for (const step of plan) {
          await Promise.all(
            step.map(async ({ process, user, clientId, alone }) => {
              const storage = processes[process] as Storage
              const userId = users[user] as string
              // One id goes through the grouped single binds, two through a transaction of their own.
              const ids = alone ? [clientId] : [clientId, clientId + 100]
              const foreign = await storage.bindClientIds(room, userId, ids)
              for (const id of ids) {
                if (foreign.length === 0 || foreign.includes(id)) {
                  told.push({ user: userId, clientId: id, ours: foreign.length === 0 })
                }
              }
            }),
          )
        }
        for (const { user, clientId, ours } of told) {
          const owner = await (processes[0] as Storage).clientIdOwner(room, clientId)
          expect(owner === user).toBe(ours)
          expect(await (processes[1] as Storage).clientIdOwner(room, clientId)).toBe(owner)
        }
      }),
      { numRuns: 30 },
    )
  }, 120_000)
})
