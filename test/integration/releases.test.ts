/**
 * Releases from confidentiality and the legal guardian (issue 16) against the
 * real relay: who records, sees and revokes a release; the employer sees
 * only a release towards them; the guardian agrees to the plan and grants
 * consent for the coachee (recorded "für" the coachee); releases are in the
 * coachee's export, sealed at rest, and gone with the case.
 */
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { AgreementsReply } from '../../shared/src/api/agreements.js'
import type { ConsentGrant } from '../../shared/src/api/consents.js'
import type { Release, ReleasesReply } from '../../shared/src/api/releases.js'
import { createCase, inviteAndAccept, setupAdmin, type LoggedIn } from '../helpers/apiClient.js'
import { startRelay, type TestRelay } from '../helpers/startRelay.js'

const purpose = 'Abstimmung der Arbeitszeiten mit der Hausärztin nach der Erkrankung'
const doctor = 'Dr. Hannelore Weber, Hausarztpraxis am Markt'

interface People {
  caseId: string
  coach: LoggedIn
  employer: LoggedIn & { memberId: string }
  coachee: LoggedIn & { memberId: string }
  guardian: LoggedIn & { memberId: string }
}

async function casePeople(coach: LoggedIn): Promise<People> {
  const caseId = (await createCase(coach)).id
  return {
    caseId,
    coach,
    employer: await inviteAndAccept(coach, caseId, 'employer'),
    coachee: await inviteAndAccept(coach, caseId, 'coachee', { name: 'Jonas Peters', email: `jonas.peters+${caseId}@example.org` }),
    guardian: await inviteAndAccept(coach, caseId, 'guardian', { name: 'Renate Peters', email: `renate.peters+${caseId}@example.org` }),
  }
}

function releaseBody(p: People, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    releasorMemberId: p.coachee.memberId,
    releasedParty: 'Jobcoaches Miriam Roth und Tobias Brandt',
    recipientKind: 'doctor',
    recipientName: doctor,
    purpose,
    validFrom: '2026-03-02',
    evidence: 'signedForm',
    signedOn: '2026-03-01',
    ...overrides,
  }
}

async function record(by: LoggedIn, caseId: string, body: Record<string, unknown>): Promise<{ status: number; body: { release: Release } }> {
  return by.client.request('POST', `/api/cases/${caseId}/releases`, body)
}

async function list(by: LoggedIn, caseId: string): Promise<Release[]> {
  const response = await by.client.request<ReleasesReply>('GET', `/api/cases/${caseId}/releases`)
  expect(response.status).toBe(200)
  return response.body.releases
}

