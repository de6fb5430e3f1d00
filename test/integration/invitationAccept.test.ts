/**
 * Contract §8.5 / issue 17.2: accepting an invitation reveals no account,
 * failed accepts are limited per link (429) without using it up, and a coach
 * renews a limited link.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { InvitationAcceptLimit } from '../../shared/src/api/invitations.js'
import { ApiClient, createCase, createInvitation, createStaff, inviteAndAccept, setupAdmin, type LoggedIn } from '../helpers/apiClient.js'
import { startRelay, type TestRelay } from '../helpers/startRelay.js'

let relay: TestRelay
let miriam: LoggedIn
let now = Date.parse('2026-03-02T09:00:00.000Z')

beforeAll(async () => {
  relay = await startRelay({ clock: () => new Date(now) })
  miriam = await setupAdmin(relay)
})

function acceptNew(token: string, email: string) {
  return new ApiClient(relay.url).request('POST', `/api/invitations/${token}/accept`, { name: 'Jonas Weber', email, password: 'jonas-passwort-1' })
}

describe('accepting an invitation', () => {
  it('answers alike for an e-mail with an active account, a deactivated one, and a member accepting again', async () => {
    const kase = await createCase(miriam)
    const other = await createCase(miriam)
    const active = await inviteAndAccept(miriam, other.id, 'coachee')
    const deactivated = await inviteAndAccept(miriam, other.id, 'employer')
    expect((await miriam.client.request('PATCH', `/api/users/${deactivated.user.id}`, { active: false })).status).toBe(200)
    const member = await inviteAndAccept(miriam, kase.id, 'employer')

    const invitation = await createInvitation(miriam, kase.id, 'coachee')
    const answers = [
      await acceptNew(invitation.token, active.user.email),
      await acceptNew(invitation.token, deactivated.user.email.toUpperCase()),
      await member.client.request('POST', `/api/invitations/${invitation.token}/accept`, {}),
    ]
    for (const answer of answers) {
      expect(answer.status).toBe(409)
      expect(answer.body).toEqual(answers[0]?.body)
    }
    expect(answers[0]?.body.error.message).toMatch(/log in/i)
    expect(answers[0]?.body.error.message).not.toMatch(/exist/i)
    // Refused accepts do not use the link up.
    const accepted = await acceptNew(invitation.token, 'jonas.weber+neu@example.org')
    expect(accepted.status).toBe(201)
  })

  it('limits failed accepts per link to 5 an hour (429), logs them without the address, and lifts the limit after the hour', async () => {
    const kase = await createCase(miriam)
    const taken = await inviteAndAccept(miriam, kase.id, 'employer')
    const invitation = await createInvitation(miriam, kase.id, 'coachee')
    for (let i = 0; i < InvitationAcceptLimit.maxFailures; i += 1) {
      expect((await acceptNew(invitation.token, taken.user.email)).status).toBe(409)
    }
    const limited = await acceptNew(invitation.token, 'jonas.weber+frei@example.org')
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(3000)
    // The link itself stays valid; the coaches see it limited and the attempts in the log.
    expect((await new ApiClient(relay.url).request('GET', `/api/invitations/${invitation.token}`)).status).toBe(200)
    const listed = (await miriam.client.request('GET', `/api/cases/${kase.id}/invitations`)).body.invitations.find((i: { id: string }) => i.id === invitation.id)
    expect(listed.limitedUntil).not.toBeNull()
    const audit = (await miriam.client.request('GET', `/api/cases/${kase.id}/audit`)).body.events.filter((e: { type: string }) => e.type === 'invitationAcceptFailed')
    expect(audit).toHaveLength(InvitationAcceptLimit.maxFailures)
    expect(JSON.stringify(audit)).not.toContain(taken.user.email)

    now += InvitationAcceptLimit.windowMs
    expect((await acceptNew(invitation.token, 'jonas.weber+frei@example.org')).status).toBe(201)
  })

  it('lets a coach renew a limited link: the old token stops working, the new one accepts', async () => {
    const kase = await createCase(miriam)
    const taken = await inviteAndAccept(miriam, kase.id, 'employer')
    const invitation = await createInvitation(miriam, kase.id, 'coachee')
    for (let i = 0; i < InvitationAcceptLimit.maxFailures; i += 1) {
      await acceptNew(invitation.token, taken.user.email)
    }
    expect((await acceptNew(invitation.token, 'jonas.weber+erneuert@example.org')).status).toBe(429)

    const renewPath = `/api/cases/${kase.id}/invitations/${invitation.id}/renew`
    expect((await taken.client.request('POST', renewPath, {})).status).toBe(403)
    const tobias = await createStaff(miriam)
    expect((await tobias.client.request('POST', renewPath, {})).status).toBe(404)
    const renewed = await miriam.client.request('POST', renewPath, {})
    expect(renewed.status).toBe(200)
    expect(renewed.body.invitation).toMatchObject({ id: invitation.id, limitedUntil: null })
    expect(renewed.body.invitation.token).not.toBe(invitation.token)
    expect(renewed.body.invitation.url).toContain(renewed.body.invitation.token)

    expect((await new ApiClient(relay.url).request('GET', `/api/invitations/${invitation.token}`)).status).toBe(404)
    expect((await acceptNew(renewed.body.invitation.token, 'jonas.weber+erneuert@example.org')).status).toBe(201)
    // A used link cannot be renewed.
    expect((await miriam.client.request('POST', renewPath, {})).status).toBe(409)
    const types = (await miriam.client.request('GET', `/api/cases/${kase.id}/audit`)).body.events.map((e: { type: string }) => e.type)
    expect(types).toContain('invitationRenewed')
  })
})
