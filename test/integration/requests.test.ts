/**
 * Requests and intake (issue 19) against the real relay, on SQLite and on
 * PostgreSQL: a request is recorded without health data and sealed at rest,
 * clarified (A1), accepted into a case with its data (title, funding,
 * rough goals as the plan's first goals) or declined with reasons and a
 * referral; decided requests stay decided; employers, coachees and
 * supervision-only accounts are refused; the person's export carries the
 * request; erasure and retention take requests along.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addFeasibilityCheck } from '../../shared/src/caseDocument/feasibility.js'
import { readPlan } from '../../shared/src/caseDocument/plan.js'
import { createCase, createStaff, inviteAndAccept, setupAdmin, type LoggedIn } from '../helpers/apiClient.js'
import { databaseUrl, needsPostgres, queryPostgres, testSchema } from '../helpers/scaleOut.js'
import { startRelay, type RelayOverrides, type TestRelay } from '../helpers/startRelay.js'
import { until } from '../helpers/until.js'
import { querySql } from './support/database.js'
import { connectProvider } from './support/syncClients.js'

interface Backend {
  name: string
  skip: boolean
  overrides(): RelayOverrides
  /** The stored `details` of every request. */
  details(relay: TestRelay): Promise<string[]>
  /** The ids of the stored requests. */
  ids(relay: TestRelay): Promise<string[]>
}

let schema = ''
const backends: Backend[] = [
  {
    name: 'SQLite',
    skip: false,
    overrides: () => ({}),
    details: async (relay) => querySql<{ details: string }>(relay.dataDir, 'SELECT details FROM intake_requests').map((row) => row.details),
    ids: async (relay) => querySql<{ id: string }>(relay.dataDir, 'SELECT id FROM intake_requests').map((row) => row.id),
  },
  {
    name: `PostgreSQL${needsPostgres}`,
    skip: databaseUrl === undefined,
    overrides: () => {
      schema = testSchema()
      return { databaseUrl, databaseSchema: schema }
    },
    details: async () => (await queryPostgres<{ details: string }>(schema, 'SELECT details FROM intake_requests')).map((row) => row.details),
    ids: async () => (await queryPostgres<{ id: string }>(schema, 'SELECT id FROM intake_requests')).map((row) => row.id),
  },
]

const dayMs = 24 * 3_600_000
const newRequest = {
  personName: 'Mara Lindqvist',
  requesterKind: 'integrationService',
  requesterName: 'IFD Hannover',
  requesterContact: 'Frau Okafor, 0511 123456',
  referringBody: 'Agentur für Arbeit Hannover',
  firstContactOn: '2026-03-02',
  reason: 'Sucht nach der Ausbildung eine Stelle im Lager.',
}

