/**
 * Billing records outlive the case (issue 16): erasing a case keeps only its
 * hours, minimised (date, minutes, coach, category — the hours category, else the phase),
 * and the funding approvals that counted (funding body, Aktenzeichen, period,
 * hours, rate, the approval an extension extends; a corrected record not),
 * sealed with a key of their own; an admin lists them; none of the case's
 * text stays readable; the records and their key go when
 * BILLING_RETENTION_YEARS end. On SQLite and on PostgreSQL.
 */
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { RetainedBillingReply } from '../../shared/src/api/billing.js'
import { addHoursEntry } from '../../shared/src/caseDocument/notes.js'
import { billingKeyOwner } from '../../server/src/crypto/keyOwners.js'
import { createCase, createStaff, setupAdmin, type LoggedIn } from '../helpers/apiClient.js'
import { databaseUrl, needsPostgres, queryPostgres, testSchema } from '../helpers/scaleOut.js'
import { startRelay, type RelayOverrides, type TestRelay } from '../helpers/startRelay.js'
import { until } from '../helpers/until.js'
import { connectProvider } from './support/syncClients.js'

const activity = 'Gespräch mit Jonas Peters über die Medikation am Morgen'
const fileNumber = 'AZ-4711-Peters'
const approvalNote = 'Bescheid nach Rücksprache mit Jonas Peters'
const yearMs = 365.25 * 24 * 3_600_000

/** A relay whose clock a test can move forward. */
async function relayWithClock(overrides: RelayOverrides): Promise<{ relay: TestRelay; advance(ms: number): void }> {
  let offset = 0
  const relay = await startRelay({ ...overrides, clock: () => new Date(Date.now() + offset), retentionSweepMs: 100 })
  return { relay, advance: (ms) => void (offset += ms) }
}

interface Approvals {
  bodyId: string
  approvalId: string
  extensionId: string
}

/** The case's funding (body and Aktenzeichen), an approval recorded wrongly and corrected, and an extension of the first record. */
async function fundCase(admin: LoggedIn, coach: LoggedIn, caseId: string): Promise<Approvals> {
  const body = await admin.client.request<{ fundingBody: { id: string } }>('POST', '/api/funding-bodies', { kind: 'integrationOffice', name: 'Integrationsamt Hannover' })
  expect(body.status).toBe(201)
  const bodyId = body.body.fundingBody.id
  expect((await coach.client.request('POST', `/api/cases/${caseId}/funding`, { fundingBodyId: bodyId, fileNumber })).status).toBe(201)
  const add = async (fields: Record<string, unknown>): Promise<string> => {
    const reply = await coach.client.request<{ approval: { id: string } }>('POST', `/api/cases/${caseId}/approvals`, { reference: 'Bescheid 12/26', note: approvalNote, ...fields })
    expect(reply.status).toBe(201)
    return reply.body.approval.id
  }
  const wrong = await add({ kind: 'approval', validFrom: '2026-03-01', validUntil: '2026-08-31', hours: 40, rateCents: 6500 })
  const approvalId = await add({ kind: 'approval', correctsId: wrong, validFrom: '2026-03-01', validUntil: '2026-08-31', hours: 60, rateCents: 6850 })
  // Names the record as first recorded: the retained extension names the one that counted.
  const extensionId = await add({ kind: 'extension', extendsId: wrong, validFrom: '2026-09-01', validUntil: '2027-02-28', hours: 20, rateCents: 6850 })
  return { bodyId, approvalId, extensionId }
}

/** A case with two hours entries, funding and approvals, and a coach; erased on request. Returns the case id, the coach and the approvals. */
async function caseWithHoursErased(relay: TestRelay, admin: LoggedIn): Promise<{ caseId: string; coach: LoggedIn; approvals: Approvals }> {
  const coach = await createStaff(admin)
  const caseId = (await createCase(coach, 'Kassenbereich Supermarkt')).id
  const approvals = await fundCase(admin, coach, caseId)
  const notes = await connectProvider(relay.wsUrl, `cases/${caseId}/notes`, coach.client.cookie)
  addHoursEntry(notes.doc, { id: 'h1', date: '2026-04-02', hours: 1.5, activity, coachId: coach.user.id, phase: 'analysis' })
  addHoursEntry(notes.doc, { id: 'h2', date: '2026-04-09', hours: 2, activity, coachId: coach.user.id, category: 'travel' })
  await until(() => notes.provider.synced)
  // Committed before the erasure reads the notes (contract §6: commit before forward; the round trip proves it).
  await until(async () => (await coach.client.request<{ summaries: Array<{ caseId: string; summary: { hoursUsed: number } }> }>('GET', '/api/caseload/summaries')).body.summaries?.some((s) => s.caseId === caseId && s.summary.hoursUsed === 3.5) ?? false)
  notes.provider.destroy()
  expect((await coach.client.request('DELETE', `/api/cases/${caseId}`)).status).toBe(204)
  return { caseId, coach, approvals }
}

