import { beforeAll, describe, expect, it } from 'vitest'
import { createCase, createInvitation, createStaff, inviteAndAccept, setupAdmin, type LoggedIn } from '../helpers/apiClient.js'
import { startRelay, type TestRelay } from '../helpers/startRelay.js'
import { until } from '../helpers/until.js'
import { openEventStream } from './support/eventStream.js'

let relay: TestRelay
let miriam: LoggedIn

beforeAll(async () => {
  relay = await startRelay()
  miriam = await setupAdmin(relay)
})

describe('case event stream', () => {
  it('delivers case-changed to members on employerCanEdit, invitations, members and agreements', async () => {
    const kase = await createCase(miriam)
    const employer = await inviteAndAccept(miriam, kase.id, 'employer')
    const stream = await openEventStream(relay.url, kase.id, employer.client.cookie)
    expect(stream.status).toBe(200)
    expect(stream.contentType).toMatch(/^text\/event-stream/)

    await miriam.client.request('PATCH', `/api/cases/${kase.id}`, { employerCanEdit: true })
    await until(() => stream.events.includes('case'), { message: 'case-changed after employerCanEdit' })
    await createInvitation(miriam, kase.id, 'coachee')
    await until(() => stream.events.includes('invitations'), { message: 'case-changed after an invitation' })
    await inviteAndAccept(miriam, kase.id, 'coachee')
    await until(() => stream.events.includes('members'), { message: 'case-changed after an acceptance' })
    await employer.client.request('POST', `/api/cases/${kase.id}/agreements`, {})
    await until(() => stream.events.includes('agreements'), { message: 'case-changed after an agreement' })
    expect(stream.isEnded()).toBe(false)
  })

  it('ends the stream of a removed member, and refuses non-members', async () => {
    const kase = await createCase(miriam)
    const employer = await inviteAndAccept(miriam, kase.id, 'employer')
    const stream = await openEventStream(relay.url, kase.id, employer.client.cookie)
    const coachStream = await openEventStream(relay.url, kase.id, miriam.client.cookie)
    expect((await miriam.client.request('DELETE', `/api/cases/${kase.id}/members/${employer.memberId}`)).status).toBe(204)
    await stream.ended
    expect(stream.events).toContain('access')
    await until(() => coachStream.events.includes('members'), { message: "the coach's members event" })
    expect(coachStream.isEnded()).toBe(false)

    const stranger = await createStaff(miriam)
    expect((await openEventStream(relay.url, kase.id, stranger.client.cookie)).status).toBe(404)
    expect((await openEventStream(relay.url, kase.id, '')).status).toBe(401)
  })

  it('ends the stream at logout', async () => {
    const kase = await createCase(miriam)
    const tobias = await createStaff(miriam)
    await inviteAndAccept(miriam, kase.id, 'coach', tobias)
    const stream = await openEventStream(relay.url, kase.id, tobias.client.cookie)
    await tobias.client.request('POST', '/api/auth/logout')
    await stream.ended
  })
})
