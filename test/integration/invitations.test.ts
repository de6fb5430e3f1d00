import { beforeAll, describe, expect, it } from 'vitest'
import { InvitationLifetimeDays } from '../../shared/src/api/invitations.js'
import { sha256Hex } from '../../server/src/ids.js'
import {
  ApiClient,
  createCase,
  createInvitation,
  createStaff,
  inviteAndAccept,
  login,
  setupAdmin,
  type LoggedIn,
} from '../helpers/apiClient.js'
import { startRelay, type TestRelay } from '../helpers/startRelay.js'
import { connectRaw, freeTextOf, roundTrip, storedDoc, syncFrame, SyncMessageType, textUpdate, UpgradeRefused } from './support/syncClients.js'
import { execSql, querySql } from './support/database.js'

let relay: TestRelay
let miriam: LoggedIn

beforeAll(async () => {
  relay = await startRelay()
  miriam = await setupAdmin(relay)
})

const sabine = { name: 'Sabine Keller', password: 'sabine-passwort-1' }
let emailCounter = 0
function sabineEmail(): string {
  emailCounter += 1
  return `sabine.keller+${emailCounter}@frischmarkt.example`
}

async function upgradeStatus(room: string, cookie: string): Promise<number> {
  try {
    await connectRaw(relay.wsUrl, room, cookie)
  } catch (err) {
    if (err instanceof UpgradeRefused) {
      return err.status
    }
    throw err
  }
  return 101
}