describe('releases from confidentiality', () => {
  let relay: TestRelay
  let p: People

  beforeAll(async () => {
    relay = await startRelay()
    p = await casePeople(await setupAdmin(relay))
  })

  it('lets a coach record a release from a signed form, and nobody else record one for someone', async () => {
    const recorded = await record(p.coach, p.caseId, releaseBody(p))
    expect(recorded.status).toBe(201)
    expect(recorded.body.release).toMatchObject({ releasorName: 'Jonas Peters', recipientName: doctor, purpose, active: true, endedBy: null, onBehalfOfName: null })
    expect((await record(p.employer, p.caseId, releaseBody(p))).status).toBe(403)
    // The coachee gives their own release in the app, never a paper one and never in someone else's name.
    expect((await record(p.coachee, p.caseId, releaseBody(p))).status).toBe(403)
    expect((await record(p.coachee, p.caseId, releaseBody(p, { releasorMemberId: p.guardian.memberId, evidence: 'inApp', signedOn: undefined }))).status).toBe(403)
    // Only the coachee or a guardian releases; a signed form needs its date.
    expect((await record(p.coach, p.caseId, releaseBody(p, { releasorMemberId: p.employer.memberId }))).body).toMatchObject({ error: { reason: 'releasor' } })
    expect((await record(p.coach, p.caseId, releaseBody(p, { signedOn: undefined }))).status).toBe(400)
  })

  it('records a guardian\'s release "für" the coachee, and shows the employer only a release towards them', async () => {
    const byGuardian = await record(p.guardian, p.caseId, releaseBody(p, { releasorMemberId: p.guardian.memberId, evidence: 'inApp', signedOn: undefined, recipientKind: 'sbv', recipientName: 'SBV Frischmarkt' }))
    expect(byGuardian.status).toBe(201)
    expect(byGuardian.body.release).toMatchObject({ releasorName: 'Renate Peters', onBehalfOfName: 'Jonas Peters' })
    const towardsEmployer = await record(p.coach, p.caseId, releaseBody(p, { recipientKind: 'employer', recipientName: 'Petra Lange, Frischmarkt Nord', recipientMemberId: p.employer.memberId }))
    expect(towardsEmployer.status).toBe(201)
    expect((await record(p.coach, p.caseId, releaseBody(p, { recipientMemberId: 'x'.repeat(22) }))).body).toMatchObject({ error: { reason: 'participantNotMember' } })

    expect(await list(p.coach, p.caseId)).toHaveLength(3)
    expect(await list(p.coachee, p.caseId)).toHaveLength(3)
    expect(await list(p.guardian, p.caseId)).toHaveLength(3)
    expect((await list(p.employer, p.caseId)).map((release) => release.id)).toEqual([towardsEmployer.body.release.id])
  })

  it('lets the coachee revoke, keeps the employer out, and writes every change to the audit log without the purpose', async () => {
    const [doctorRelease] = (await list(p.coachee, p.caseId)).filter((release) => release.recipientName === doctor && release.recipientMemberId === null && release.onBehalfOfName === null)
    expect(doctorRelease).toBeDefined()
    const id = doctorRelease?.id ?? ''
    // The employer cannot tell whether a release they do not see exists.
    expect((await p.employer.client.request('DELETE', `/api/cases/${p.caseId}/releases/${id}`)).status).toBe(404)
    const revoked = await p.coachee.client.request<{ release: Release }>('DELETE', `/api/cases/${p.caseId}/releases/${id}`)
    expect(revoked.status).toBe(200)
    expect(revoked.body.release).toMatchObject({ active: false, endedBy: 'revoked', revokedByName: 'Jonas Peters' })
    expect((await p.coachee.client.request('DELETE', `/api/cases/${p.caseId}/releases/${id}`)).status).toBe(409)

    const audit = await p.coach.client.request<{ events: Array<{ type: string; details: Record<string, unknown> }> }>('GET', `/api/cases/${p.caseId}/audit`)
    const types = audit.body.events.map((event) => event.type)
    expect(types.filter((type) => type === 'releaseRecorded')).toHaveLength(3)
    expect(types).toContain('releaseRevoked')
    expect(JSON.stringify(audit.body.events)).not.toContain(purpose)
  })

  it('puts the releases into the coachee\'s export and keeps names and purpose sealed at rest', async () => {
    const exported = await p.coachee.client.request<{ releases: Release[] }>('GET', `/api/cases/${p.caseId}/export?memberId=${p.coachee.memberId}`)
    expect(exported.status).toBe(200)
    expect(exported.body.releases.map((release) => release.purpose)).toContain(purpose)
    for (const file of await readdir(relay.dataDir)) {
      expect((await readFile(join(relay.dataDir, file))).includes(Buffer.from(doctor)), file).toBe(false)
    }
  })

  it('lets the guardian agree to the plan and grant consent for the coachee', async () => {
    const agreed = await p.guardian.client.request<{ agreement: { role: string; onBehalfOfName: string | null } }>('POST', `/api/cases/${p.caseId}/agreements`, {})
    expect(agreed.status).toBe(201)
    expect(agreed.body.agreement).toMatchObject({ role: 'guardian', onBehalfOfName: 'Jonas Peters' })
    expect((await p.employer.client.request('POST', `/api/cases/${p.caseId}/agreements`, {})).status).toBe(201)
    // The guardian's agreement stands in for the coachee's: the plan is agreed.
    expect((await p.coach.client.request<AgreementsReply>('GET', `/api/cases/${p.caseId}/agreements`)).body.complete).toBe(true)

    const granted = await p.guardian.client.request<{ grant: ConsentGrant }>('POST', `/api/cases/${p.caseId}/consents`, {
      field: 'healthRestrictions',
      memberId: p.employer.memberId,
      purpose: 'Keine Frühschicht vor 8 Uhr',
      evidence: 'inApp',
    })
    expect(granted.status).toBe(201)
    expect(granted.body.grant).toMatchObject({ grantedByName: 'Renate Peters', onBehalfOfName: 'Jonas Peters' })
    const revoked = await p.guardian.client.request<{ grant: ConsentGrant }>('DELETE', `/api/cases/${p.caseId}/consents/${granted.body.grant.id}`)
    expect(revoked.body.grant).toMatchObject({ active: false, endedBy: 'revoked' })
    // A guardian does not read the coachee's confidential words themselves.
    const detail = await p.guardian.client.request<{ case: { rooms: Record<string, unknown> } }>('GET', `/api/cases/${p.caseId}`)
    expect(JSON.stringify(detail.body.case.rooms)).not.toMatch(/"confidential[^"]*":\s*"(read|write)"/)
  })

  it('lets the coachee give their own release in the app (towards someone outside Fallbuch), in their own case only and as themselves', async () => {
    const own = { evidence: 'inApp', signedOn: undefined, recipientKind: 'therapist', recipientName: 'Herr Ohlsen, Ergotherapie (nicht in Fallbuch)' }
    const given = await record(p.coachee, p.caseId, releaseBody(p, own))
    expect(given.status).toBe(201)
    expect(given.body.release).toMatchObject({ releasorName: 'Jonas Peters', recordedByName: 'Jonas Peters', evidence: 'inApp', signedOn: null, onBehalfOfName: null, active: true })
    // Another case's coachee: not a member here (404), and not the releasor of this case's coachee either.
    const other = await casePeople(p.coach)
    expect((await record(other.coachee, p.caseId, releaseBody(p, { ...own, releasorMemberId: other.coachee.memberId }))).status).toBe(404)
    expect((await record(other.coachee, other.caseId, releaseBody(p, own))).status).toBe(403)
    // The guardian gives theirs as themselves, not in the coachee's name.
    expect((await record(p.guardian, p.caseId, releaseBody(p, own))).status).toBe(403)
    expect((await record(other.coachee, other.caseId, releaseBody(other, own))).status).toBe(201)
  })

  it('erases the releases with the case', async () => {
    expect((await p.coach.client.request('DELETE', `/api/cases/${p.caseId}`)).status).toBe(204)
    expect((await p.coach.client.request('GET', `/api/cases/${p.caseId}/releases`)).status).toBe(404)
  })
})
