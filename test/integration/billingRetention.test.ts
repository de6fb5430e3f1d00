/**
 * Billing records outlive the case (issue 16): erasing a case keeps only its
 * hours, minimised (date, minutes, coach, category — the hours category, else the phase), sealed with a key of
 * their own; an admin lists them; none of the case's text stays readable;
 * the records and their key go when BILLING_RETENTION_YEARS end. On SQLite
 * and on PostgreSQL.
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
const yearMs = 365.25 * 24 * 3_600_000

/** A relay whose clock a test can move forward. */
async function relayWithClock(overrides: RelayOverrides): Promise<{ relay: TestRelay; advance(ms: number): void }> {
  let offset = 0
  const relay = await startRelay({ ...overrides, clock: () => new Date(Date.now() + offset), retentionSweepMs: 100 })
  return { relay, advance: (ms) => void (offset += ms) }
}

/** A case with two hours entries and a coach; erased on request. Returns the case id and the coach. */
async function caseWithHoursErased(relay: TestRelay, admin: LoggedIn): Promise<{ caseId: string; coach: LoggedIn }> {
  const coach = await createStaff(admin)
  const caseId = (await createCase(coach, 'Kassenbereich Supermarkt')).id
  const notes = await connectProvider(relay.wsUrl, `cases/${caseId}/notes`, coach.client.cookie)
  addHoursEntry(notes.doc, { id: 'h1', date: '2026-04-02', hours: 1.5, activity, coachId: coach.user.id, phase: 'analysis' })
  addHoursEntry(notes.doc, { id: 'h2', date: '2026-04-09', hours: 2, activity, coachId: coach.user.id, category: 'travel' })
  await until(() => notes.provider.synced)
  // Committed before the erasure reads the notes (contract §6: commit before forward; the round trip proves it).
  await until(async () => (await coach.client.request<{ summaries: Array<{ caseId: string; summary: { hoursUsed: number } }> }>('GET', '/api/caseload/summaries')).body.summaries?.some((s) => s.caseId === caseId && s.summary.hoursUsed === 3.5) ?? false)
  notes.provider.destroy()
  expect((await coach.client.request('DELETE', `/api/cases/${caseId}`)).status).toBe(204)
  return { caseId, coach }
}

async function retained(admin: LoggedIn): Promise<RetainedBillingReply['records']> {
  const reply = await admin.client.request<RetainedBillingReply>('GET', '/api/admin/billing/retained')
  expect(reply.status).toBe(200)
  return reply.body.records
}

/** The shared walk: erase, list as admin, refuse a coach, remove after the period. */
async function walk(relay: TestRelay, advance: (ms: number) => void, rawRows: () => Promise<string[]>): Promise<void> {
  const admin = await setupAdmin(relay)
  const { caseId, coach } = await caseWithHoursErased(relay, admin)
  const records = await retained(admin)
  expect(records.map(({ caseId: id, kind, date, minutes, coachId, category, retainUntil }) => ({ id, kind, date, minutes, coachId, category, retainUntil }))).toEqual([
    { id: caseId, kind: 'hours', date: '2026-04-02', minutes: 90, coachId: coach.user.id, category: 'analysis', retainUntil: '2036-12-31' },
    { id: caseId, kind: 'hours', date: '2026-04-09', minutes: 120, coachId: coach.user.id, category: 'travel', retainUntil: '2036-12-31' },
  ])
  expect(JSON.stringify(records)).not.toContain('Jonas')
  expect((await coach.client.request('GET', '/api/admin/billing/retained')).status).toBe(403)
  // The rows hold sealed details only.
  for (const row of await rawRows()) {
    expect(row).not.toContain('2026-04-02')
    expect(row).not.toContain(activity)
  }
  expect(await relay.keyring.liveOwners([billingKeyOwner(caseId)])).toEqual([billingKeyOwner(caseId)])

  // After the end of 2036 the records and their key go.
  advance(11 * yearMs)
  await until(async () => (await retained(admin)).length === 0, { message: 'billing records removed after their retention' })
  expect(await relay.keyring.liveOwners([billingKeyOwner(caseId)])).toEqual([])
}

describe('billing records after erasure on SQLite', () => {
  it('keeps only the minimised hours, readable by an admin, none of the case text in the data files, until their own period ends', async () => {
    const { relay, advance } = await relayWithClock({})
    await walk(relay, advance, async () => {
      const rows: string[] = []
      for (const file of await readdir(relay.dataDir)) {
        const bytes = await readFile(join(relay.dataDir, file))
        expect(bytes.includes(Buffer.from(activity)), file).toBe(false)
        expect(bytes.includes(Buffer.from('Kassenbereich Supermarkt')), file).toBe(false)
      }
      return rows
    })
  })
})

describe.skipIf(databaseUrl === undefined)(`billing records after erasure on PostgreSQL${needsPostgres}`, () => {
  it('keeps only the minimised hours, sealed, readable by an admin, until their own period ends', async () => {
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
