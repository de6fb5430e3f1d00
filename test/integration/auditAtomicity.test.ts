/**
 * A change and its audit entry commit in one transaction (issue 15): with the
 * audit log refusing every insert, a consent revocation and a member removal
 * change nothing (the grant still opens the field, the member stays, no
 * socket closes); once the log takes entries again, each change and its
 * entries appear together.
 */
import Database from 'better-sqlite3'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { ConsentGrant } from '../../shared/src/api/consents.js'
import type { Member } from '../../shared/src/api/cases.js'
import { AccessRevoked } from '../../shared/src/protocol/closeCodes.js'
import { createCase, inviteAndAccept, setupAdmin, type LoggedIn } from '../helpers/apiClient.js'
import { startRelay, type TestRelay } from '../helpers/startRelay.js'
import { until } from '../helpers/until.js'
import { connectRaw, type RawClient } from './support/syncClients.js'

const field = 'diagnosis'

interface AuditEvent {
  type: string
  details: Record<string, unknown>
}

let relay: TestRelay
let coach: LoggedIn

beforeAll(async () => {
  relay = await startRelay()
  coach = await setupAdmin(relay)
})

/** Makes every insert into audit_events fail until the returned function is called (another connection to the relay's database). */
function breakAuditLog(): () => void {
  const db = new Database(join(relay.dataDir, 'fallbuch.sqlite'))
  db.exec("CREATE TRIGGER audit_down BEFORE INSERT ON audit_events BEGIN SELECT RAISE(ABORT, 'audit log unavailable'); END")
  return () => {
    db.exec('DROP TRIGGER audit_down')
    db.close()
  }
}

async function auditOf(caseId: string): Promise<AuditEvent[]> {
  return (await coach.client.request<{ events: AuditEvent[] }>('GET', `/api/cases/${caseId}/audit`)).body.events
}

async function grantsOf(caseId: string): Promise<ConsentGrant[]> {
  return (await coach.client.request<{ grants: ConsentGrant[] }>('GET', `/api/cases/${caseId}/consents`)).body.grants
}

async function membersOf(caseId: string): Promise<Member[]> {
  return (await coach.client.request<{ case: { members: Member[] } }>('GET', `/api/cases/${caseId}`)).body.case.members
}

/** A case whose employer reads `field` by the coachee's consent, with the employer's socket to the field's room open. */
async function caseWithReader(): Promise<{ caseId: string; employer: LoggedIn & { memberId: string }; coachee: LoggedIn; grantId: string; reader: RawClient }> {
  const caseId = (await createCase(coach)).id
  const employer = await inviteAndAccept(coach, caseId, 'employer')
  const coachee = await inviteAndAccept(coach, caseId, 'coachee')
  const granted = await coachee.client.request<{ grant: ConsentGrant }>('POST', `/api/cases/${caseId}/consents`, {
    field,
    memberId: employer.memberId,
    purpose: 'Arbeitsplatzanpassung',
    evidence: 'inApp',
  })
  expect(granted.status).toBe(201)
  const reader = await connectRaw(relay.wsUrl, `cases/${caseId}/confidential/${field}`, employer.client.cookie)
  // The upgrade writes roomOpened after attaching: wait for it before the log breaks.
  await until(async () => (await auditOf(caseId)).some((event) => event.type === 'roomOpened'), { message: 'roomOpened' })
  return { caseId, employer, coachee, grantId: granted.body.grant.id, reader }
}

/** Whether a socket is still open after the relay had time to close it. */
async function stillOpen(client: RawClient): Promise<boolean> {
  const closed = await Promise.race([client.closed.then(() => true), new Promise<false>((resolve) => setTimeout(() => resolve(false), 200))])
  return !closed
}

describe('a change and its audit entries commit in one transaction', () => {
  it('a consent revocation whose audit entry fails revokes nothing; with the log back, both appear', async () => {
    const { caseId, coachee, grantId, reader } = await caseWithReader()
    const repair = breakAuditLog()
    try {
      expect((await coachee.client.request('DELETE', `/api/cases/${caseId}/consents/${grantId}`)).status).toBe(500)
    } finally {
      repair()
    }
    expect((await grantsOf(caseId)).find((grant) => grant.id === grantId)).toMatchObject({ active: true, revokedAt: null })
    expect((await auditOf(caseId)).some((event) => event.type === 'consentRevoked')).toBe(false)
    expect(await stillOpen(reader)).toBe(true)

    expect((await coachee.client.request('DELETE', `/api/cases/${caseId}/consents/${grantId}`)).status).toBe(200)
    expect((await grantsOf(caseId)).find((grant) => grant.id === grantId)).toMatchObject({ active: false, endedBy: 'revoked' })
    expect((await auditOf(caseId)).filter((event) => event.type === 'consentRevoked').map((event) => event.details.grantId)).toEqual([grantId])
    expect((await reader.closed).code).toBe(AccessRevoked.code)
  })

  it("a member removal whose audit entries fail removes no one and keeps the member's grants; with the log back, all appear", async () => {
    const { caseId, employer, grantId, reader } = await caseWithReader()
    const repair = breakAuditLog()
    try {
      expect((await coach.client.request('DELETE', `/api/cases/${caseId}/members/${employer.memberId}`)).status).toBe(500)
    } finally {
      repair()
    }
    expect((await membersOf(caseId)).map((member) => member.id)).toContain(employer.memberId)
    expect((await grantsOf(caseId)).find((grant) => grant.id === grantId)).toMatchObject({ active: true })
    expect((await auditOf(caseId)).some((event) => event.type === 'memberRemoved' || event.type === 'consentRevoked')).toBe(false)
    expect(await stillOpen(reader)).toBe(true)

    expect((await coach.client.request('DELETE', `/api/cases/${caseId}/members/${employer.memberId}`)).status).toBe(204)
    expect((await membersOf(caseId)).map((member) => member.id)).not.toContain(employer.memberId)
    expect((await grantsOf(caseId)).find((grant) => grant.id === grantId)).toMatchObject({ active: false, endedBy: 'revoked' })
    const events = await auditOf(caseId)
    expect(events.find((event) => event.type === 'memberRemoved')?.details).toMatchObject({ memberId: employer.memberId, role: 'employer' })
    expect(events.find((event) => event.type === 'consentRevoked')?.details).toMatchObject({ grantId, memberId: employer.memberId, field })
    expect((await reader.closed).code).toBe(AccessRevoked.code)
  })
})
