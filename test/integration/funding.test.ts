/**
 * Funding bodies and approvals (issue 18) against the real relay, on the
 * embedded default (SQLite) and on PostgreSQL: the directory is changed by
 * admins only, a case's funding and approvals are a history (corrections
 * are new records), who may see them per role, the plan's budget follows
 * the approvals and a client's other budget is refused, the free texts are
 * sealed at rest, the export carries them without rates, and erasure takes
 * them along.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { planMeta } from '../../shared/src/caseDocument/plan.js'
import { UpdateRefused } from '../../shared/src/protocol/closeCodes.js'
import { createCase, createStaff, inviteAndAccept, setupAdmin, type LoggedIn } from '../helpers/apiClient.js'
import { databaseUrl, needsPostgres, queryPostgres, testSchema } from '../helpers/scaleOut.js'
import { startRelay, type TestRelay } from '../helpers/startRelay.js'
import { until } from '../helpers/until.js'
import { querySql } from './support/database.js'
import { connectProvider, connectRaw, roundTrip, syncFrame, SyncMessageType } from './support/syncClients.js'

interface Backend {
  name: string
  skip: boolean
  start(): Promise<TestRelay>
  /** The stored `details` column of a table's rows. */
  details(relay: TestRelay, table: 'case_funding' | 'funding_approvals'): Promise<string[]>
  count(relay: TestRelay, table: string, caseId: string): Promise<number>
}

let schema = ''
const backends: Backend[] = [
  {
    name: 'SQLite',
    skip: false,
    start: () => startRelay(),
    details: async (relay, table) => querySql<{ details: string }>(relay.dataDir, `SELECT details FROM ${table}`).map((row) => row.details),
    count: async (relay, table, caseId) => querySql<{ n: number }>(relay.dataDir, `SELECT COUNT(*) AS n FROM ${table} WHERE case_id = ?`, caseId)[0]?.n ?? -1,
  },
  {
    name: `PostgreSQL${needsPostgres}`,
    skip: databaseUrl === undefined,
    start: () => {
      schema = testSchema()
      return startRelay({ databaseUrl, databaseSchema: schema })
    },
    details: async (_relay, table) => (await queryPostgres<{ details: string }>(schema, `SELECT details FROM ${table}`)).map((row) => row.details),
    count: async (_relay, table, caseId) => Number((await queryPostgres<{ n: string }>(schema, `SELECT COUNT(*) AS n FROM ${table} WHERE case_id = $1`, [caseId]))[0]?.n ?? -1),
  },
]

