import { beforeAll, describe, expect, it } from 'vitest'
import { SessionEnded } from '../../shared/src/protocol/closeCodes.js'
import { ApiClient, createCase, createStaff, inviteAndAccept, login, setupAdmin, type LoggedIn } from '../helpers/apiClient.js'
import { startRelay, type TestRelay } from '../helpers/startRelay.js'
import { openEventStream } from './support/eventStream.js'
import { connectRaw } from './support/syncClients.js'

let relay: TestRelay
let miriam: LoggedIn

beforeAll(async () => {
  relay = await startRelay()
  miriam = await setupAdmin(relay)
})

describe('account management', () => {
  it('deactivation closes the account’s websockets with 4401, ends its streams and sessions; login fails like a wrong password', async () => {
    const kase = await createCase(miriam)
    const tobias = await createStaff(miriam)
    await inviteAndAccept(miriam, kase.id, 'coach', tobias)
    const second = await login(relay, tobias.user.email, tobias.password)
    const notes = await connectRaw(relay.wsUrl, `cases/${kase.id}/notes`, tobias.client.cookie)
    const plan = await connectRaw(relay.wsUrl, `cases/${kase.id}/plan`, second.client.cookie)
    const mine = await connectRaw(relay.wsUrl, `cases/${kase.id}/plan`, miriam.client.cookie)
    const stream = await openEventStream(relay.url, kase.id, tobias.client.cookie)
    const coachStream = await openEventStream(relay.url, kase.id, miriam.client.cookie)

    const patched = await miriam.client.request('PATCH', `/api/users/${tobias.user.id}`, { active: false })
    expect(patched.status).toBe(200)
    expect(patched.body.user).toMatchObject({ id: tobias.user.id, active: false })
    expect((await notes.closed).code).toBe(SessionEnded.code)
    expect((await plan.closed).code).toBe(SessionEnded.code)
    await stream.ended
    expect(mine.socket.readyState).toBe(mine.socket.OPEN)
    expect(coachStream.isEnded()).toBe(false)

    expect((await tobias.client.request('GET', '/api/me')).status).toBe(401)
    expect((await second.client.request('GET', '/api/me')).status).toBe(401)
    const anonymous = new ApiClient(relay.url)
    const deactivated = await anonymous.request('POST', '/api/auth/login', { email: tobias.user.email, password: tobias.password })
    const wrong = await anonymous.request('POST', '/api/auth/login', { email: miriam.user.email, password: 'falsches-passwort' })
    expect(deactivated.status).toBe(401)
    expect(deactivated.body).toEqual(wrong.body)

    // Reactivated, the account logs in again.
    expect((await miriam.client.request('PATCH', `/api/users/${tobias.user.id}`, { active: true })).status).toBe(200)
    await login(relay, tobias.user.email, tobias.password)
  })

  it('refuses to deactivate yourself or to remove the last admin (409); only admins change accounts', async () => {
    const self = await miriam.client.request('PATCH', `/api/users/${miriam.user.id}`, { active: false })
    expect(self.status).toBe(409)
    const demote = await miriam.client.request('PATCH', `/api/users/${miriam.user.id}`, { isAdmin: false })
    expect(demote.status).toBe(409)
    expect((await miriam.client.request('GET', '/api/me')).body.user.isAdmin).toBe(true)

    const petra = await createStaff(miriam, { name: 'Petra Lange', isAdmin: true })
    // With a second admin, the first may step down.
    expect((await petra.client.request('PATCH', `/api/users/${miriam.user.id}`, { isAdmin: false })).status).toBe(200)
    expect((await petra.client.request('PATCH', `/api/users/${petra.user.id}`, { isAdmin: false })).status).toBe(409)
    expect((await petra.client.request('PATCH', `/api/users/${miriam.user.id}`, { isAdmin: true })).status).toBe(200)

    const tobias = await createStaff(miriam)
    expect((await tobias.client.request('PATCH', `/api/users/${petra.user.id}`, { active: false })).status).toBe(403)
    expect((await tobias.client.request('POST', `/api/users/${petra.user.id}/password`, { password: 'neues-passwort-1' })).status).toBe(403)
    expect((await miriam.client.request('PATCH', `/api/users/${tobias.user.id}`, {})).status).toBe(400)
    expect((await miriam.client.request('PATCH', '/api/users/AAAAAAAAAAAAAAAAAAAAAA', { active: false })).status).toBe(404)
  })

  it('a password reset ends the account’s sessions and sockets; the new password works, the old does not', async () => {
    const kase = await createCase(miriam)
    const tobias = await createStaff(miriam)
    await inviteAndAccept(miriam, kase.id, 'coach', tobias)
    const socket = await connectRaw(relay.wsUrl, `cases/${kase.id}/notes`, tobias.client.cookie)
    const reset = await miriam.client.request('POST', `/api/users/${tobias.user.id}/password`, { password: 'ganz-neues-passwort' })
    expect(reset.status).toBe(204)
    expect((await socket.closed).code).toBe(SessionEnded.code)
    expect((await tobias.client.request('GET', '/api/me')).status).toBe(401)
    expect((await new ApiClient(relay.url).request('POST', '/api/auth/login', { email: tobias.user.email, password: tobias.password })).status).toBe(401)
    await login(relay, tobias.user.email, 'ganz-neues-passwort')
    expect((await miriam.client.request('POST', `/api/users/${tobias.user.id}/password`, { password: 'kurz' })).status).toBe(400)
  })

  it('lists every account to admins (inactive and external too), active staff to other staff, nothing to external accounts', async () => {
    const kase = await createCase(miriam)
    const external = await inviteAndAccept(miriam, kase.id, 'employer')
    const gone = await createStaff(miriam, { name: 'Uwe Alt' })
    await miriam.client.request('PATCH', `/api/users/${gone.user.id}`, { active: false })
    const tobias = await createStaff(miriam)

    const forAdmin = (await miriam.client.request('GET', '/api/users')).body.users.map((u: { id: string }) => u.id)
    expect(forAdmin).toEqual(expect.arrayContaining([external.user.id, gone.user.id, tobias.user.id, miriam.user.id]))
    const forStaff = (await tobias.client.request('GET', '/api/users')).body.users
    expect(forStaff.map((u: { id: string }) => u.id)).toEqual(expect.arrayContaining([tobias.user.id, miriam.user.id]))
    expect(forStaff.map((u: { id: string }) => u.id)).not.toContain(external.user.id)
    expect(forStaff.map((u: { id: string }) => u.id)).not.toContain(gone.user.id)
    expect((await external.client.request('GET', '/api/users')).status).toBe(403)
  })
})
