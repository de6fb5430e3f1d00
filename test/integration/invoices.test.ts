/**
 * Invoices (issue 18, billing) against the real relay, on SQLite and on
 * PostgreSQL: a draft per funding body and month from a confirmed month
 * (approval rate, then the coach's own rate), who may see and issue it,
 * issuing with a number, an issued invoice refused any change, PDF and
 * CSV, cancellation as its own document freeing the month, the details
 * sealed at rest, and the invoice outliving the case's erasure.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import type { Invoice, InvoiceDraft } from '../../shared/src/api/invoices.js'
import { addHoursEntry, notesHours } from '../../shared/src/caseDocument/notes.js'
import { monthEntries, monthEntriesHash } from '../../shared/src/hoursProof/monthProof.js'
import { createLogger } from '../../server/src/log.js'
import { openPostgresStorage } from '../../server/src/storage/postgres/openPostgresStorage.js'
import { openSqliteStorage } from '../../server/src/storage/sqlite/openSqliteStorage.js'
import type { Storage } from '../../server/src/storage/Storage.js'
import { createCase, createStaff, inviteAndAccept, setupAdmin, type LoggedIn } from '../helpers/apiClient.js'
import { embeddedMasterKeys, testMasterKeys } from '../helpers/atRest.js'
import { databaseUrl, needsPostgres, queryPostgres, testSchema } from '../helpers/scaleOut.js'
import { startRelay, type TestRelay } from '../helpers/startRelay.js'
import { until } from '../helpers/until.js'
import { querySql } from './support/database.js'
import { connectProvider } from './support/syncClients.js'

const logger = createLogger({ logLevel: 'silent' })
const activity = 'Gespräch über die Schichtzeiten und die Medikation'
const month = '2026-03'

interface Backend {
  name: string
  skip: boolean
  start(): Promise<TestRelay>
  /** A second storage on the relay's database (the month confirmation is written by the hours proof's own route). */
  storage(relay: TestRelay): Promise<Storage>
  invoiceDetails(relay: TestRelay): Promise<string[]>
}

let schema = ''
const backends: Backend[] = [
  {
    name: 'SQLite',
    skip: false,
    start: () => startRelay(),
    storage: (relay) => openSqliteStorage({ dataDir: relay.dataDir, synchronous: 'normal', logger, masterKeys: embeddedMasterKeys(relay.dataDir) }),
    invoiceDetails: async (relay) => querySql<{ details: string }>(relay.dataDir, 'SELECT details FROM invoices').map((row) => row.details),
  },
  {
    name: `PostgreSQL${needsPostgres}`,
    skip: databaseUrl === undefined,
    start: () => {
      schema = testSchema()
      return startRelay({ databaseUrl, databaseSchema: schema })
    },
    storage: () => openPostgresStorage({ connectionString: databaseUrl ?? '', schema, logger, maxConnections: 2, masterKeys: testMasterKeys() }),
    invoiceDetails: async () => (await queryPostgres<{ details: string }>(schema, 'SELECT details FROM invoices')).map((row) => row.details),
  },
]

