/**
 * Invitations of freelance job coaches to the pool (issue 20 point 1)
 * against the real relay, on SQLite and PostgreSQL: only the coordination
 * office invites (403 for everyone else); the link makes the invitee's own
 * account, which starts on a freelance application and does no case work
 * until matched; a link works once, not after 7 days, and not when
 * withdrawn; the token is stored only hashed and the invitee sealed.
 */
import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ApiClient, createStaff, setupAdmin, type LoggedIn } from '../helpers/apiClient.js'
import { startRelay, type TestRelay } from '../helpers/startRelay.js'
import { poolBackends } from './support/poolFlow.js'

let offsetMs = 0

const tokenOf = (url: string): string => url.slice(url.lastIndexOf('/') + 1)

describe.each(poolBackends())('pool invitations on $name', (backend) => {
  let relay: TestRelay
  let admin: LoggedIn
  let office: LoggedIn
  let colleague: LoggedIn

  beforeAll(async () => {
    if (backend.skip) {
      return
    }
    // A quick retention sweep: it forgets the invitees of links that expired unused.
    relay = await startRelay({ ...backend.overrides(), clock: () => new Date(Date.now() + offsetMs), retentionSweepMs: 100 })
    admin = await setupAdmin(relay)
    office = await createStaff(admin, { name: 'Koordinierungsstelle Nord' })
    colleague = await createStaff(admin, { name: 'Tobias Brandt' })
    expect((await admin.client.request('PATCH', `/api/users/${office.user.id}`, { isCoordinator: true })).status).toBe(200)
  })

  afterAll(async () => {
    await relay?.stop()
  })

  const invite = (by: LoggedIn, name: string, email: string) => by.client.request('POST', '/api/pool/invitations', { name, email })

  it.skipIf(backend.skip)('lets only the coordination office invite, list and withdraw', async () => {
    for (const someone of [colleague, admin]) {
      const refused = await invite(someone, 'Petra Lange', 'petra.lange@example.org')
      expect(refused.status).toBe(403)
      expect(refused.body.error.reason).toBe('poolCoordinatorOnly')
      expect((await someone.client.request('GET', '/api/pool/invitations')).status).toBe(403)
    }
    expect((await new ApiClient(relay.url).request('POST', '/api/pool/invitations', { name: 'Petra Lange', email: 'petra.lange@example.org' })).status).toBe(401)
    const created = await invite(office, 'Petra Lange', 'petra.lange@example.org')
    expect(created.status).toBe(201)
    expect(created.body.invitation).toMatchObject({ status: 'open', name: 'Petra Lange', email: 'petra.lange@example.org', createdByName: 'Koordinierungsstelle Nord', emailed: false })
    expect(Date.parse(created.body.invitation.expiresAt) - Date.parse(created.body.invitation.createdAt)).toBe(7 * 86_400_000)
    expect((await colleague.client.request('DELETE', `/api/pool/invitations/${created.body.invitation.id}`)).status).toBe(403)
    expect((await office.client.request('DELETE', `/api/pool/invitations/${created.body.invitation.id}`)).status).toBe(204)
    const listed = (await office.client.request('GET', '/api/pool/invitations')).body.invitations
    expect(listed.find((entry: { id: string }) => entry.id === created.body.invitation.id)).toMatchObject({ status: 'withdrawn', name: null, email: null })
    // A withdrawn link does not work.
    expect((await new ApiClient(relay.url).request('GET', `/api/pool-invitations/${tokenOf(created.body.invitation.url)}`)).status).toBe(404)
  })

  it.skipIf(backend.skip)('makes the invitee an account of their own that lands on a freelance application and does nothing else until matched', async () => {
    const created = await invite(office, 'Sabine Keller', 'Sabine.Keller@example.org')
    const token = tokenOf(created.body.invitation.url)
    // Stored: the token's hash only, the invitee sealed, the audit without either.
    const rows = await backend.query<{ token_hash: string; details: string }>(relay, 'SELECT token_hash, details FROM pool_invitations WHERE id = ?', created.body.invitation.id)
    expect(rows[0]?.token_hash).toBe(createHash('sha256').update(token).digest('hex'))
    expect(rows[0]?.details).not.toMatch(/Sabine|Keller|example\.org/)
    const audit = await backend.query<{ details: string }>(relay, "SELECT details FROM audit_events WHERE type = 'poolInvitationCreated'")
    expect(audit.map((row) => row.details).join('')).not.toMatch(/Sabine|Keller|example\.org|token/)

    const invitee = new ApiClient(relay.url)
    const preview = await invitee.request('GET', `/api/pool-invitations/${token}`)
    expect(preview.status).toBe(200)
    expect(preview.body.invitation).toMatchObject({ name: 'Sabine Keller', email: 'sabine.keller@example.org', invitedBy: 'Koordinierungsstelle Nord' })

    const accepted = await invitee.request('POST', `/api/pool-invitations/${token}/accept`, { name: 'Sabine Keller', email: 'sabine.keller@example.org', password: 'sabine-passwort-1' })
    expect(accepted.status).toBe(201)
    expect(accepted.body.user).toMatchObject({ name: 'Sabine Keller', kind: 'staff', isAdmin: false, isCoordinator: false })
    const own = await invitee.request('GET', '/api/pool/me')
    expect(own.status).toBe(200)
    expect(own.body.application).toMatchObject({ id: accepted.body.applicationId, status: 'draft', profile: { employment: 'freelance' } })
    expect((await invitee.request('GET', '/api/pool/standing')).body).toEqual({ poolOnly: true })
    expect((await colleague.client.request('GET', '/api/pool/standing')).body).toEqual({ poolOnly: false })

    // No case work: no new case, no requests, no joining a case by a coach's link.
    const newCase = await invitee.request('POST', '/api/cases', { title: 'Eigener Fall', type: 'retention' })
    expect(newCase.status).toBe(403)
    expect(newCase.body.error.reason).toBe('poolApplicantOnly')
    expect((await invitee.request('GET', '/api/requests')).status).toBe(403)
    expect((await invitee.request('GET', '/api/cases')).body.cases).toEqual([])
    const kase = (await colleague.client.request('POST', '/api/cases', { title: 'Kassenbereich', type: 'retention' })).body.case
    const caseLink = await colleague.client.request('POST', `/api/cases/${kase.id}/invitations`, { role: 'coach' })
    expect(caseLink.status).toBe(201)
    expect((await invitee.request('POST', `/api/invitations/${caseLink.body.invitation.token}/accept`, {})).status).toBe(403)

    // Once: the link is used up, the invitee's details are gone from the row, the office sees the account.
    expect((await new ApiClient(relay.url).request('GET', `/api/pool-invitations/${token}`)).status).toBe(404)
    const again = await new ApiClient(relay.url).request('POST', `/api/pool-invitations/${token}/accept`, { name: 'Someone Else', email: 'else@example.org', password: 'else-passwort-12' })
    expect(again.status).toBe(404)
    expect((await backend.query<{ details: string }>(relay, 'SELECT details FROM pool_invitations WHERE id = ?', created.body.invitation.id))[0]?.details).toBe('')
    const listed = (await office.client.request('GET', '/api/pool/invitations')).body.invitations
    expect(listed.find((entry: { id: string }) => entry.id === created.body.invitation.id)).toMatchObject({ status: 'accepted', name: 'Sabine Keller', email: null })
    expect((await backend.query(relay, "SELECT seq FROM audit_events WHERE type = 'poolInvitationAccepted' AND actor_id = ?", accepted.body.user.id)).length).toBe(1)
    // The person's pool export names the invitation their account was made with.
    const exported = (await invitee.request('GET', '/api/pool/me/export')).body
    expect(exported.invitation).toMatchObject({ invitedBy: 'Koordinierungsstelle Nord', acceptedAt: expect.any(String) })
    expect(exported.application.id).toBe(accepted.body.applicationId)
    // The office sees the new application among the others.
    const applications = (await office.client.request('GET', '/api/pool/applications')).body.applications
    expect(applications.some((entry: { id: string }) => entry.id === accepted.body.applicationId)).toBe(true)

    // Withdrawing the application erases it, but does not turn the account into one that may do case work.
    expect((await invitee.request('DELETE', '/api/pool/me')).status).toBe(204)
    expect((await invitee.request('POST', '/api/cases', { title: 'Eigener Fall', type: 'retention' })).status).toBe(403)
    expect((await invitee.request('GET', '/api/pool/standing')).body).toEqual({ poolOnly: true })
  })

  it.skipIf(backend.skip)('refuses a taken address without using the link up, and an expired link', async () => {
    const created = await invite(office, 'Ali Demir', 'ali.demir@example.org')
    const token = tokenOf(created.body.invitation.url)
    const taken = await new ApiClient(relay.url).request('POST', `/api/pool-invitations/${token}/accept`, { name: 'Ali Demir', email: colleague.user.email, password: 'ali-passwort-123' })
    expect(taken.status).toBe(409)
    expect(taken.body.error.reason).toBe('emailTaken')
    expect((await new ApiClient(relay.url).request('GET', `/api/pool-invitations/${token}`)).status).toBe(200)

    offsetMs = 7 * 86_400_000 + 60_000
    try {
      expect((await new ApiClient(relay.url).request('GET', `/api/pool-invitations/${token}`)).status).toBe(404)
      const late = await new ApiClient(relay.url).request('POST', `/api/pool-invitations/${token}/accept`, { name: 'Ali Demir', email: 'ali.demir@example.org', password: 'ali-passwort-123' })
      expect(late.status).toBe(404)
      const listed = (await office.client.request('GET', '/api/pool/invitations')).body.invitations
      expect(listed.find((entry: { id: string }) => entry.id === created.body.invitation.id)?.status).toBe('expired')
    } finally {
      offsetMs = 0
    }
  })

  it.skipIf(backend.skip)('keeps whom an unused link was for 30 days after it expired, then forgets it', async () => {
    const created = await invite(office, 'Jana Wolf', 'jana.wolf@example.org')
    const id = created.body.invitation.id
    const entry = async (): Promise<{ status: string; name: string | null; email: string | null } | undefined> =>
      (await office.client.request('GET', '/api/pool/invitations')).body.invitations.find((candidate: { id: string }) => candidate.id === id)
    const stored = async (): Promise<string | undefined> => (await backend.query<{ details: string }>(relay, 'SELECT details FROM pool_invitations WHERE id = ?', id))[0]?.details
    try {
      // Expired a day ago: the office still sees whom to invite again, through several sweeps.
      offsetMs = 8 * 86_400_000
      await new Promise((resolve) => setTimeout(resolve, 500))
      expect(await entry()).toMatchObject({ status: 'expired', name: 'Jana Wolf', email: 'jana.wolf@example.org' })
      expect(await stored()).not.toBe('')
      // 30 days after it expired the sweep forgets the name and the address; the row keeps ids and instants.
      offsetMs = (7 + 31) * 86_400_000
      await expect.poll(stored, { timeout: 10_000 }).toBe('')
      expect(await entry()).toMatchObject({ status: 'expired', name: null, email: null })
    } finally {
      offsetMs = 0
    }
  })
})
