/**
 * The job search (issue 19, A4/A5, B5) and the Swiss three-party agreement
 * (A6) against the real relay, on SQLite and on PostgreSQL: the log is
 * sealed at rest, written by the case's coaches, read by the coachee, never
 * by the case's employer (403) or another case's coach (404); the directory
 * is staff-only and holds no coachee data, past placements come from the
 * logs without the person; the person's export (JSON and readable page)
 * carries the log, the employer gets no export; the erasure of the case
 * takes the log along. Under the Swiss flow the plan's A6
 * parts are agreed content, and the agreement is complete only once
 * coachee, employer and coach agreed to them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setAgreementPart } from '../../shared/src/caseDocument/agreementParts.js'
import { createCase, createStaff, inviteAndAccept, setupAdmin, type LoggedIn } from '../helpers/apiClient.js'
import { databaseUrl, needsPostgres, queryPostgres, testSchema } from '../helpers/scaleOut.js'
import { startRelay, type RelayOverrides, type TestRelay } from '../helpers/startRelay.js'
import { until } from '../helpers/until.js'
import { querySql } from './support/database.js'
import { connectProvider } from './support/syncClients.js'

interface Backend {
  name: string
  skip: boolean
  overrides(): RelayOverrides
  /** Every stored row of a job-search table. */
  rows(relay: TestRelay, table: 'job_search_entries' | 'employer_directory'): Promise<Array<{ id: string; details: string }>>
}

let schema = ''
const backends: Backend[] = [
  {
    name: 'SQLite',
    skip: false,
    overrides: () => ({}),
    rows: async (relay, table) => querySql<{ id: string; details: string }>(relay.dataDir, `SELECT id, details FROM ${table}`),
  },
  {
    name: `PostgreSQL${needsPostgres}`,
    skip: databaseUrl === undefined,
    overrides: () => {
      schema = testSchema()
      return { databaseUrl, databaseSchema: schema }
    },
    rows: async (_relay, table) => queryPostgres<{ id: string; details: string }>(schema, `SELECT id, details FROM ${table}`),
  },
]

const application = {
  kind: 'application',
  employerName: '',
  position: 'Lagerhelfer',
  placementKind: 'trainingPlacement',
  date: '2026-04-02',
  status: 'sent',
  nextStep: 'Nachfassen per Telefon',
  interviewPreparation: 'Gespräch zweimal geübt',
}