describe.each(backends)('funding bodies and approvals on $name', (backend) => {
  let relay: TestRelay
  let admin: LoggedIn
  let coach: LoggedIn
  let otherCoach: LoggedIn
  let employer: LoggedIn
  let coachee: LoggedIn
  let caseId: string
  let bodyId: string

  beforeAll(async () => {
    if (backend.skip) {
      return
    }
    relay = await backend.start()
    admin = await setupAdmin(relay)
    coach = await createStaff(admin, { name: 'Tobias Brandt' })
    otherCoach = await createStaff(admin, { name: 'Jana Kühn' })
    // The coach's case; the admin is no member of it.
    caseId = (await createCase(coach)).id
    employer = await inviteAndAccept(coach, caseId, 'employer')
    coachee = await inviteAndAccept(coach, caseId, 'coachee')
  })

  afterAll(async () => {
    await relay?.stop()
  })

  it.skipIf(backend.skip)('the directory is changed by admins only; staff read the active entries, external accounts none', async () => {
    const created = await admin.client.request('POST', '/api/funding-bodies', {
      kind: 'integrationOffice',
      name: 'Integrationsamt Niedersachsen',
      address: 'Schiffgraben 30, 30175 Hannover',
      contact: 'Team Jobcoaching, 0511 000000',
    })
    expect(created.status).toBe(201)
    bodyId = created.body.fundingBody.id
    const refused = await coach.client.request('POST', '/api/funding-bodies', { kind: 'other', name: 'Selbst ausgedacht' })
    expect(refused.status).toBe(403)
    expect(refused.body.error.reason).toBe('adminOnly')
    expect((await coach.client.request('PATCH', `/api/funding-bodies/${bodyId}`, { name: 'x' })).status).toBe(403)

    const unused = (await admin.client.request('POST', '/api/funding-bodies', { kind: 'pensionInsurance', name: 'DRV Braunschweig-Hannover' })).body.fundingBody
    const changed = await admin.client.request('PATCH', `/api/funding-bodies/${unused.id}`, { active: false, contact: 'Reha-Beratung' })
    expect(changed.body.fundingBody).toMatchObject({ active: false, contact: 'Reha-Beratung', name: 'DRV Braunschweig-Hannover' })

    const forCoach = (await coach.client.request('GET', '/api/funding-bodies')).body.fundingBodies.map((body: { name: string }) => body.name)
    expect(forCoach).toEqual(['Integrationsamt Niedersachsen'])
    const forAdmin = (await admin.client.request('GET', '/api/funding-bodies')).body.fundingBodies.map((body: { name: string }) => body.name)
    expect(forAdmin).toEqual(['DRV Braunschweig-Hannover', 'Integrationsamt Niedersachsen'])
    expect((await employer.client.request('GET', '/api/funding-bodies')).body.error.reason).toBe('staffOnly')

    expect((await admin.client.request('DELETE', `/api/funding-bodies/${unused.id}`)).status).toBe(204)
    expect((await admin.client.request('DELETE', `/api/funding-bodies/${unused.id}`)).body.error.reason).toBe('fundingBodyNotFound')
  })

  it.skipIf(backend.skip)("a case's funding is a history; a body in use is kept in the directory", async () => {
    const first = await coach.client.request('POST', `/api/cases/${caseId}/funding`, { fundingBodyId: bodyId, fileNumber: 'IA-2026-0815', referringBody: 'IFD Hannover' })
    expect(first.status).toBe(201)
    const second = await admin.client.request('POST', `/api/cases/${caseId}/funding`, { fundingBodyId: bodyId, fileNumber: 'IA-2026-0816', referringBody: 'IFD Hannover' })
    expect(second.status).toBe(201)
    const read = (await coach.client.request('GET', `/api/cases/${caseId}/funding`)).body
    expect(read.current).toMatchObject({ fileNumber: 'IA-2026-0816', fundingBodyName: 'Integrationsamt Niedersachsen', recordedByName: 'Miriam Roth' })
    expect(read.history.map((record: { fileNumber: string }) => record.fileNumber)).toEqual(['IA-2026-0816', 'IA-2026-0815'])
    expect((await admin.client.request('DELETE', `/api/funding-bodies/${bodyId}`)).body.error.reason).toBe('fundingBodyInUse')
  })

  it.skipIf(backend.skip)('approvals, an extension and a correction make the budget; earlier records stay', async () => {
    const approval = await coach.client.request('POST', `/api/cases/${caseId}/approvals`, {
      kind: 'approval',
      validFrom: '2026-03-02',
      validUntil: '2026-09-30',
      hours: 120,
      rateCents: 4800,
      decidedOn: '2026-02-20',
      reference: 'Bescheid vom 20.02.2026',
    })
    expect(approval.status).toBe(201)
    expect(approval.body.derivedHoursBudget).toBe(120)
    const approvalId = approval.body.approval.id
    const extension = await coach.client.request('POST', `/api/cases/${caseId}/approvals`, {
      kind: 'extension',
      extendsId: approvalId,
      validFrom: '2026-10-01',
      validUntil: '2026-12-31',
      hours: 30,
    })
    expect(extension.body.derivedHoursBudget).toBe(150)
    const correction = await admin.client.request('POST', `/api/cases/${caseId}/approvals`, {
      kind: 'extension',
      extendsId: approvalId,
      correctsId: extension.body.approval.id,
      validFrom: '2026-10-01',
      validUntil: '2026-12-31',
      hours: 20.5,
    })
    expect(correction.body.derivedHoursBudget).toBe(140.5)
    const read = (await coach.client.request('GET', `/api/cases/${caseId}/funding`)).body
    expect(read.derivedHoursBudget).toBe(140.5)
    expect(read.approvals.map((a: { hours: number; corrected: boolean; rateCents: number | null }) => [a.hours, a.corrected, a.rateCents])).toEqual([
      [120, false, 4800],
      [30, true, null],
      [20.5, false, null],
    ])

    const badPeriod = await coach.client.request('POST', `/api/cases/${caseId}/approvals`, { kind: 'approval', validFrom: '2026-05-01', validUntil: '2026-04-01', hours: 1 })
    expect(badPeriod.body.error.reason).toBe('approvalPeriod')
    const noTarget = await coach.client.request('POST', `/api/cases/${caseId}/approvals`, { kind: 'extension', validFrom: '2026-05-01', validUntil: '2026-06-01', hours: 1 })
    expect(noTarget.body.error.reason).toBe('extensionTarget')
    const extendsExtension = await coach.client.request('POST', `/api/cases/${caseId}/approvals`, {
      kind: 'extension',
      extendsId: correction.body.approval.id,
      validFrom: '2027-01-01',
      validUntil: '2027-02-01',
      hours: 1,
    })
    expect(extendsExtension.body.error.reason).toBe('extensionTarget')
  })

  it.skipIf(backend.skip)('the plan shows the derived budget, and a client writing another one is refused', async () => {
    const room = `cases/${caseId}/plan`
    const reader = await connectProvider(relay.wsUrl, room, coach.client.cookie)
    await until(() => planMeta(reader.doc).get('hoursBudget') === 140.5, { message: 'the derived budget in the plan' })
    expect(planMeta(reader.doc).get('hoursBudgetSource')).toBe('approvals')

    const raw = await connectRaw(relay.wsUrl, room, coach.client.cookie)
    const replica = new Y.Doc()
    Y.applyUpdate(replica, await roundTrip(raw))
    const before = Y.encodeStateVector(replica)
    planMeta(replica).set('hoursBudget', 300)
    raw.send(syncFrame(SyncMessageType.Update, Y.encodeStateAsUpdate(replica, before)))
    expect(await raw.closed).toEqual({ code: UpdateRefused.code, reason: UpdateRefused.reason })

    const again = await connectRaw(relay.wsUrl, room, coach.client.cookie)
    const second = new Y.Doc()
    Y.applyUpdate(second, await roundTrip(again))
    const vector = Y.encodeStateVector(second)
    planMeta(second).delete('hoursBudgetSource')
    again.send(syncFrame(SyncMessageType.Update, Y.encodeStateAsUpdate(second, vector)))
    expect((await again.closed).code).toBe(UpdateRefused.code)
    expect(planMeta(reader.doc).get('hoursBudget')).toBe(140.5)
  })

  it.skipIf(backend.skip)('coaches and admins see the funding; the employer and the coachee do not, nor a staff member outside the case', async () => {
    expect((await admin.client.request('GET', `/api/cases/${caseId}/funding`)).status).toBe(200)
    for (const outsider of [employer, coachee]) {
      const refused = await outsider.client.request('GET', `/api/cases/${caseId}/funding`)
      expect(refused.status).toBe(403)
      expect(refused.body.error.reason).toBe('fundingCoachesOrAdmin')
      expect((await outsider.client.request('POST', `/api/cases/${caseId}/approvals`, { kind: 'approval', validFrom: '2026-01-01', validUntil: '2026-02-01', hours: 1 })).status).toBe(403)
    }
    expect((await otherCoach.client.request('GET', `/api/cases/${caseId}/funding`)).status).toBe(404)
  })

  it.skipIf(backend.skip)('file numbers and references are sealed at rest', async () => {
    const stored = [...(await backend.details(relay, 'case_funding')), ...(await backend.details(relay, 'funding_approvals'))]
    expect(stored.length).toBeGreaterThan(0)
    for (const details of stored) {
      expect(details).not.toMatch(/IA-2026|IFD|Bescheid/)
    }
  })

  it.skipIf(backend.skip)("the coachee's data export holds the funding without rates", async () => {
    const exported = await coachee.client.request('GET', `/api/cases/${caseId}/export?format=json`)
    expect(exported.status).toBe(200)
    expect(exported.body.funding).toMatchObject({ fundingBodyName: 'Integrationsamt Niedersachsen', fileNumber: 'IA-2026-0816', referringBody: 'IFD Hannover' })
    expect(exported.body.funding.approvals).toHaveLength(3)
    expect(JSON.stringify(exported.body.funding)).not.toMatch(/rate|4800/i)
  })

  it.skipIf(backend.skip)('erasing the case takes its funding records along', async () => {
    expect((await coach.client.request('DELETE', `/api/cases/${caseId}`)).status).toBe(204)
    expect(await backend.count(relay, 'case_funding', caseId)).toBe(0)
    expect(await backend.count(relay, 'funding_approvals', caseId)).toBe(0)
    // The directory entry is the service's, not the case's: it stays.
    expect((await admin.client.request('GET', '/api/funding-bodies')).body.fundingBodies).toHaveLength(1)
  })
})
