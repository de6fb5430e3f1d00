/**
 * Invoice numbers without gaps or duplicates (issue 18) where it is hard:
 * many issues at once on one SQLite storage, and on PostgreSQL from two
 * storages on the same database (as two server processes), with refused
 * issues in between that must not use a number.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { sequenceFaults } from '../../shared/src/billing/invoiceNumbers.js'
import { newId } from '../../server/src/ids.js'
import { createLogger } from '../../server/src/log.js'
import type { NewInvoice } from '../../server/src/storage/invoices/InvoiceStorage.js'
import { openPostgresStorage } from '../../server/src/storage/postgres/openPostgresStorage.js'
import type { Storage } from '../../server/src/storage/Storage.js'
import { testMasterKeys } from '../helpers/atRest.js'
import { databaseUrl, needsPostgres, testSchema } from '../helpers/scaleOut.js'
import { storageBackends } from './support/storageBackends.js'

const issuedAt = '2026-11-30T10:00:00.000Z'

function invoice(caseId: string): NewInvoice {
  return {
    id: newId(),
    kind: 'invoice',
    cancelsId: null,
    fundingBodyId: 'body',
    month: '2026-10',
    issuedAt,
    issuedBy: 'user',
    retainUntil: '2036-12-31',
    details: {
      fundingBody: { id: 'body', name: 'Inklusionsamt', address: '' },
      currency: 'EUR',
      lines: [],
      totalCents: 100,
      issuedByName: 'Tobias Brandt',
      reason: '',
      cancelsNumber: null,
    },
    caseIds: [caseId],
  }
}

/** Issues `count` invoices at once across `stores` (round robin), every third one for a month billed already (refused). */
async function issueAtOnce(stores: readonly Storage[], count: number, billedCase: string): Promise<{ numbers: string[]; refused: number }> {
  const results = await Promise.all(
    Array.from({ length: count }, (_, index) => {
      const store = stores[index % stores.length] as Storage
      const caseId = index % 3 === 2 ? billedCase : newId()
      return store.issueInvoice(invoice(caseId), [{ caseId, month: '2026-10' }])
    }),
  )
  return {
    numbers: results.flatMap((result) => (typeof result === 'string' ? [] : [result.number])),
    refused: results.filter((result) => result === 'alreadyBilled').length,
  }
}

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

  it('two storages issuing at once: no duplicate, no gap', async () => {
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
