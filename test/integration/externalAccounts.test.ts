/**
 * Contract §8.5 / issue 17.3: admin rights end at staff accounts; an
 * external person resets their own password through a coach's new access
 * link, which works once and ends their other sessions.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { SessionEnded } from '../../shared/src/protocol/closeCodes.js'
import { ApiClient, createCase, createStaff, inviteAndAccept, login, setupAdmin, type LoggedIn } from '../helpers/apiClient.js'
import { startRelay, type TestRelay } from '../helpers/startRelay.js'
import { connectRaw } from './support/syncClients.js'

let relay: TestRelay
let miriam: LoggedIn

beforeAll(async () => {
  relay = await startRelay()
  miriam = await setupAdmin(relay)
})

describe('admin rights end at staff accounts', () => {
  it("refuses an admin's password reset and admin flag on a coachee or employer (403), and keeps both for staff", async () => {
    const kase = await createCase(miriam)
    const coachee = await inviteAndAccept(miriam, kase.id, 'coachee')
    const employer = await inviteAndAccept(miriam, kase.id, 'employer')
    for (const external of [coachee, employer]) {
      expect((await miriam.client.request('POST', `/api/users/${external.user.id}/password`, { password: 'admin-kennt-es-1' })).status).toBe(403)
      expect((await miriam.client.request('PATCH', `/api/users/${external.user.id}`, { isAdmin: true })).status).toBe(403)
      expect((await miriam.client.request('PATCH', `/api/users/${external.user.id}`, { isAdmin: false })).status).toBe(403)
    }
    expect((await login(relay, coachee.user.email, coachee.password)).user.isAdmin).toBe(false)
    // Deactivating an external account stays an admin's right.
    expect((await miriam.client.request('PATCH', `/api/users/${employer.user.id}`, { active: false })).status).toBe(200)

    const tobias = await createStaff(miriam)
    expect((await miriam.client.request('POST', `/api/users/${tobias.user.id}/password`, { password: 'tobias-neu-passwort' })).status).toBe(204)
    expect((await miriam.client.request('PATCH', `/api/users/${tobias.user.id}`, { isAdmin: true })).body.user.isAdmin).toBe(true)
  })
})

describe("a coach's new access link", () => {
  it('sets a new password once, ends the old sessions and their sockets, and logs the person in', async () => {
    const kase = await createCase(miriam)
    const coachee = await inviteAndAccept(miriam, kase.id, 'coachee')
    const socket = await connectRaw(relay.wsUrl, `cases/${kase.id}/plan`, coachee.client.cookie)

    const created = await miriam.client.request('POST', `/api/cases/${kase.id}/members/${coachee.memberId}/access-link`, {})
    expect(created.status).toBe(201)
    const { token, url } = created.body.link
    expect(url).toContain(`/password-reset?token=${token}`)
    const anonymous = new ApiClient(relay.url)
    const preview = await anonymous.request('GET', `/api/auth/password-reset/${token}`)
    expect(preview.body.reset.name).toBe(coachee.user.name)

    const reset = await anonymous.request('POST', `/api/auth/password-reset/${token}`, { password: 'jonas-neues-passwort' })
    expect(reset.status).toBe(200)
    expect(reset.body.user.id).toBe(coachee.user.id)
    expect((await anonymous.request('GET', '/api/me')).status).toBe(200)
    expect((await coachee.client.request('GET', '/api/me')).status).toBe(401)
    expect((await socket.closed).code).toBe(SessionEnded.code)

    expect((await new ApiClient(relay.url).request('POST', `/api/auth/password-reset/${token}`, { password: 'noch-ein-passwort-1' })).status).toBe(404)
    expect((await new ApiClient(relay.url).request('POST', '/api/auth/login', { email: coachee.user.email, password: coachee.password })).status).toBe(401)
    await login(relay, coachee.user.email, 'jonas-neues-passwort')
    const audit = (await miriam.client.request('GET', `/api/cases/${kase.id}/audit`)).body.events.map((e: { type: string }) => e.type)
    expect(audit).toEqual(expect.arrayContaining(['accessLinkCreated', 'passwordResetWithLink']))
  })

  it('is made by coaches of the case only, for external members only; a newer link voids the older', async () => {
    const kase = await createCase(miriam)
    const coachee = await inviteAndAccept(miriam, kase.id, 'coachee')
    const employer = await inviteAndAccept(miriam, kase.id, 'employer')
    const tobias = await createStaff(miriam)
    const tobiasMember = await inviteAndAccept(miriam, kase.id, 'coach', tobias)
    const path = (memberId: string) => `/api/cases/${kase.id}/members/${memberId}/access-link`

    expect((await employer.client.request('POST', path(coachee.memberId), {})).status).toBe(403)
    expect((await coachee.client.request('POST', path(coachee.memberId), {})).status).toBe(403)
    expect((await miriam.client.request('POST', path(tobiasMember.memberId), {})).status).toBe(403)
    expect((await miriam.client.request('POST', path('no-such-member-id-0000'), {})).status).toBe(404)
    const outsider = await createStaff(miriam)
    expect((await outsider.client.request('POST', path(coachee.memberId), {})).status).toBe(404)

    const first = (await tobias.client.request('POST', path(employer.memberId), {})).body.link.token
    const second = (await miriam.client.request('POST', path(employer.memberId), {})).body.link.token
    expect((await new ApiClient(relay.url).request('GET', `/api/auth/password-reset/${first}`)).status).toBe(404)
    expect((await new ApiClient(relay.url).request('GET', `/api/auth/password-reset/${second}`)).status).toBe(200)
  })
})