async function retained(admin: LoggedIn): Promise<RetainedBillingReply['records']> {
  const reply = await admin.client.request<RetainedBillingReply>('GET', '/api/admin/billing/retained')
  expect(reply.status).toBe(200)
  return reply.body.records
}

/** The shared walk: erase, list as admin, refuse a coach, remove after the period. */
async function walk(relay: TestRelay, advance: (ms: number) => void, rawRows: () => Promise<string[]>): Promise<void> {
  const admin = await setupAdmin(relay)
  const { caseId, coach, approvals } = await caseWithHoursErased(relay, admin)
  const records = await retained(admin)
  const hours = records.flatMap((record) => (record.kind === 'hours' ? [record] : []))
  expect(hours.map(({ caseId: id, kind, date, minutes, coachId, category, retainUntil }) => ({ id, kind, date, minutes, coachId, category, retainUntil }))).toEqual([
    { id: caseId, kind: 'hours', date: '2026-04-02', minutes: 90, coachId: coach.user.id, category: 'analysis', retainUntil: '2036-12-31' },
    { id: caseId, kind: 'hours', date: '2026-04-09', minutes: 120, coachId: coach.user.id, category: 'travel', retainUntil: '2036-12-31' },
  ])
  const funding = { caseId, kind: 'approval', fundingBodyId: approvals.bodyId, fundingBodyName: 'Integrationsamt Hannover', fileNumber, currency: 'EUR' }
  // The corrected record (40 h) is gone; the extension names the approval that counted; the extension is kept a year longer.
  expect(records.filter((record) => record.kind === 'approval')).toEqual([
    expect.objectContaining({ ...funding, approvalId: approvals.approvalId, approvalKind: 'approval', extendsId: null, validFrom: '2026-03-01', validUntil: '2026-08-31', hours: 60, rateCents: 6850, retainUntil: '2036-12-31' }),
    expect.objectContaining({ ...funding, approvalId: approvals.extensionId, approvalKind: 'extension', extendsId: approvals.approvalId, validFrom: '2026-09-01', validUntil: '2027-02-28', hours: 20, rateCents: 6850, retainUntil: '2037-12-31' }),
  ])
  expect(JSON.stringify(records)).not.toContain('Jonas')
  expect(JSON.stringify(records)).not.toContain('Bescheid')
  expect((await coach.client.request('GET', '/api/admin/billing/retained')).status).toBe(403)
  // The rows hold sealed details only.
  for (const row of await rawRows()) {
    expect(row).not.toContain('2026-04-02')
    expect(row).not.toContain(activity)
    expect(row).not.toContain(fileNumber)
  }
  expect(await relay.keyring.liveOwners([billingKeyOwner(caseId)])).toEqual([billingKeyOwner(caseId)])

  // After the end of 2036 the hours and the approval go; the extension (ending in 2027) a year later, and then the key.
  advance(11 * yearMs)
  await until(async () => (await retained(admin)).length === 1, { message: 'billing records of 2026 removed after their retention' })
  expect((await retained(admin))[0]).toMatchObject({ kind: 'approval', approvalKind: 'extension' })
  expect(await relay.keyring.liveOwners([billingKeyOwner(caseId)])).toEqual([billingKeyOwner(caseId)])
  advance(yearMs)
  await until(async () => (await retained(admin)).length === 0, { message: 'billing records removed after their retention' })
  // The sweep destroys the key after the transaction that removed the last record: a moment later.
  await until(async () => (await relay.keyring.liveOwners([billingKeyOwner(caseId)])).length === 0, { message: 'the billing key destroyed with the last record' })
}

describe('billing records after erasure on SQLite', () => {
  it('keeps only the minimised hours and approvals, readable by an admin, none of the case text in the data files, until their own period ends', async () => {
    const { relay, advance } = await relayWithClock({})
    await walk(relay, advance, async () => {
      const rows: string[] = []
      for (const file of await readdir(relay.dataDir)) {
        const bytes = await readFile(join(relay.dataDir, file))
        expect(bytes.includes(Buffer.from(activity)), file).toBe(false)
        expect(bytes.includes(Buffer.from('Kassenbereich Supermarkt')), file).toBe(false)
        expect(bytes.includes(Buffer.from(fileNumber)), file).toBe(false)
        expect(bytes.includes(Buffer.from(approvalNote)), file).toBe(false)
      }
      return rows
    })
  })
})

describe.skipIf(databaseUrl === undefined)(`billing records after erasure on PostgreSQL${needsPostgres}`, () => {
  it('keeps only the minimised hours and approvals, sealed, readable by an admin, until their own period ends', async () => {
    const schema = testSchema()
    const { relay, advance } = await relayWithClock({ databaseUrl, databaseSchema: schema })
    await walk(relay, advance, async () => {
      const rows = await queryPostgres<{ details: string }>(schema, 'SELECT details FROM retained_billing_records')
      expect(rows.length).toBeGreaterThan(0)
      const updates = await queryPostgres<{ data: Buffer }>(schema, 'SELECT data FROM room_updates')
      expect(updates.filter((row) => row.data.includes(Buffer.from(activity)))).toEqual([])
      return rows.map((row) => row.details)
    })
  })
})