describe.each(backends)('requests and intake on $name', (backend) => {
  let relay: TestRelay
  let offset = 0
  let admin: LoggedIn
  let coach: LoggedIn
  let bodyId: string

  beforeAll(async () => {
    if (backend.skip) {
      return
    }
    relay = await startRelay({ ...backend.overrides(), clock: () => new Date(Date.now() + offset), retentionSweepMs: 100 })
    admin = await setupAdmin(relay)
    coach = await createStaff(admin, { name: 'Tobias Brandt' })
    bodyId = (await admin.client.request('POST', '/api/funding-bodies', { kind: 'integrationOffice', name: 'Integrationsamt Niedersachsen' })).body.fundingBody.id
  })

  afterAll(async () => {
    await relay?.stop()
  })

  it.skipIf(backend.skip)('records a request without health data, sealed at rest; a diagnosis field is refused', async () => {
    const refused = await coach.client.request('POST', '/api/requests', { ...newRequest, diagnosis: 'F32.1' })
    expect(refused.status).toBe(400)
    const created = await coach.client.request('POST', '/api/requests', newRequest)
    expect(created.status).toBe(201)
    expect(created.body.request).toMatchObject({ ...newRequest, status: 'open', roughGoals: [], consentOn: null, caseId: null, createdByName: 'Tobias Brandt' })
    const stored = await backend.details(relay)
    expect(stored.length).toBe(1)
    expect(stored.join('')).not.toContain('Lindqvist')
    expect(stored.join('')).not.toContain('Okafor')
    const open = (await admin.client.request('GET', '/api/requests?status=open')).body.requests
    expect(open.map((entry: { personName: string }) => entry.personName)).toEqual(['Mara Lindqvist'])
    expect((await admin.client.request('GET', '/api/requests?status=declined')).body.requests).toEqual([])
  })

  it.skipIf(backend.skip)('clarifies the order, accepts it once the consent is recorded, and the case carries its data', async () => {
    const id = (await coach.client.request('POST', '/api/requests', { ...newRequest, personName: 'Jonas Peters', referringBody: 'IFD Hannover' })).body.request.id
    const clarified = await coach.client.request('PATCH', `/api/requests/${id}`, { fundingBodyId: bodyId, roughGoals: ['jobSearch', 'training'] })
    expect(clarified.body.request).toMatchObject({ fundingBodyName: 'Integrationsamt Niedersachsen', roughGoals: ['jobSearch', 'training'] })
    const early = await coach.client.request('POST', `/api/requests/${id}/accept`, {})
    expect(early.status).toBe(409)
    expect(early.body.error.reason).toBe('requestConsentMissing')

    await coach.client.request('PATCH', `/api/requests/${id}`, { consentOn: '2026-03-09' })
    const accepted = await coach.client.request('POST', `/api/requests/${id}/accept`, {})
    expect(accepted.status).toBe(201)
    const caseId: string = accepted.body.caseId
    expect(accepted.body.request).toMatchObject({ status: 'accepted', caseId, consentOn: '2026-03-09', decidedByName: 'Tobias Brandt', erasesOn: null })

    const detail = (await coach.client.request('GET', `/api/cases/${caseId}`)).body.case
    expect(detail).toMatchObject({ title: 'Jonas Peters', myRole: 'coach' })
    // The case's log says where it came from.
    const audit = (await coach.client.request('GET', `/api/cases/${caseId}/audit`)).body.events as Array<{ type: string; actorId: string | null; details: Record<string, unknown> }>
    expect(audit.filter((event) => event.type === 'requestAccepted')).toEqual([expect.objectContaining({ actorId: coach.user.id, details: { requestId: id } })])
    const funding = (await coach.client.request('GET', `/api/cases/${caseId}/funding`)).body.current
    expect(funding).toMatchObject({ fundingBodyId: bodyId, referringBody: 'IFD Hannover' })
    const plan = await connectProvider(relay.wsUrl, `cases/${caseId}/plan`, coach.client.cookie)
    await until(() => plan.provider.synced)
    const read = readPlan(plan.doc)
    plan.provider.destroy()
    expect(read.ok && read.value.goals.map((goal) => goal.title)).toEqual(['Stellensuche', 'Ausbildung'])

    // Decided stays decided.
    expect((await coach.client.request('POST', `/api/requests/${id}/accept`, {})).body.error.reason).toBe('requestDecided')
    expect((await coach.client.request('PATCH', `/api/requests/${id}`, { reason: 'x' })).body.error.reason).toBe('requestDecided')
    expect((await coach.client.request('POST', `/api/requests/${id}/decline`, { reason: 'x', referral: 'y' })).body.error.reason).toBe('requestDecided')

    // The feasibility check at the end of the analysis lives in the notes; the relay takes it.
    const notes = await connectProvider(relay.wsUrl, `cases/${caseId}/notes`, coach.client.cookie)
    await until(() => notes.provider.synced)
    addFeasibilityCheck(notes.doc, { id: 'check-1', answer: 'withConditions', reasons: 'Mit Arbeitsassistenz in den ersten Wochen.', date: '2026-04-01', coachId: coach.user.id })

    // The person's export carries the request (the requester's name and contact are other people's data) and the check.
    const coachee = await inviteAndAccept(coach, caseId, 'coachee')
    await until(async () => (await coachee.client.request('GET', `/api/cases/${caseId}/export?format=json`)).body.notes?.feasibility?.length === 1, { message: 'the check in the export' })
    notes.provider.destroy()
    const exported = (await coachee.client.request('GET', `/api/cases/${caseId}/export?format=json`)).body
    expect(exported.request).toMatchObject({ requesterKind: 'integrationService', referringBody: 'IFD Hannover', roughGoals: ['jobSearch', 'training'], consentOn: '2026-03-09' })
    expect(JSON.stringify(exported.request)).not.toContain('Okafor')
    expect(exported.notes.feasibility).toEqual([{ answer: 'withConditions', reasons: 'Mit Arbeitsassistenz in den ersten Wochen.', date: '2026-04-01' }])
    const page = await coachee.client.request('GET', `/api/cases/${caseId}/export?format=html`)
    expect(String(page.body)).toContain('Ja, unter Bedingungen')

    // Erasing the case erases its request.
    expect((await coach.client.request('DELETE', `/api/cases/${caseId}`)).status).toBe(204)
    expect((await coach.client.request('GET', `/api/requests/${id}`)).body.error.reason).toBe('requestNotFound')
  })

  it.skipIf(backend.skip)('two staff accepting one request at once: one case, and the other is told it was decided, with no stray case', async () => {
    const colleague = await createStaff(admin, { name: 'Katrin Yilmaz' })
    const id = (await coach.client.request('POST', '/api/requests', { ...newRequest, personName: 'Ida Gerber' })).body.request.id
    await coach.client.request('PATCH', `/api/requests/${id}`, { consentOn: '2026-03-10' })
    const titlesOf = async (who: LoggedIn): Promise<string[]> => ((await who.client.request('GET', '/api/cases')).body.cases as Array<{ title: string }>).map((entry) => entry.title)
    const outcomes = await Promise.all([coach, colleague].map(async (who) => ({ who, response: await who.client.request('POST', `/api/requests/${id}/accept`, {}) })))
    const statuses = outcomes.map(({ response }) => response.status).sort()
    expect(statuses).toEqual([201, 409])
    const winner = outcomes.find(({ response }) => response.status === 201)
    const loser = outcomes.find(({ response }) => response.status === 409)
    expect(loser?.response.body.error.reason).toBe('requestDecided')
    expect(await titlesOf(winner!.who)).toContain('Ida Gerber')
    expect(await titlesOf(loser!.who)).not.toContain('Ida Gerber')
  })

  it.skipIf(backend.skip)('refuses employers, coachees and supervision-only accounts; admins and leads may', async () => {
    const caseId = (await createCase(coach)).id
    const employer = await inviteAndAccept(coach, caseId, 'employer')
    const coachee = await inviteAndAccept(coach, caseId, 'coachee')
    const supervisor = await createStaff(admin, { name: 'Dr. Petra Lang' })
    const group = (await admin.client.request('POST', '/api/supervision/groups', { name: 'Supervision Nord' })).body.group
    expect((await admin.client.request('POST', `/api/supervision/groups/${group.id}/members`, { userId: supervisor.user.id })).status).toBe(201)
    const id = (await coach.client.request('POST', '/api/requests', newRequest)).body.request.id

    // The client hides the requests from whoever /api/me says does not take them.
    expect((await supervisor.client.request('GET', '/api/me')).body.user.takesIntake).toBe(false)
    expect((await coachee.client.request('GET', '/api/me')).body.user.takesIntake).toBe(false)
    expect((await coach.client.request('GET', '/api/me')).body.user.takesIntake).toBe(true)
    for (const refused of [employer, coachee, supervisor]) {
      const list = await refused.client.request('GET', '/api/requests')
      expect(list.status).toBe(403)
      expect(list.body.error.reason).toBe('requestsIntakeStaff')
      expect((await refused.client.request('GET', `/api/requests/${id}`)).status).toBe(403)
      expect((await refused.client.request('POST', '/api/requests', newRequest)).status).toBe(403)
      expect((await refused.client.request('POST', `/api/requests/${id}/decline`, { reason: 'x', referral: 'y' })).status).toBe(403)
    }
    expect((await admin.client.request('GET', `/api/requests/${id}`)).status).toBe(200)
    // A lead in a supervision group takes requests all the same.
    const lead = await createStaff(admin, { name: 'Anke Vogt' })
    await admin.client.request('POST', `/api/supervision/groups/${group.id}/members`, { userId: lead.user.id })
    expect((await admin.client.request('PATCH', `/api/users/${lead.user.id}`, { isLead: true })).status).toBe(200)
    expect((await lead.client.request('GET', '/api/requests')).status).toBe(200)
    const unauthenticated = await fetch(`${relay.url}/api/requests`)
    expect(unauthenticated.status).toBe(401)
  })

  it.skipIf(backend.skip)('declines with reasons and a referral, keeps it 6 months, then the sweep erases it', async () => {
    const id = (await coach.client.request('POST', '/api/requests', { ...newRequest, personName: 'Lea Sommer' })).body.request.id
    expect((await coach.client.request('POST', `/api/requests/${id}/decline`, { reason: 'Keine freien Plätze', referral: '' })).status).toBe(400)
    const declined = await coach.client.request('POST', `/api/requests/${id}/decline`, { reason: 'Keine freien Plätze bis Herbst', referral: 'IFD Hannover, Tel. 0511 123456' })
    expect(declined.status).toBe(200)
    expect(declined.body.request).toMatchObject({ status: 'declined', declineReason: 'Keine freien Plätze bis Herbst', referral: 'IFD Hannover, Tel. 0511 123456' })
    expect(declined.body.request.erasesOn).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    expect((await coach.client.request('POST', `/api/requests/${id}/accept`, {})).body.error.reason).toBe('requestDecided')
    expect((await coach.client.request('GET', '/api/requests?status=declined')).body.requests.map((entry: { id: string }) => entry.id)).toEqual([id])

    // Sessions end long before; the sweep is watched in the table itself.
    offset += 150 * dayMs
    await new Promise((resolve) => setTimeout(resolve, 400))
    expect(await backend.ids(relay)).toContain(id)
    offset += 40 * dayMs
    await until(async () => !(await backend.ids(relay)).includes(id), { timeoutMs: 10_000, message: "the declined request erased" })
    // The open request recorded first (untouched for less than 12 months) stays.
    expect((await backend.ids(relay)).length).toBeGreaterThan(0)
  })
})