describe.each(backends)('invoices on $name', (backend) => {
  let relay: TestRelay
  let storage: Storage
  let admin: LoggedIn
  let coach: LoggedIn
  let billing: LoggedIn
  let plainStaff: LoggedIn
  let employer: LoggedIn
  let coachee: LoggedIn
  let caseId: string
  let bodyId: string
  let notes: Y.Doc

  beforeAll(async () => {
    if (backend.skip) {
      return
    }
    relay = await backend.start()
    storage = await backend.storage(relay)
    admin = await setupAdmin(relay)
    coach = await createStaff(admin, { name: 'Tobias Brandt' })
    billing = await createStaff(admin, { name: 'Petra Abrechnung' })
    plainStaff = await createStaff(admin, { name: 'Jana Kühn' })
    caseId = (await createCase(coach)).id
    employer = await inviteAndAccept(coach, caseId, 'employer')
    coachee = await inviteAndAccept(coach, caseId, 'coachee', { name: 'Jonas Peters', email: 'jonas.peters@example.org' })
    bodyId = (await admin.client.request('POST', '/api/funding-bodies', { kind: 'integrationOffice', name: 'LWL-Inklusionsamt Arbeit', address: 'Von-Vincke-Str. 23, Münster' })).body.fundingBody.id
    expect((await coach.client.request('POST', `/api/cases/${caseId}/funding`, { fundingBodyId: bodyId, fileNumber: 'AZ-4711', referringBody: 'IFD' })).status).toBe(201)
    // The approval names 62 € an hour until mid-March; after it the coach's own rate applies.
    const approval = { kind: 'approval', validFrom: '2026-01-01', validUntil: '2026-03-15', hours: 40, rateCents: 6200 }
    expect((await coach.client.request('POST', `/api/cases/${caseId}/approvals`, approval)).status).toBe(201)
  })

  /** Whether the case's proof of hours lists the month as billed (abgerechnet). */
  const billedInProof = async (who: LoggedIn): Promise<boolean | undefined> =>
    ((await who.client.request('GET', `/api/cases/${caseId}/hours-proof`)).body.months as Array<{ month: string; billed: boolean }>).find((entry) => entry.month === month)?.billed

  afterAll(async () => {
    await storage?.close()
    await relay?.stop()
  })

  it.skipIf(backend.skip)("only an admin sets the billing flag and a coach's rate, on staff accounts", async () => {
    expect((await coach.client.request('PATCH', `/api/users/${billing.user.id}`, { isBilling: true })).status).toBe(403)
    const flagged = await admin.client.request('PATCH', `/api/users/${billing.user.id}`, { isBilling: true })
    expect(flagged.status).toBe(200)
    expect(flagged.body.user.isBilling).toBe(true)
    const rated = await admin.client.request('PATCH', `/api/users/${coach.user.id}`, { coachRate: { kind: 'hourly', cents: 4500, currency: 'EUR' } })
    expect(rated.body.user.coachRate).toEqual({ kind: 'hourly', cents: 4500, currency: 'EUR' })
    const external = await admin.client.request('PATCH', `/api/users/${employer.user.id}`, { isBilling: true })
    expect([external.status, external.body.error.reason]).toEqual([403, 'staffCredentialsOnly'])
  })

  it.skipIf(backend.skip)('a confirmed month becomes a draft: file number, initials, hours per category, the rate that applies', async () => {
    const provider = await connectProvider(relay.wsUrl, `cases/${caseId}/notes`, coach.client.cookie)
    notes = provider.doc
    addHoursEntry(notes, { id: 'h1', date: '2026-03-03', hours: 2, activity, coachId: coach.user.id, category: 'atWorkplace' })
    addHoursEntry(notes, { id: 'h2', date: '2026-03-10', hours: 1, activity, coachId: coach.user.id, category: 'travel' })
    addHoursEntry(notes, { id: 'h3', date: '2026-03-20', hours: 1.5, activity, coachId: coach.user.id, category: 'documentation' })
    await until(async () => (await coach.client.request('GET', '/api/caseload/summaries')).body.summaries?.some((s: { caseId: string; summary: { hoursUsed: number } }) => s.caseId === caseId && s.summary.hoursUsed === 4.5) ?? false)
    provider.provider.destroy()
    // Unconfirmed: nothing to bill.
    const before = (await coach.client.request<{ draft: InvoiceDraft }>('GET', `/api/invoices/draft?fundingBodyId=${bodyId}&month=${month}`)).body.draft
    expect(before.lines).toEqual([])
    expect(before.problems).toContain('noLines')
    const entriesHash = await monthEntriesHash(monthEntries(notesHours(notes), month))
    await storage.addMonthConfirmation({ caseId, month, role: 'employer', accountId: employer.user.id, confirmedAt: new Date().toISOString(), entriesHash })

    const draft = (await coach.client.request<{ draft: InvoiceDraft }>('GET', `/api/invoices/draft?fundingBodyId=${bodyId}&month=${month}`)).body.draft
    expect(draft.problems).toEqual([])
    expect(draft.currency).toBe('EUR')
    expect(draft.lines.map(({ fileNumber, initials, hours, totalHours, rate, amountCents }) => ({ fileNumber, initials, hours, totalHours, rate, amountCents }))).toEqual([
      { fileNumber: 'AZ-4711', initials: 'J. P.', hours: { atWorkplace: 2, travel: 1 }, totalHours: 3, rate: { kind: 'hourly', cents: 6200, currency: 'EUR', source: 'approval' }, amountCents: 18600 },
      { fileNumber: 'AZ-4711', initials: 'J. P.', hours: { documentation: 1.5 }, totalHours: 1.5, rate: { kind: 'hourly', cents: 4500, currency: 'EUR', source: 'coach' }, amountCents: 6750 },
    ])
    expect(draft.totalCents).toBe(25350)
    expect(JSON.stringify(draft)).not.toContain('Jonas')
    expect(JSON.stringify(draft)).not.toContain(activity)
    // Staff with the billing flag see the same draft without being a member.
    expect((await billing.client.request('GET', `/api/invoices/draft?fundingBodyId=${bodyId}&month=${month}`)).body.draft.digest).toBe(draft.digest)
  })

  it.skipIf(backend.skip)('the employer, the coachee and staff without the billing flag are refused', async () => {
    for (const who of [employer, coachee, plainStaff]) {
      for (const [method, path] of [
        ['GET', `/api/invoices/draft?fundingBodyId=${bodyId}&month=${month}`],
        ['GET', '/api/invoices'],
        ['POST', '/api/invoices'],
      ] as const) {
        const reply = await who.client.request(method, path, method === 'POST' ? { fundingBodyId: bodyId, month, digest: 'x' } : undefined)
        expect([reply.status, reply.body.error.reason], `${who.user.name} ${method} ${path}`).toEqual([403, 'invoicesCoachesOrBilling'])
      }
    }
  })

  it.skipIf(backend.skip)('issues the draft the caller saw with a number; an issued invoice never changes; PDF and CSV; sealed at rest', async () => {
    const draft = (await coach.client.request<{ draft: InvoiceDraft }>('GET', `/api/invoices/draft?fundingBodyId=${bodyId}&month=${month}`)).body.draft
    const stale = await coach.client.request('POST', '/api/invoices', { fundingBodyId: bodyId, month, digest: 'f'.repeat(64) })
    expect([stale.status, stale.body.error.reason]).toEqual([409, 'invoiceDraftChanged'])
    expect(await billedInProof(coach)).toBe(false)
    const issued = await coach.client.request<{ invoice: Invoice }>('POST', '/api/invoices', { fundingBodyId: bodyId, month, digest: draft.digest })
    expect(issued.status).toBe(201)
    const invoice = issued.body.invoice
    const year = new Date().getUTCFullYear()
    expect(invoice.number).toBe(`${year}-00001`)
    expect(invoice.totalCents).toBe(25350)
    expect(invoice.retainUntil).toBe(`${year + 10}-12-31`)
    // Billed: the month is no longer in a draft.
    const after = (await coach.client.request<{ draft: InvoiceDraft }>('GET', `/api/invoices/draft?fundingBodyId=${bodyId}&month=${month}`)).body.draft
    expect([after.lines.length, after.excluded.map((entry) => entry.reason)]).toEqual([0, ['billed']])
    // The proof of hours says so, to every member of the case.
    expect(await billedInProof(employer)).toBe(true)
    for (const method of ['PATCH', 'PUT', 'DELETE']) {
      const change = await billing.client.request(method, `/api/invoices/${invoice.id}`, method === 'DELETE' ? undefined : { totalCents: 1 })
      expect([change.status, change.body.error.reason]).toEqual([409, 'invoiceIssued'])
    }
    const pdf = await fetch(`${relay.url}/api/invoices/${invoice.id}/pdf`, { headers: { cookie: billing.client.cookie } })
    expect(pdf.headers.get('content-type')).toBe('application/pdf')
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-')
    const csv = await (await fetch(`${relay.url}/api/invoices/${invoice.id}/csv`, { headers: { cookie: coach.client.cookie } })).text()
    const rows = csv.replace(/^\uFEFF/, '').trimEnd().split('\r\n')
    expect(rows[0]?.split(';').slice(0, 3)).toEqual(['Belegnummer', 'Belegart', 'Belegdatum'])
    expect(rows[1]).toContain(`${year}-00001;Rechnung;`)
    expect(rows[1]).toContain(';AZ-4711;J. P.;3,00;2,00;0,00;1,00;0,00;0,00;0,00;Stunde;62,00;186,00;EUR;')
    for (const stored of await backend.invoiceDetails(relay)) {
      expect(stored).not.toContain('AZ-4711')
      expect(stored).not.toContain('Inklusionsamt')
    }
  })

  it.skipIf(backend.skip)('a cancellation is its own document with its own number, frees the month, and happens once', async () => {
    const [original] = (await coach.client.request<{ invoices: Invoice[] }>('GET', '/api/invoices')).body.invoices
    expect(original).toBeDefined()
    const year = new Date().getUTCFullYear()
    const cancelled = await billing.client.request<{ invoice: Invoice }>('POST', `/api/invoices/${original?.id}/cancel`, { reason: 'Falscher Satz' })
    expect(cancelled.status).toBe(201)
    expect(cancelled.body.invoice).toMatchObject({ kind: 'cancellation', number: `${year}-00002`, totalCents: -25350, cancels: { id: original?.id, number: `${year}-00001` }, reason: 'Falscher Satz' })
    const again = await coach.client.request('POST', `/api/invoices/${original?.id}/cancel`, { reason: 'doppelt' })
    expect([again.status, again.body.error.reason]).toEqual([409, 'invoiceCancelled'])
    const ofCancellation = await coach.client.request('POST', `/api/invoices/${cancelled.body.invoice.id}/cancel`, { reason: 'x' })
    expect([ofCancellation.status, ofCancellation.body.error.reason]).toEqual([409, 'invoiceIsCancellation'])
    // The original is unchanged, now naming its cancellation.
    const reread = (await coach.client.request<{ invoice: Invoice }>('GET', `/api/invoices/${original?.id}`)).body.invoice
    expect(reread).toMatchObject({ number: `${year}-00001`, totalCents: 25350, cancelledBy: { number: `${year}-00002` } })
    const draft = (await coach.client.request<{ draft: InvoiceDraft }>('GET', `/api/invoices/draft?fundingBodyId=${bodyId}&month=${month}`)).body.draft
    expect(draft.lines).toHaveLength(2)
    expect(await billedInProof(coach)).toBe(false)
    const reissued = await coach.client.request<{ invoice: Invoice }>('POST', '/api/invoices', { fundingBodyId: bodyId, month, digest: draft.digest })
    expect(reissued.body.invoice.number).toBe(`${year}-00003`)
    expect(await billedInProof(coach)).toBe(true)
    expect((await coach.client.request('GET', `/api/cases/${caseId}/hours-proof/${month}`)).body.billed).toBe(true)
  })

  it.skipIf(backend.skip)("a month changed after its confirmation is left out; invoices outlive the case's erasure", async () => {
    const otherCase = (await createCase(coach, 'Lager')).id
    expect((await coach.client.request('POST', `/api/cases/${otherCase}/funding`, { fundingBodyId: bodyId, fileNumber: 'AZ-9' })).status).toBe(201)
    await storage.addMonthConfirmation({ caseId: otherCase, month, role: 'coachee', accountId: coach.user.id, confirmedAt: new Date().toISOString(), entriesHash: 'stale' })
    const draft = (await billing.client.request<{ draft: InvoiceDraft }>('GET', `/api/invoices/draft?fundingBodyId=${bodyId}&month=${month}`)).body.draft
    expect(draft.excluded).toContainEqual({ caseId: otherCase, fileNumber: 'AZ-9', initials: '', reason: 'changedSinceConfirmation' })

    expect((await coach.client.request('DELETE', `/api/cases/${caseId}`)).status).toBe(204)
    const listed = (await billing.client.request<{ invoices: Invoice[] }>('GET', '/api/invoices')).body.invoices
    expect(listed).toHaveLength(3)
    const kept = (await billing.client.request<{ invoice: Invoice }>('GET', `/api/invoices/${listed[0]?.id}`)).body.invoice
    expect(kept.lines[0]).toMatchObject({ fileNumber: 'AZ-4711', initials: 'J. P.' })
    // The coach's membership went with the case: no longer theirs to see.
    expect((await coach.client.request('GET', `/api/invoices/${listed[0]?.id}`)).status).toBe(404)
  })
})
