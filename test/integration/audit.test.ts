import { beforeAll, describe, expect, it } from 'vitest'
import { createCase, createInvitation, createStaff, inviteAndAccept, login, setupAdmin, type LoggedIn } from '../helpers/apiClient.js'
import { startRelay, type TestRelay } from '../helpers/startRelay.js'
import { until } from '../helpers/until.js'
import { connectRaw } from './support/syncClients.js'

let relay: TestRelay
let miriam: LoggedIn

beforeAll(async () => {
  relay = await startRelay()
  miriam = await setupAdmin(relay)
})

interface Event {
  id: string
  at: string
  type: string
  actorId: string | null
  actorName: string | null
  details: Record<string, unknown>
}

async function auditOf(caseId: string): Promise<Event[]> {
  const response = await miriam.client.request<{ events: Event[] }>('GET', `/api/cases/${caseId}/audit`)
  expect(response.status).toBe(200)
  return response.body.events
}

describe('audit log', () => {
  it('lists logins of members, rooms opened with access, members, invitations, settings and agreements, newest first', async () => {
    const kase = await createCase(miriam, 'Kasse Geheimtitel Nord')
    const invitation = await createInvitation(miriam, kase.id, 'employer')
    const employer = await inviteAndAccept(miriam, kase.id, 'employer')
    await login(relay, employer.user.email, employer.password)
    const tobias = await createStaff(miriam)
    await miriam.client.request('POST', `/api/cases/${kase.id}/members`, { userId: tobias.user.id, role: 'coach' })
    await miriam.client.request('DELETE', `/api/cases/${kase.id}/invitations/${invitation.id}`)
    await miriam.client.request('PATCH', `/api/cases/${kase.id}`, { employerCanEdit: true, title: 'Kasse Streng Geheim' })
    await connectRaw(relay.wsUrl, `cases/${kase.id}/plan`, employer.client.cookie)
    const agreement = (await employer.client.request('POST', `/api/cases/${kase.id}/agreements`, {})).body.agreement

    const events = await until(async () => {
      const all = await auditOf(kase.id)
      return all.some((e) => e.type === 'roomOpened') ? all : null
    }, { message: 'the roomOpened event' })
    const types = events.map((e) => e.type)
    expect(types).toEqual(
      expect.arrayContaining(['login', 'roomOpened', 'memberAdded', 'invitationCreated', 'invitationAccepted', 'invitationRevoked', 'caseUpdated', 'agreementGiven']),
    )
    // Newest first.
    expect(events.map((e) => Number(e.id))).toEqual([...events.map((e) => Number(e.id))].sort((a, b) => b - a))

    const byEmployer = (type: string) => events.find((e) => e.type === type && e.actorId === employer.user.id)
    expect(byEmployer('login')).toMatchObject({ actorName: 'Sabine Keller' })
    expect(byEmployer('roomOpened')?.details).toEqual({ room: `cases/${kase.id}/plan`, access: 'write' })
    expect(byEmployer('invitationAccepted')?.details).toMatchObject({ role: 'employer', memberId: employer.memberId })
    expect(byEmployer('agreementGiven')?.details).toEqual({ agreementId: agreement.id, planHash: agreement.planHash })
    expect(events.find((e) => e.type === 'memberAdded' && e.details.userId === tobias.user.id)).toMatchObject({
      actorName: 'Miriam Roth',
      details: { role: 'coach' },
    })
    expect(events.find((e) => e.type === 'caseUpdated')?.details).toEqual({ employerCanEdit: true, title: true })
    // Logins of people who are no member of this case stay out.
    expect(events.filter((e) => e.type === 'login').map((e) => e.actorId)).not.toContain(tobias.user.id)

    const text = JSON.stringify(events)
    expect(text).not.toContain('Geheim')
    expect(text).not.toContain(invitation.token)
    expect(text).not.toContain(employer.password)
  })

  it('is for coaches only: 403 for the employer and the coachee, 404 for strangers', async () => {
    const kase = await createCase(miriam)
    const employer = await inviteAndAccept(miriam, kase.id, 'employer')
    const coachee = await inviteAndAccept(miriam, kase.id, 'coachee')
    const stranger = await createStaff(miriam)
    expect((await employer.client.request('GET', `/api/cases/${kase.id}/audit`)).status).toBe(403)
    expect((await coachee.client.request('GET', `/api/cases/${kase.id}/audit`)).status).toBe(403)
    expect((await stranger.client.request('GET', `/api/cases/${kase.id}/audit`)).status).toBe(404)
  })

  it('records account changes in the cases of the account', async () => {
    const kase = await createCase(miriam)
    const employer = await inviteAndAccept(miriam, kase.id, 'employer')
    await miriam.client.request('PATCH', `/api/users/${employer.user.id}`, { active: false })
    const event = (await auditOf(kase.id)).find((e) => e.type === 'accountChanged')
    expect(event).toMatchObject({ actorId: miriam.user.id, details: { userId: employer.user.id, active: false } })
  })
})
