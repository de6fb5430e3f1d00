/**
 * A case's own flow (issue 19 point 9, contract §8.3) against the real relay,
 * on SQLite and on PostgreSQL: a case follows the installation's
 * SERVICE_COUNTRY until a coach or an admin sets its flow; the agreements'
 * `complete` rule follows the case's flow (Swiss: the coaches agree too);
 * the employer and the coachee cannot change it; every change is in the
 * change log; the setting survives a restart.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { createCase, createStaff, inviteAndAccept, login, setupAdmin, type LoggedIn } from '../helpers/apiClient.js'
import { databaseUrl, needsPostgres, testSchema } from '../helpers/scaleOut.js'
import { startRelay, type RelayOverrides, type TestRelay } from '../helpers/startRelay.js'

interface Backend {
  name: string
  skip: boolean
  /** Relay options of this backend (a fresh PostgreSQL schema each time). */
  options(): RelayOverrides
}

const backends: Backend[] = [
  { name: 'SQLite', skip: false, options: () => ({}) },
  { name: `PostgreSQL${needsPostgres}`, skip: databaseUrl === undefined, options: () => ({ databaseUrl, databaseSchema: testSchema() }) },
]

describe.each(backends)('a case flow on $name', (backend) => {
  let relay: TestRelay
  let admin: LoggedIn
  let coach: LoggedIn
  let employer: LoggedIn
  let coachee: LoggedIn
  let caseId: string

  beforeAll(async () => {
    if (backend.skip) {
      return
    }
    relay = await startRelay(backend.options())
    admin = await setupAdmin(relay)
    // The coach is no admin: the policy's coach cell, not the admin flag, lets them.
    coach = await createStaff(admin)
    caseId = (await createCase(coach)).id
    employer = await inviteAndAccept(coach, caseId, 'employer')
    coachee = await inviteAndAccept(coach, caseId, 'coachee')
  })

  const flowOf = async (who: LoggedIn) => {
    const reply = await who.client.request<{ case: { flow: string; flowOverride: string | null } }>('GET', `/api/cases/${caseId}`)
    expect(reply.status).toBe(200)
    return { flow: reply.body.case.flow, flowOverride: reply.body.case.flowOverride }
  }
  const complete = async () => (await coach.client.request<{ complete: boolean }>('GET', `/api/cases/${caseId}/agreements`)).body.complete

  it.skipIf(backend.skip)('follows the installation (DE) until a coach sets the Swiss flow; then the coaches must agree too', async () => {
    expect(await flowOf(employer)).toEqual({ flow: 'de', flowOverride: null })
    expect((await employer.client.request('POST', `/api/cases/${caseId}/agreements`, {})).status).toBe(201)
    expect((await coachee.client.request('POST', `/api/cases/${caseId}/agreements`, {})).status).toBe(201)
    expect(await complete()).toBe(true)

    const set = await coach.client.request('PATCH', `/api/cases/${caseId}/flow`, { flow: 'ch' })
    expect(set.status).toBe(200)
    expect(set.body).toEqual({ flow: 'ch', flowOverride: 'ch' })
    expect(await flowOf(coachee)).toEqual({ flow: 'ch', flowOverride: 'ch' })
    expect(await complete()).toBe(false)
    expect((await coach.client.request('POST', `/api/cases/${caseId}/agreements`, {})).status).toBe(201)
    expect(await complete()).toBe(true)
  })

  it.skipIf(backend.skip)('cannot be changed by the employer or the coachee (403), by a stranger (404), or to an unknown flow (400)', async () => {
    expect((await employer.client.request('PATCH', `/api/cases/${caseId}/flow`, { flow: 'de' })).status).toBe(403)
    expect((await coachee.client.request('PATCH', `/api/cases/${caseId}/flow`, { flow: 'de' })).status).toBe(403)
    const stranger = await createStaff(admin)
    expect((await stranger.client.request('PATCH', `/api/cases/${caseId}/flow`, { flow: 'de' })).status).toBe(404)
    expect((await coach.client.request('PATCH', `/api/cases/${caseId}/flow`, { flow: 'fr' })).status).toBe(400)
    expect((await coach.client.request('PATCH', `/api/cases/${caseId}/flow`, { flow: 'de', extra: 1 })).status).toBe(400)
    expect(await flowOf(coach)).toEqual({ flow: 'ch', flowOverride: 'ch' })
  })

  it.skipIf(backend.skip)('is in the change log, survives a restart, and goes back to the installation default', async () => {
    const audit = await coach.client.request<{ events: Array<{ type: string; details: Record<string, unknown> }> }>('GET', `/api/cases/${caseId}/audit`)
    expect(audit.body.events.filter((event) => event.type === 'caseUpdated').map((event) => event.details)).toContainEqual({ flow: 'ch' })

    relay = await relay.restart()
    coach = await login(relay, coach.user.email, coach.password)
    expect(await flowOf(coach)).toEqual({ flow: 'ch', flowOverride: 'ch' })

    expect((await coach.client.request('PATCH', `/api/cases/${caseId}/flow`, { flow: null })).body).toEqual({ flow: 'de', flowOverride: null })
    // Back under the German flow, the employer's and the coachee's agreements are enough again.
    expect(await complete()).toBe(true)
  })
})

describe('a Swiss installation (SERVICE_COUNTRY=CH)', () => {
  let relay: TestRelay

  beforeAll(async () => {
    relay = await startRelay({ serviceCountry: 'CH', coacheeTerm: 'klient' })
  })

  it('tells the UI its country, coachee term and currency before login, starts cases in the Swiss flow, and lets an admin set a German one', async () => {
    const anonymous = await fetch(`${relay.url}/api/setup`)
    expect(await anonymous.json()).toEqual({ needsSetup: true, service: { country: 'CH', coacheeTerm: 'klient', currency: 'CHF' } })
    const admin = await setupAdmin(relay)
    const coach = await createStaff(admin)
    const kase = await createCase(coach)
    expect((await coach.client.request('GET', `/api/cases/${kase.id}`)).body.case).toMatchObject({ flow: 'ch', flowOverride: null })
    // An admin who is no member of the case may set its flow (as with its funding).
    expect((await admin.client.request('PATCH', `/api/cases/${kase.id}/flow`, { flow: 'de' })).body).toEqual({ flow: 'de', flowOverride: 'de' })
    expect((await coach.client.request('GET', `/api/cases/${kase.id}`)).body.case).toMatchObject({ flow: 'de', flowOverride: 'de' })
  })
})
