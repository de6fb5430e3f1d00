/**
 * Steps of the Jobcoach pool (issue 20) that several suites go through: a
 * staff account applies for group 1, the office and the Integrationsamt
 * admit it: for the pool suite and those of reminders, invitations and
 * erasure.
 */
import { expect } from 'vitest'
import type { LoggedIn } from '../../helpers/apiClient.js'
import { databaseUrl, needsPostgres, queryPostgres, testSchema } from '../../helpers/scaleOut.js'
import type { RelayOverrides, TestRelay } from '../../helpers/startRelay.js'
import { querySql } from './database.js'

export const groupOneForm = {
  qualificationFields: ['social'],
  qualificationTitle: 'Sozialpädagogin (B.A.), Hochschule Hildesheim',
  trainingStatus: 'completed',
  trainingInstitution: 'bagub',
  trainingHours: 168,
  trainingExamPassed: true,
  experienceYears: 4,
  questionnaireDone: true,
}

/** Fills the form and the three evidence items of group 1 and submits; the application's id. */
export async function applyForGroupOne(coach: LoggedIn, postcodeAreas: string[] = ['301'], specialisations: string[] = []): Promise<string> {
  const saved = await coach.client.request('PATCH', '/api/pool/me', {
    form: groupOneForm,
    profile: { postcodeAreas, hoursFreePerWeek: 10, caseTypes: ['retention'], languages: ['de'], specialisations },
  })
  expect(saved.status).toBe(200)
  for (const kind of ['qualificationCertificate', 'jobcoachingTraining', 'questionnaire']) {
    expect((await coach.client.request('POST', '/api/pool/me/evidence', { kind, description: `Nachweis ${kind}` })).status).toBe(201)
  }
  expect((await coach.client.request('POST', '/api/pool/me/submit', {})).body.application.status).toBe('submitted')
  return saved.body.application.id
}

/** Confirms every item, classifies into group 1 and gives both approvals. */
export async function admit(office: LoggedIn, amt: LoggedIn, id: string): Promise<void> {
  const application = (await office.client.request('GET', `/api/pool/applications/${id}`)).body.application
  for (const item of application.evidence) {
    await office.client.request('POST', `/api/pool/applications/${id}/evidence/${item.id}/confirm`, { confirmed: true })
  }
  expect((await office.client.request('POST', `/api/pool/applications/${id}/classify`, { group: 'group1' })).status).toBe(200)
  await office.client.request('POST', `/api/pool/applications/${id}/approve`, { as: 'office' })
  const admitted = await amt.client.request('POST', `/api/pool/applications/${id}/approve`, { as: 'integrationsamt' })
  expect(admitted.body.application.status).toBe('admitted')
}

/** A backend of the pool suites: its relay settings and a way to read its tables directly. */
export interface PoolBackend {
  name: string
  skip: boolean
  overrides(): RelayOverrides
  query<T>(relay: TestRelay, sql: string, ...params: string[]): Promise<T[]>
}

/** SQLite, and PostgreSQL when DATABASE_URL is set (a schema of its own per suite). */
export function poolBackends(): PoolBackend[] {
  let schema = ''
  return [
    { name: 'SQLite', skip: false, overrides: () => ({}), query: async <T>(relay: TestRelay, sql: string, ...params: string[]) => querySql<T>(relay.dataDir, sql, ...params) },
    {
      name: `PostgreSQL${needsPostgres}`,
      skip: databaseUrl === undefined,
      overrides: () => {
        schema = testSchema()
        return { databaseUrl, databaseSchema: schema }
      },
      // PostgreSQL numbers its parameters.
      query: async <T>(_relay: TestRelay, sql: string, ...params: string[]) => {
        let n = 0
        return (await queryPostgres(schema, sql.replace(/\?/g, () => `$${++n}`), params)) as unknown as T[]
      },
    },
  ]
}
