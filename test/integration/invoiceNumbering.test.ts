/**
 * Invoice numbers without gaps or duplicates (issue 18) where it is hard:
 * many issues at once on one storage (SQLite and PostgreSQL), from two OS
 * processes on one PostgreSQL database, and from two connection pools in one
 * process, with refused issues in between that must not use a number.
 */
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { sequenceFaults } from '../../shared/src/billing/invoiceNumbers.js'
import { newId } from '../../server/src/ids.js'
import { createLogger } from '../../server/src/log.js'
import { openPostgresStorage } from '../../server/src/storage/postgres/openPostgresStorage.js'
import type { Storage } from '../../server/src/storage/Storage.js'
import { testMasterKey, testMasterKeys } from '../helpers/atRest.js'
import { databaseUrl, needsPostgres, testSchema } from '../helpers/scaleOut.js'
import { spawnTracked, stopProcess } from '../helpers/processes.js'
import { until } from '../helpers/until.js'
import { invoice, issueAtOnce } from './support/invoiceFixture.js'
import { storageBackends } from './support/storageBackends.js'

const root = join(dirname(fileURLToPath(import.meta.url)), '../..')
const childScript = join(root, 'test/integration/support/issueInvoicesChild.ts')

describe.each(storageBackends('fallbuch-invoice-numbers-'))('invoice numbers on $name', ({ skip, open }) => {
  it.skipIf(skip)('concurrent issues on one storage take consecutive numbers; a refused one takes none', async () => {
    const storage = await open()
    const billedCase = newId()
    const first = await storage.issueInvoice(invoice(billedCase), [{ caseId: billedCase, month: '2026-10' }])
    expect(typeof first === 'string' ? first : first.number).toBe('2026-00001')
    const { numbers, refused } = await issueAtOnce([storage], 30, billedCase)
    expect(refused).toBe(10)
    expect(numbers).toHaveLength(20)
    expect(sequenceFaults(['2026-00001', ...numbers])).toEqual({ missing: [], duplicates: [] })
    // Next year starts again at 1.
    const next = await storage.issueInvoice({ ...invoice(newId()), issuedAt: '2027-01-01T00:00:00.000Z', retainUntil: '2037-12-31' }, [])
    expect(typeof next === 'string' ? next : next.number).toBe('2027-00001')
    // The sweep removes documents past their retention and names the years left empty.
    expect(await storage.removeExpiredInvoices('2037-01-01')).toEqual({ removed: 21, emptiedYears: [2026] })
  })
})

describe.skipIf(databaseUrl === undefined)(`invoice numbers from two processes on one PostgreSQL database${needsPostgres}`, () => {
  const opened: Storage[] = []
  afterAll(async () => {
    await Promise.all(opened.map((storage) => storage.close()))
  })

  it('two OS processes issuing at once: no duplicate, no gap, refused issues take no number', async () => {
    const schema = testSchema()
    const storage = await openPostgresStorage({
      connectionString: databaseUrl ?? '',
      schema,
      logger: createLogger({ logLevel: 'silent' }),
      maxConnections: 4,
      masterKeys: testMasterKeys(),
    })
    opened.push(storage)
    // The schema is migrated here, and one month billed, before the processes start.
    const billedCase = newId()
    await storage.issueInvoice(invoice(billedCase), [{ caseId: billedCase, month: '2026-10' }])

    const children = [0, 1].map(() =>
      spawnTracked(process.execPath, ['--import', 'tsx', childScript, schema, '30', billedCase], { cwd: root, env: { ...process.env, TEST_MASTER_KEY: testMasterKey }, stdio: ['pipe', 'pipe', 'pipe'] }),
    )
    const outputs = children.map((child) => {
      let text = ''
      child.stdout?.on('data', (chunk: Buffer) => {
        text += chunk.toString()
      })
      child.stderr?.on('data', (chunk: Buffer) => {
        text += chunk.toString()
      })
      return () => text
    })
    await until(() => outputs.every((output) => output().includes('ready')), { timeoutMs: 60_000, message: 'both processes ready' }).catch((error: unknown) => {
      throw new Error(`${String(error)}; their output: ${outputs.map((output) => output()).join(' | ')}`)
    })
    for (const child of children) {
      child.stdin?.write('go\n')
    }
    await until(() => outputs.every((output) => output().includes('"numbers"')), { timeoutMs: 60_000, message: 'both processes issued their invoices' })
    const results = outputs.map((output) => JSON.parse(output().split('\n').find((line) => line.includes('"numbers"')) ?? '{}') as { numbers: string[]; refused: number })
    await Promise.all(children.map((child) => stopProcess(child)))

    expect(results.map((result) => result.refused)).toEqual([10, 10])
    const numbers = results.flatMap((result) => result.numbers)
    expect(numbers).toHaveLength(40)
    const all = (await storage.listInvoices({ caseIds: null })).map((record) => record.number)
    expect(all).toHaveLength(41)
    expect(sequenceFaults(all)).toEqual({ missing: [], duplicates: [] })
    expect(Math.max(...all.map((number) => Number(number.slice(5))))).toBe(41)
    // Starting two processes under tsx takes a while on a loaded machine.
  }, 150_000)

  it('two storages (two connection pools) in one process issuing at once: no duplicate, no gap', async () => {
    const schema = testSchema()
    const logger = createLogger({ logLevel: 'silent' })
    const openOne = (): Promise<Storage> => openPostgresStorage({ connectionString: databaseUrl ?? '', schema, logger, maxConnections: 4, masterKeys: testMasterKeys() })
    const a = await openOne()
    opened.push(a)
    const b = await openOne()
    opened.push(b)
    const billedCase = newId()
    await a.issueInvoice(invoice(billedCase), [{ caseId: billedCase, month: '2026-10' }])
    const { numbers, refused } = await issueAtOnce([a, b], 60, billedCase)
    expect(refused).toBe(20)
    expect(numbers).toHaveLength(40)
    const all = [...(await a.listInvoices({ caseIds: null })), ...(await b.listInvoices({ caseIds: null }))].map((record) => record.number)
    expect(new Set(all).size).toBe(41)
    expect(sequenceFaults([...new Set(all)])).toEqual({ missing: [], duplicates: [] })
    expect(Math.max(...numbers.map((number) => Number(number.slice(5))))).toBe(41)
  })
})