describe.each(backends)('job search on $name', (backend) => {
  let relay: TestRelay
  let admin: LoggedIn
  let coach: LoggedIn

  beforeAll(async () => {
    if (backend.skip) {
      return
    }
    relay = await startRelay({ ...backend.overrides(), serviceCountry: 'CH' })
    admin = await setupAdmin(relay)
    coach = await createStaff(admin, { name: 'Miriam Roth' })
  })

  afterAll(async () => {
    await relay?.stop()
  })

  it.skipIf(backend.skip)('logs applications sealed at rest for the case\'s coaches and the coachee, never for its employer or another coach', async () => {
    const caseId = (await createCase(coach, 'Jonas Peters')).id
    const employerMember = await inviteAndAccept(coach, caseId, 'employer')
    const coachee = await inviteAndAccept(coach, caseId, 'coachee', { name: 'Jonas Peters', email: 'jonas.peters@example.org' })
    const directory = await coach.client.request('POST', '/api/employers', {
      name: 'Frischmarkt Nord',
      sector: 'Detailhandel',
      contacts: [{ name: 'Petra Lange', function: 'Filialleitung', phone: '044 123 45 67' }],
    })
    expect(directory.status).toBe(201)
    const employerId: string = directory.body.employer.id

    // A coach logs an application, picking the directory employer: its name is copied.
    const added = await coach.client.request('POST', `/api/cases/${caseId}/job-search`, { ...application, employerId })
    expect(added.status).toBe(201)
    expect(added.body.entry).toMatchObject({ employerId, employerName: 'Frischmarkt Nord', status: 'sent', createdByName: 'Miriam Roth' })
    const entryId: string = added.body.entry.id
    const other = await coach.client.request('POST', `/api/cases/${caseId}/job-search`, { ...application, employerName: 'Baumarkt Süd', position: 'Verkauf', placementKind: 'internship' })
    expect(other.status).toBe(201)
    expect((await coach.client.request('POST', `/api/cases/${caseId}/job-search`, { ...application, employerName: 'x', diagnosis: 'y' })).status).toBe(400)

    // Sealed at rest: neither employer, position nor preparation is readable in the table.
    const stored = JSON.stringify(await backend.rows(relay, 'job_search_entries'))
    for (const word of ['Frischmarkt', 'Baumarkt', 'Lagerhelfer', 'geübt']) {
      expect(stored).not.toContain(word)
    }
    expect(JSON.stringify(await backend.rows(relay, 'employer_directory'))).not.toContain('Petra Lange')

    // The coachee reads their own search, and may not write it.
    const read = await coachee.client.request('GET', `/api/cases/${caseId}/job-search`)
    expect(read.status).toBe(200)
    expect(read.body.mayWrite).toBe(false)
    expect(read.body.entries.map((entry: { employerName: string }) => entry.employerName).sort()).toEqual(['Baumarkt Süd', 'Frischmarkt Nord'])
    expect((await coachee.client.request('POST', `/api/cases/${caseId}/job-search`, application)).status).toBe(403)

    // The case's employer sees nothing of the search log's employers.
    const refused = await employerMember.client.request('GET', `/api/cases/${caseId}/job-search`)
    expect(refused.status).toBe(403)
    expect(refused.body.error.reason).toBe('jobSearchNotForEmployer')
    expect(JSON.stringify(refused.body)).not.toContain('Baumarkt')
    expect((await employerMember.client.request('PATCH', `/api/cases/${caseId}/job-search/${entryId}`, application)).status).toBe(403)

    // Another case's coach cannot tell the case exists.
    const stranger = await createStaff(admin, { name: 'Tobias Brandt' })
    expect((await stranger.client.request('GET', `/api/cases/${caseId}/job-search`)).status).toBe(404)
    expect((await stranger.client.request('PATCH', `/api/cases/${caseId}/job-search/${entryId}`, application)).status).toBe(404)

    // The placement reaches the directory as position, kind and year; nothing of the person.
    const placed = await coach.client.request('PATCH', `/api/cases/${caseId}/job-search/${entryId}`, { ...application, employerId, employerName: 'Frischmarkt Nord', status: 'placed' })
    expect(placed.status).toBe(200)
    const employers = await coach.client.request('GET', '/api/employers')
    expect(employers.body.employers).toHaveLength(1)
    expect(employers.body.employers[0].placements).toEqual([{ position: 'Lagerhelfer', placementKind: 'trainingPlacement', year: 2026 }])
    const directoryJson = JSON.stringify(employers.body)
    for (const coacheeData of ['Jonas', 'Peters', caseId, 'geübt', 'Nachfassen']) {
      expect(directoryJson).not.toContain(coacheeData)
    }

    // Audit entries name the entry, never its content.
    const audit = (await coach.client.request('GET', `/api/cases/${caseId}/audit`)).body.events as Array<{ type: string; details: Record<string, unknown> }>
    expect(audit.filter((event) => event.type === 'jobSearchEntryAdded')).toHaveLength(2)
    expect(audit.find((event) => event.type === 'jobSearchEntryChanged')?.details).toEqual({ entryId, status: 'placed' })
    expect(JSON.stringify(audit)).not.toContain('Frischmarkt')

    // The person's export carries their search.
    const exported = (await coachee.client.request('GET', `/api/cases/${caseId}/export?format=json`)).body
    expect(exported.jobSearch.map((entry: { employerName: string; status: string }) => [entry.employerName, entry.status]).sort()).toEqual([
      ['Baumarkt Süd', 'sent'],
      ['Frischmarkt Nord', 'placed'],
    ])
    // Its readable page too, in the Swiss words, under its own heading; a coach's export of the person carries it as well.
    const page = await coachee.client.request('GET', `/api/cases/${caseId}/export?format=html`)
    expect(page.status).toBe(200)
    const html = String(page.body)
    expect(html).toContain('<h2>Stellensuche: Bewerbungen und Kontakte</h2>')
    expect(html).toContain('Bewerbung: Frischmarkt Nord')
    expect(html).toContain('<dt>Stand</dt><dd>Zusage</dd>')
    expect(html).toContain('Gespräch zweimal geübt')
    const byCoach = String((await coach.client.request('GET', `/api/cases/${caseId}/export?format=html`)).body)
    expect(byCoach).toContain('Bewerbung: Baumarkt Süd')
    // The case's employer gets no export, so nothing of the log either.
    for (const format of ['json', 'html']) {
      const employerExport = await employerMember.client.request('GET', `/api/cases/${caseId}/export?format=${format}`)
      expect(employerExport.status).toBe(403)
      expect(JSON.stringify(employerExport.body)).not.toContain('Baumarkt')
    }

    // Erasure takes the log along; the directory keeps the employer and its anonymous placement.
    expect((await coach.client.request('DELETE', `/api/cases/${caseId}`)).status).toBe(204)
    const left = (await backend.rows(relay, 'job_search_entries')).map((row) => row.id)
    expect(left).not.toContain(entryId)
    expect((await coach.client.request('GET', '/api/employers')).body.employers[0].placements).toHaveLength(1)
  })

  it.skipIf(backend.skip)('keeps the directory to staff who take cases, and forgets a deleted entry', async () => {
    const caseId = (await createCase(coach)).id
    const employerMember = await inviteAndAccept(coach, caseId, 'employer')
    const coachee = await inviteAndAccept(coach, caseId, 'coachee')
    for (const refused of [employerMember, coachee]) {
      const list = await refused.client.request('GET', '/api/employers')
      expect(list.status).toBe(403)
      expect(list.body.error.reason).toBe('employersIntakeStaff')
      expect((await refused.client.request('POST', '/api/employers', { name: 'Eigener Betrieb' })).status).toBe(403)
    }
    expect((await coach.client.request('POST', '/api/employers', { name: 'X', placements: [{ position: 'Kasse', placementKind: 'permanent', year: 2025, personName: 'Jonas' }] })).status).toBe(400)
    const created = await coach.client.request('POST', '/api/employers', { name: 'Velo Werkstatt' })
    const id: string = created.body.employer.id
    const logged = await coach.client.request('POST', `/api/cases/${caseId}/job-search`, { ...application, employerId: id })
    expect(logged.body.entry.employerName).toBe('Velo Werkstatt')
    expect((await admin.client.request('DELETE', `/api/employers/${id}`)).status).toBe(204)
    expect((await coach.client.request('GET', '/api/employers')).body.employers.map((e: { id: string }) => e.id)).not.toContain(id)
    // The entry keeps the name it copied; its link is gone.
    const entry = (await coach.client.request('GET', `/api/cases/${caseId}/job-search`)).body.entries[0]
    expect(entry).toMatchObject({ employerName: 'Velo Werkstatt', employerId: null })
    expect((await coach.client.request('POST', `/api/cases/${caseId}/job-search`, { ...application, employerId: id })).body.error.reason).toBe('employerNotFound')
  })

  it.skipIf(backend.skip)('makes the A6 parts agreed content: complete under the Swiss flow once coachee, employer and coach agreed', async () => {
    const caseId = (await createCase(coach, 'Lager Velo Werkstatt')).id
    const employerMember = await inviteAndAccept(coach, caseId, 'employer')
    const coachee = await inviteAndAccept(coach, caseId, 'coachee')
    expect((await coach.client.request('GET', `/api/cases/${caseId}`)).body.case.flow).toBe('ch')
    const before = (await coach.client.request('GET', `/api/cases/${caseId}/agreements`)).body.currentPlanHash as string

    const plan = await connectProvider(relay.wsUrl, `cases/${caseId}/plan`, coach.client.cookie)
    await until(() => plan.provider.synced)
    setAgreementPart(plan.doc, 'employerCommitments', 'Keine Frühschicht vor 8 Uhr in den ersten drei Monaten')
    setAgreementPart(plan.doc, 'companyContact', 'Petra Lange, Filialleitung')
    setAgreementPart(plan.doc, 'pay', 'Branchenüblich, 80 % Pensum')
    setAgreementPart(plan.doc, 'colleagues', 'Das Team erfährt es im Teamgespräch; Diagnose bleibt vertraulich')
    setAgreementPart(plan.doc, 'coachContacts', 'Zwei Besuche pro Monat, Telefon nach Bedarf')
    await until(async () => (await coach.client.request('GET', `/api/cases/${caseId}/agreements`)).body.currentPlanHash !== before, { message: 'the parts change the plan hash' })

    const agreeAs = async (who: LoggedIn) => expect((await who.client.request('POST', `/api/cases/${caseId}/agreements`, {})).status).toBe(201)
    const complete = async () => (await coach.client.request('GET', `/api/cases/${caseId}/agreements`)).body.complete as boolean
    await agreeAs(coachee)
    await agreeAs(employerMember)
    expect(await complete()).toBe(false)
    await agreeAs(coach)
    expect(await complete()).toBe(true)

    // A changed part is a changed agreement.
    setAgreementPart(plan.doc, 'pay', 'Branchenüblich, 90 % Pensum')
    await until(async () => !(await complete()), { message: 'a changed part voids the agreement' })
    plan.provider.destroy()

    // The coachee's export carries the parts.
    const exported = (await coachee.client.request('GET', `/api/cases/${caseId}/export?format=json`)).body
    expect(exported.plan.agreementParts).toMatchObject({ pay: 'Branchenüblich, 90 % Pensum', companyContact: 'Petra Lange, Filialleitung' })
  })
})
