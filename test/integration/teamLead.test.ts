/**
 * The team lead (issue 22) against the real relay: the lead flag and the
 * part-time share, the overview (caseloads and due items from structured
 * data only), reassignment moving access at once (an open y-websocket
 * connection of the coach who leaves closes with 4403), the lead never
 * opening a case's notes, the statistics' access and suppression; and the
 * storage of both backends.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AuditReply } from '../../shared/src/api/audit.js'
import type { TeamOverviewReply } from '../../shared/src/api/team.js'
import type { AnnualFigures } from '../../shared/src/statistics/annualFigures.js'
import type { User } from '../../shared/src/api/users.js'
import { AccessRevoked } from '../../shared/src/protocol/closeCodes.js'
import { newId } from '../../server/src/ids.js'
import type { UserRecord } from '../../server/src/storage/Storage.js'
import { createCase, createStaff, setupAdmin, type LoggedIn } from '../helpers/apiClient.js'
import { startRelay, type TestRelay } from '../helpers/startRelay.js'
import { until } from '../helpers/until.js'
import { storageBackends } from './support/storageBackends.js'
import { connectProvider, connectRaw, upgradeStatus } from './support/syncClients.js'

let relay: TestRelay
let admin: LoggedIn
let lead: LoggedIn
let tobias: LoggedIn
let anna: LoggedIn

beforeAll(async () => {
  relay = await startRelay({ tandemShare: 0.5, statisticsSuppressBelow: 5 })
  admin = await setupAdmin(relay)
  lead = await createStaff(admin, { name: 'Petra Lange' })
  tobias = await createStaff(admin, { name: 'Tobias Brandt' })
  anna = await createStaff(admin, { name: 'Anna Weber' })
  const made = await admin.client.request<{ user: User }>('PATCH', `/api/users/${lead.user.id}`, { isLead: true })
  expect(made.body.user.isLead).toBe(true)
})

afterAll(async () => {
  await relay.stop()
})

describe('the lead flag and the part-time share', () => {
  it('are set by an admin on staff accounts, within 1-100 %, and listed', async () => {
    const changed = await admin.client.request<{ user: User }>('PATCH', `/api/users/${tobias.user.id}`, { staffSharePercent: 50 })
    expect(changed.status).toBe(200)
    expect(changed.body.user.staffSharePercent).toBe(50)
    expect((await admin.client.request('PATCH', `/api/users/${tobias.user.id}`, { staffSharePercent: 0 })).status).toBe(400)
    expect((await admin.client.request('PATCH', `/api/users/${tobias.user.id}`, { staffSharePercent: 101 })).status).toBe(400)
    expect((await tobias.client.request('PATCH', `/api/users/${anna.user.id}`, { isLead: true })).status).toBe(403)
    const listed = await admin.client.request<{ users: User[] }>('GET', '/api/users')
    expect(listed.body.users.find((user) => user.id === lead.user.id)).toMatchObject({ isLead: true, staffSharePercent: 100 })
  })
})

describe('the team overview', () => {
  it('refuses a coach without the lead flag (403, leadOnly)', async () => {
    const refused = await tobias.client.request<{ error: { reason: string } }>('GET', '/api/team/overview')
    expect(refused.status).toBe(403)
    expect(refused.body.error.reason).toBe('leadOnly')
    const kase = await createCase(tobias)
    expect((await tobias.client.request('POST', `/api/team/cases/${kase.id}/coaches`, { userId: anna.user.id })).status).toBe(403)
  })

  it("shows each coach's caseload against their share and a case's overdue final meeting, from the plan's dates", async () => {
    const kase = await createCase(tobias, 'Lager Nord')
    const { doc, provider } = await connectProvider(relay.wsUrl, `cases/${kase.id}/plan`, tobias.client.cookie)
    doc.getMap('meta').set('startDate', '2020-01-06')
    doc.getMap('meta').set('expectedEndDate', '2020-07-06')
    const overview = await until(
      async () => {
        const reply = await lead.client.request<TeamOverviewReply>('GET', '/api/team/overview')
        const item = reply.body.cases.find((entry) => entry.caseId === kase.id)
        return item?.due.length ? reply.body : null
      },
      { message: 'the overview to show the committed dates' },
    )
    provider.destroy()
    const item = overview.cases.find((entry) => entry.caseId === kase.id)!
    expect(item.due).toContainEqual({ kind: 'meeting', meeting: 'final', date: '2020-07-06', overdue: true })
    expect(item.coaches).toEqual([{ userId: tobias.user.id, name: 'Tobias Brandt' }])
    const coach = overview.coaches.find((entry) => entry.userId === tobias.user.id)!
    expect(coach.staffSharePercent).toBe(50)
    // Retention cases (createCase makes them) at half a position: n / 6 / 0.5.
    const own = overview.cases.filter((entry) => !entry.closed && entry.coaches.some((c) => c.userId === tobias.user.id)).length
    expect(own).toBeGreaterThan(0)
    expect(coach.retention).toBe(own)
    expect(coach.load).toBeCloseTo(own / 6 / 0.5)
    expect(JSON.stringify(overview)).not.toMatch(/notes|confidential/i)
  })

  it("names each case's funding body and the approval's end as due, not the plan's later end", async () => {
    const body = (await admin.client.request<{ fundingBody: { id: string } }>('POST', '/api/funding-bodies', { kind: 'integrationOffice', name: 'Integrationsamt Niedersachsen' })).body.fundingBody
    const kase = await createCase(tobias, 'Druckerei Süd')
    const day = (offset: number): string => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10)
    const { doc, provider } = await connectProvider(relay.wsUrl, `cases/${kase.id}/plan`, tobias.client.cookie)
    doc.getMap('meta').set('expectedEndDate', day(200))
    expect((await tobias.client.request('POST', `/api/cases/${kase.id}/funding`, { fundingBodyId: body.id, fileNumber: 'IA-2026-0815', referringBody: '' })).status).toBe(201)
    expect((await tobias.client.request('POST', `/api/cases/${kase.id}/approvals`, { kind: 'approval', validFrom: day(-60), validUntil: day(10), hours: 40 })).status).toBe(201)
    const item = await until(
      async () => {
        const reply = await lead.client.request<TeamOverviewReply>('GET', '/api/team/overview')
        return reply.body.cases.find((entry) => entry.caseId === kase.id && entry.due.some((due) => due.kind === 'approvalEnding')) ?? null
      },
      { message: 'the overview to show the approval ending' },
    )
    provider.destroy()
    expect(item.fundingBody).toEqual({ id: body.id, name: 'Integrationsamt Niedersachsen' })
    expect(item.due).toContainEqual({ kind: 'approvalEnding', date: day(10), overdue: false })
  })
})

describe('reassignment', () => {
  it('moves access at once: the old coach\'s open connection closes with 4403, the new coach opens the notes', async () => {
    const kase = await createCase(tobias, 'Bäckerei Süd')
    const notes = `cases/${kase.id}/notes`
    const { provider } = await connectProvider(relay.wsUrl, notes, tobias.client.cookie)
    const closes: number[] = []
    provider.on('connection-close', (event: CloseEvent | null) => closes.push(event?.code ?? 0))
    expect(await upgradeStatus(relay.wsUrl, notes, anna.client.cookie)).not.toBe(101)

    const startedAt = Date.now()
    const moved = await lead.client.request('POST', `/api/team/cases/${kase.id}/coaches`, { userId: anna.user.id, replacesUserId: tobias.user.id })
    expect(moved.status).toBe(201)
    await until(() => closes.includes(AccessRevoked.code), { message: "the old coach's socket to close with 4403" })
    expect(Date.now() - startedAt).toBeLessThan(2_000)
    provider.destroy()

    expect(await upgradeStatus(relay.wsUrl, notes, anna.client.cookie)).toBe(101)
    expect(await upgradeStatus(relay.wsUrl, notes, tobias.client.cookie)).toBe(403)
    expect((await tobias.client.request('GET', `/api/cases/${kase.id}`)).status).toBe(404)
    const audit = await anna.client.request<AuditReply>('GET', `/api/cases/${kase.id}/audit`)
    expect(audit.body.events.find((event) => event.type === 'coachReassigned')).toMatchObject({
      actorId: lead.user.id,
      details: { userId: anna.user.id, previousUserId: tobias.user.id },
    })
  })

  it('adds a substitute next to the coach and takes them off again (their socket closes too); never the last coach', async () => {
    const kase = await createCase(tobias, 'Werkstatt Ost')
    expect((await lead.client.request('POST', `/api/team/cases/${kase.id}/coaches`, { userId: anna.user.id })).status).toBe(201)
    const raw = await connectRaw(relay.wsUrl, `cases/${kase.id}/notes`, anna.client.cookie)
    expect((await lead.client.request('POST', `/api/team/cases/${kase.id}/coaches`, { userId: anna.user.id })).status).toBe(409)
    expect((await lead.client.request('DELETE', `/api/team/cases/${kase.id}/coaches/${anna.user.id}`)).status).toBe(204)
    expect((await raw.closed).code).toBe(AccessRevoked.code)
    const last = await lead.client.request<{ error: { reason: string } }>('DELETE', `/api/team/cases/${kase.id}/coaches/${tobias.user.id}`)
    expect(last.status).toBe(409)
    expect(last.body.error.reason).toBe('lastCoach')
    const audit = await tobias.client.request<AuditReply>('GET', `/api/cases/${kase.id}/audit`)
    expect(audit.body.events.map((event) => event.type)).toEqual(expect.arrayContaining(['substituteCoachAdded', 'memberRemoved']))
  })

  it('gives the lead no document of a case they do not coach', async () => {
    const kase = await createCase(tobias, 'Gärtnerei West')
    for (const room of ['notes', 'plan', 'confidential/diagnosis']) {
      expect(await upgradeStatus(relay.wsUrl, `cases/${kase.id}/${room}`, lead.client.cookie)).not.toBe(101)
    }
    expect((await lead.client.request('GET', `/api/cases/${kase.id}`)).status).toBe(404)
    expect((await lead.client.request('GET', `/api/cases/${kase.id}/audit`)).status).toBe(404)
  })
})

describe('statistics', () => {
  it('answer a lead and an admin, never a coach, with small cells suppressed; as CSV too', async () => {
    expect((await tobias.client.request('GET', '/api/statistics?year=2026')).status).toBe(403)
    const year = new Date().getUTCFullYear()
    const figures = await lead.client.request<AnnualFigures>('GET', `/api/statistics?year=${year}`)
    expect(figures.status).toBe(200)
    expect(figures.body.suppressBelow).toBe(5)
    const intake = figures.body.tables.find((table) => table.id === 'intake')!
    // The cases of this file (a handful, gender not recorded) are too few for any row to be shown.
    expect(intake.cells.flat().filter((value) => value !== null && value > 0 && value < 5)).toEqual([])
    expect((await admin.client.request('GET', `/api/statistics?year=${year}`)).status).toBe(200)
    expect((await lead.client.request('GET', '/api/statistics?year=19')).status).toBe(400)
    const csv = await fetch(`${relay.url}/api/statistics.csv?year=${year}`, { headers: { cookie: lead.client.cookie } })
    expect(csv.headers.get('content-type')).toContain('text/csv')
    const text = await csv.text()
    expect(text).toContain('Aufnahmen (neue Fälle)')
    expect(text).not.toMatch(/Lager|Bäckerei|Tobias/)
  })
})

const backends = storageBackends('fallbuch-team-')

function user(name: string): UserRecord {
  const id = newId()
  return { id, name, email: `${id}@example.org`, passwordHash: 'h', kind: 'staff', isAdmin: false, active: true, createdAt: '2026-01-01T00:00:00.000Z', isLead: false, staffSharePercent: 100, isBilling: false, coachRate: null }
}

describe.each(backends)('team storage on $name', ({ skip, open }) => {
  it.skipIf(skip)('keeps the lead flag and share, lists every case and coach, and hands a case over in one step', async () => {
    const storage = await open()
    const [miriam, tobiasRow] = [user('Miriam Roth'), user('Tobias Brandt')]
    await storage.createUser({ ...miriam, isAdmin: true, isLead: true, staffSharePercent: 80 })
    await storage.createUser(tobiasRow)
    expect(await storage.findUserById(miriam.id)).toMatchObject({ isLead: true, staffSharePercent: 80 })
    expect(await storage.updateUser(tobiasRow.id, { isLead: true, staffSharePercent: 50 })).toBe('updated')
    expect(await storage.findUserById(tobiasRow.id)).toMatchObject({ isLead: true, staffSharePercent: 50 })

    const caseId = newId()
    const now = new Date().toISOString()
    await storage.createCase(
      { id: caseId, title: 'Lager Nord', type: 'placement', employerCanEdit: false, createdAt: now, createdBy: miriam.id, closedAt: null, closedBy: null, flow: null },
      { id: newId(), caseId, userId: miriam.id, role: 'coach', addedAt: now },
      [],
    )
    expect((await storage.listAllCases()).map((record) => record.title)).toContain('Lager Nord')
    const old = (await storage.findMember(caseId, miriam.id))!
    const coach = { id: newId(), caseId, userId: tobiasRow.id, role: 'coach' as const, addedAt: now }
    expect(await storage.assignCoach(coach, 'noSuchMember', { at: now, by: miriam.id })).toBe('notFound')
    expect(await storage.findMember(caseId, tobiasRow.id)).toBeNull()
    expect(await storage.assignCoach(coach, old.id, { at: now, by: miriam.id })).toBe('assigned')
    expect((await storage.listMembersWithRole('coach')).filter((member) => member.caseId === caseId).map((member) => member.name)).toEqual(['Tobias Brandt'])
    expect(await storage.assignCoach({ ...coach, id: newId() }, null, { at: now, by: miriam.id })).toBe('alreadyMember')
  })
})
