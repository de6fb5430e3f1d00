/**
 * The storage of month confirmations (issue 18 point 2) on both backends:
 * a confirmation is kept with its hash, the same one twice is one row, the
 * confirming account is sealed at rest, the month's confirmed cases are
 * listed for invoicing, and erasing the case takes them along.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { newId } from '../../server/src/ids.js'
import { createLogger } from '../../server/src/log.js'
import { openPostgresStorage } from '../../server/src/storage/postgres/openPostgresStorage.js'
import { openSqliteStorage } from '../../server/src/storage/sqlite/openSqliteStorage.js'
import type { Storage } from '../../server/src/storage/Storage.js'
import { testMasterKeys } from '../helpers/atRest.js'
import { databaseUrl, needsPostgres, queryPostgres, testSchema } from '../helpers/scaleOut.js'

const logger = createLogger({ logLevel: 'silent' })
const tempDirs: string[] = []
const opened: Storage[] = []

afterAll(async () => {
  await Promise.all(opened.splice(0).map((storage) => storage.close()))
  await Promise.all(tempDirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })))
})

interface Backend {
  name: string
  skip: boolean
  open(): Promise<{ storage: Storage; storedDetails(): Promise<string[]> }>
}

const backends: Backend[] = [
  {
    name: 'SQLite',
    skip: false,
    async open() {
      const dataDir = await mkdtemp(join(tmpdir(), 'fallbuch-hoursproof-'))
      tempDirs.push(dataDir)
      const storage = await openSqliteStorage({ dataDir, synchronous: 'normal', logger, masterKeys: testMasterKeys() })
      return {
        storage,
        async storedDetails() {
          const db = new Database(join(dataDir, 'fallbuch.sqlite'), { readonly: true })
          try {
            return (db.prepare('SELECT details FROM month_confirmations').all() as Array<{ details: string }>).map((row) => row.details)
          } finally {
            db.close()
          }
        },
      }
    },
  },
  {
    name: `PostgreSQL${needsPostgres}`,
    skip: databaseUrl === undefined,
    async open() {
      const schema = testSchema()
      const storage = await openPostgresStorage({ connectionString: databaseUrl ?? '', schema, logger, maxConnections: 4, masterKeys: testMasterKeys() })
      return { storage, storedDetails: async () => (await queryPostgres<{ details: string }>(schema, 'SELECT details FROM month_confirmations')).map((row) => row.details) }
    },
  },
]

describe.each(backends)('month confirmations on $name', (backend) => {
  it.skipIf(backend.skip)('keeps who confirmed which hash, seals the account, lists confirmed months and goes with the case', async () => {
    const { storage, storedDetails } = await backend.open()
    opened.push(storage)
    const coachId = newId()
    await storage.createUser({
      id: coachId, name: 'Tobias Brandt', email: `${coachId}@example.org`, passwordHash: 'hash', kind: 'staff', isAdmin: true,
      active: true, createdAt: '2026-01-01T00:00:00.000Z', isLead: false, staffSharePercent: 100, isBilling: false, coachRate: null,
    })
    const caseIds = [newId(), newId()]
    for (const caseId of caseIds) {
      await storage.createCase(
        { id: caseId, title: 'Fall', type: 'placement', employerCanEdit: false, createdAt: '2026-01-01T00:00:00.000Z', createdBy: coachId, closedAt: null, closedBy: null, flow: null },
        { id: newId(), caseId, userId: coachId, role: 'coach', addedAt: '2026-01-01T00:00:00.000Z' },
        [],
      )
    }
    const [caseA, caseB] = caseIds as [string, string]
    const employerId = 'employer-account-4711'
    const confirmation = { caseId: caseA, month: '2026-03', role: 'employer' as const, accountId: employerId, confirmedAt: '2026-04-02T09:00:00.000Z', entriesHash: 'a'.repeat(64) }
    await storage.addMonthConfirmation(confirmation)
    await storage.addMonthConfirmation({ ...confirmation, confirmedAt: '2026-04-02T09:05:00.000Z' })
    await storage.addMonthConfirmation({ ...confirmation, role: 'coachee', accountId: 'coachee-account', confirmedAt: '2026-04-03T10:00:00.000Z' })
    await storage.addMonthConfirmation({ ...confirmation, caseId: caseB, month: '2026-04', entriesHash: 'b'.repeat(64) })

    expect(await storage.listMonthConfirmations(caseA)).toEqual([
      confirmation,
      { ...confirmation, role: 'coachee', accountId: 'coachee-account', confirmedAt: '2026-04-03T10:00:00.000Z' },
    ])
    expect(await storage.listLockedMonths(caseA)).toEqual(['2026-03'])
    expect(await storage.listConfirmedCaseMonths('2026-03')).toEqual([{ caseId: caseA, month: '2026-03', entriesHash: 'a'.repeat(64) }])
    expect(await storage.listConfirmedCaseMonths('2026-05')).toEqual([])
    for (const stored of await storedDetails()) {
      expect(stored).not.toContain(employerId)
    }

    await storage.eraseCase({ caseId: caseA, erasedAt: '2026-05-01T00:00:00.000Z', reason: 'request', erasedBy: coachId })
    expect(await storage.listConfirmedCaseMonths('2026-03')).toEqual([])
    expect(await storage.listConfirmedCaseMonths('2026-04')).toHaveLength(1)
  })
})