describe('invitations', () => {
  it('are created by a coach with a 32-byte token, a link on the request origin and a 7-day expiry; only the hash is stored', async () => {
    const kase = await createCase(miriam)
    const before = Date.now()
    const invitation = await createInvitation(miriam, kase.id, 'employer')
    expect(invitation.token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(invitation.url).toBe(`${relay.url}/invitations/${invitation.token}`)
    expect(Date.parse(invitation.expiresAt) - before).toBeGreaterThan(InvitationLifetimeDays * 86_400_000 - 60_000)
    expect(Date.parse(invitation.expiresAt) - before).toBeLessThanOrEqual(InvitationLifetimeDays * 86_400_000 + 1_000)

    const rows = querySql<Record<string, unknown>>(relay.dataDir, 'SELECT * FROM invitations WHERE id = ?', invitation.id)
    expect(rows).toHaveLength(1)
    expect(JSON.stringify(rows)).not.toContain(invitation.token)
    expect(rows[0]?.token_hash).toBe(sha256Hex(invitation.token))

    const list = await miriam.client.request('GET', `/api/cases/${kase.id}/invitations`)
    expect(list.status).toBe(200)
    expect(list.body.invitations).toEqual([
      expect.objectContaining({ id: invitation.id, role: 'employer', createdBy: 'Miriam Roth', acceptedAt: null, revokedAt: null }),
    ])
    expect(JSON.stringify(list.body)).not.toContain(invitation.token)
  })

  it('answers the preview without a session, then accepts an employer as a new external account, read-only on the plan', async () => {
    const kase = await createCase(miriam)
    const invitation = await createInvitation(miriam, kase.id, 'employer')
    const anonymous = new ApiClient(relay.url)
    const preview = await anonymous.request('GET', `/api/invitations/${invitation.token}`)
    expect(preview.status).toBe(200)
    expect(preview.body.invitation).toEqual({
      caseTitle: 'Kassenbereich Supermarkt',
      role: 'employer',
      invitedBy: 'Miriam Roth',
      expiresAt: invitation.expiresAt,
      requiresStaffAccount: false,
    })

    const email = sabineEmail()
    const accepted = await anonymous.request('POST', `/api/invitations/${invitation.token}/accept`, { ...sabine, email })
    expect(accepted.status).toBe(201)
    expect(accepted.body.user).toMatchObject({ name: 'Sabine Keller', email, kind: 'external', isAdmin: false, active: true })
    expect(accepted.body.member).toMatchObject({ userId: accepted.body.user.id, role: 'employer' })
    expect(accepted.body.caseId).toBe(kase.id)
    // Logged in by accepting.
    expect(anonymous.cookie).toMatch(/^fb_session=/)
    const detail = (await anonymous.request('GET', `/api/cases/${kase.id}`)).body.case
    expect(detail.myRole).toBe('employer')
    expect(detail.rooms).toContainEqual({ name: `cases/${kase.id}/plan`, access: 'read' })

    // The plan opens read-only: a write is dropped, not stored.
    const room = `cases/${kase.id}/plan`
    const raw = await connectRaw(relay.wsUrl, room, anonymous.cookie)
    raw.send(syncFrame(SyncMessageType.Update, textUpdate('Arbeitgeber schreibt')))
    await roundTrip(raw)
    expect(freeTextOf(storedDoc(relay.dataDir, room))).toBe('')
    expect(await upgradeStatus(`cases/${kase.id}/notes`, anonymous.cookie)).toBe(403)

    // The account logs in with its own password.
    await login(relay, email, sabine.password)
    const list = (await miriam.client.request('GET', `/api/cases/${kase.id}/invitations`)).body.invitations
    expect(list[0]).toMatchObject({ acceptedBy: 'Sabine Keller' })
    expect(list[0].acceptedAt).not.toBeNull()
  })

  it('work once: a second accept and the preview of a used link answer 404', async () => {
    const kase = await createCase(miriam)
    const invitation = await createInvitation(miriam, kase.id, 'coachee')
    const first = await new ApiClient(relay.url).request('POST', `/api/invitations/${invitation.token}/accept`, {
      name: 'Jonas Weber',
      email: 'jonas.weber+once@example.org',
      password: 'jonas-passwort-1',
    })
    expect(first.status).toBe(201)
    expect(first.body.member.role).toBe('coachee')
    const second = await new ApiClient(relay.url).request('POST', `/api/invitations/${invitation.token}/accept`, {
      name: 'Eve',
      email: 'eve+once@example.org',
      password: 'eve-passwort-123',
    })
    expect(second.status).toBe(404)
    expect(second.body.error.code).toBe('not_found')
    expect((await new ApiClient(relay.url).request('GET', `/api/invitations/${invitation.token}`)).status).toBe(404)
    // Eve's account was not made.
    expect(querySql(relay.dataDir, 'SELECT id FROM users WHERE email = ?', 'eve+once@example.org')).toEqual([])
  })

  it('let exactly one of two concurrent accepts win', async () => {
    const kase = await createCase(miriam)
    const invitation = await createInvitation(miriam, kase.id, 'employer')
    const results = await Promise.all(
      [1, 2, 3].map((n) =>
        new ApiClient(relay.url).request('POST', `/api/invitations/${invitation.token}/accept`, {
          name: `Person ${n}`,
          email: `race+${n}@example.org`,
          password: 'race-passwort-1',
        }),
      ),
    )
    expect(results.map((r) => r.status).sort()).toEqual([201, 404, 404])
    const members = (await miriam.client.request('GET', `/api/cases/${kase.id}`)).body.case.members
    expect(members).toHaveLength(2)
  })

  it('refuse expired and withdrawn links with the same 404', async () => {
    const kase = await createCase(miriam)
    const expired = await createInvitation(miriam, kase.id, 'employer')
    execSql(relay.dataDir, 'UPDATE invitations SET expires_at = ? WHERE id = ?', new Date(Date.now() - 1_000).toISOString(), expired.id)
    const withdrawn = await createInvitation(miriam, kase.id, 'employer')
    expect((await miriam.client.request('DELETE', `/api/cases/${kase.id}/invitations/${withdrawn.id}`)).status).toBe(204)
    const unknown = 'A'.repeat(43)

    const answers = []
    for (const token of [expired.token, withdrawn.token, unknown]) {
      const preview = await new ApiClient(relay.url).request('GET', `/api/invitations/${token}`)
      const accept = await new ApiClient(relay.url).request('POST', `/api/invitations/${token}/accept`, {
        ...sabine,
        email: sabineEmail(),
      })
      expect(preview.status).toBe(404)
      expect(accept.status).toBe(404)
      answers.push(preview.body, accept.body)
    }
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1)
    const list = (await miriam.client.request('GET', `/api/cases/${kase.id}/invitations`)).body.invitations
    expect(list.find((i: { id: string }) => i.id === withdrawn.id).revokedAt).not.toBeNull()
  })

  it('refuse a new account for an existing e-mail: log in and accept as yourself', async () => {
    const kase = await createCase(miriam)
    const invitation = await createInvitation(miriam, kase.id, 'employer')
    const taken = await new ApiClient(relay.url).request('POST', `/api/invitations/${invitation.token}/accept`, {
      name: 'Miriam',
      email: 'Miriam.Roth@example.org',
      password: 'irgendein-passwort',
    })
    expect(taken.status).toBe(409)
    expect(taken.body.error.message).toMatch(/log in/i)
    // The link still works.
    expect((await new ApiClient(relay.url).request('GET', `/api/invitations/${invitation.token}`)).status).toBe(200)
  })

  it('make coaches only of staff accounts, accepted while logged in; members cannot join twice', async () => {
    const kase = await createCase(miriam)
    const coachInvitation = await createInvitation(miriam, kase.id, 'coach')
    const preview = await new ApiClient(relay.url).request('GET', `/api/invitations/${coachInvitation.token}`)
    expect(preview.body.invitation.requiresStaffAccount).toBe(true)

    // No new account from a coach link.
    const asNew = await new ApiClient(relay.url).request('POST', `/api/invitations/${coachInvitation.token}/accept`, {
      name: 'Tobias',
      email: 'tobias+new@example.org',
      password: 'tobias-passwort-1',
    })
    expect(asNew.status).toBe(403)
    // Without a session, the empty body cannot say who accepts.
    expect((await new ApiClient(relay.url).request('POST', `/api/invitations/${coachInvitation.token}/accept`, {})).status).toBe(401)

    // An external account cannot take a coach link.
    const other = await createCase(miriam)
    const external = await inviteAndAccept(miriam, other.id, 'employer')
    const asExternal = await external.client.request('POST', `/api/invitations/${coachInvitation.token}/accept`, {})
    expect(asExternal.status).toBe(403)

    const tobias = await createStaff(miriam)
    const asStaff = await tobias.client.request('POST', `/api/invitations/${coachInvitation.token}/accept`, {})
    expect(asStaff.status).toBe(201)
    expect(asStaff.body.member).toMatchObject({ userId: tobias.user.id, role: 'coach' })
    expect(asStaff.body.user.id).toBe(tobias.user.id)
    expect((await tobias.client.request('GET', `/api/cases/${kase.id}`)).body.case.myRole).toBe('coach')

    const again = await createInvitation(miriam, kase.id, 'employer')
    const twice = await tobias.client.request('POST', `/api/invitations/${again.token}/accept`, {})
    expect(twice.status).toBe(409)
    // Not consumed by the refused attempt.
    expect((await new ApiClient(relay.url).request('GET', `/api/invitations/${again.token}`)).status).toBe(200)
  })

  it('are managed by coaches only', async () => {
    const kase = await createCase(miriam)
    const employer = await inviteAndAccept(miriam, kase.id, 'employer')
    expect((await employer.client.request('POST', `/api/cases/${kase.id}/invitations`, { role: 'coachee' })).status).toBe(403)
    expect((await employer.client.request('GET', `/api/cases/${kase.id}/invitations`)).status).toBe(403)
    const invitation = await createInvitation(miriam, kase.id, 'coachee')
    expect((await employer.client.request('DELETE', `/api/cases/${kase.id}/invitations/${invitation.id}`)).status).toBe(403)
    const stranger = await createStaff(miriam)
    expect((await stranger.client.request('POST', `/api/cases/${kase.id}/invitations`, { role: 'coachee' })).status).toBe(404)
    expect((await miriam.client.request('POST', `/api/cases/${kase.id}/invitations`, { role: 'admin' })).status).toBe(400)
    // A used invitation cannot be withdrawn.
    const used = (await miriam.client.request('GET', `/api/cases/${kase.id}/invitations`)).body.invitations.find(
      (i: { acceptedAt: string | null }) => i.acceptedAt !== null,
    )
    expect((await miriam.client.request('DELETE', `/api/cases/${kase.id}/invitations/${used.id}`)).status).toBe(409)
  })

  it('use PUBLIC_URL for the link when it is set', async () => {
    const behindProxy = await startRelay({ publicUrl: 'https://fallbuch.example.org' })
    const admin = await setupAdmin(behindProxy)
    const kase = await createCase(admin)
    const invitation = await createInvitation(admin, kase.id, 'coachee')
    expect(invitation.url).toBe(`https://fallbuch.example.org/invitations/${invitation.token}`)
  })
})
