/**
 * Contract §8.3 and issue 14: agreements given before the agreed-content
 * hash carry the v1 hash of the whole plan. The one-time data move of the
 * storage migrations re-stamps those whose agreed content provably did not
 * change (a phase closed since counts as progress), audited as a system
 * change; an agreement to content that changed since stays as it was.
 */
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { planGoals, planMeta, PlanSchemaVersion } from '../../shared/src/caseDocument/plan.js'
import { restampLegacyAgreements } from '../../server/src/storage/migrations/restampLegacyAgreements.js'
import { postgresMigrations } from '../../server/src/storage/postgres/migrations.js'
import { migrations as sqliteMigrations } from '../../server/src/storage/sqlite/migrations.js'
import { createCase, inviteAndAccept, login, setupAdmin } from '../helpers/apiClient.js'
import { v1PlanHashInput, writePlanV1 } from '../helpers/planV1.js'
import { databaseUrl, needsPostgres, testSchema } from '../helpers/scaleOut.js'
import { startRelay } from '../helpers/startRelay.js'
import { postgresData, sqliteData, type StoredData } from './support/restampData.js'
import { connectProvider } from './support/syncClients.js'

/** The SHA-256 an agreement of the v1 app carries for the plan as it is. */
function v1PlanHash(doc: Y.Doc): string {
  return createHash('sha256').update(v1PlanHashInput(doc)).digest('hex')
}

/** The scenario on one backend: the employer's agreement to since-changed content stays, the coachee's is re-stamped once. */
async function restampScenario(data: StoredData): Promise<void> {
  let relay = await startRelay(data.relayOptions)
  const admin = await setupAdmin(relay)
  const { id: caseId } = await createCase(admin)
  const coachee = await inviteAndAccept(admin, caseId, 'coachee')
  const employer = await inviteAndAccept(admin, caseId, 'employer')
  await relay.stop()

  // The v1 log: the plan the employer agreed to, a corrected goal the
  // coachee agreed to, then a phase closed.
  const room = `cases/${caseId}/plan`
  const doc = new Y.Doc()
  const rows: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => rows.push(update))
  // Without participants: plan v3's migration reshapes them (role -> function), which changes the
  // agreed-content hash of every plan with participants; agreementRestampV2.test.ts covers those agreements.
  writePlanV1(doc, { measurable: '10 Aufträge', withoutParticipants: true })
  const employerHash = v1PlanHash(doc)
  planGoals(doc).get(0).set('measurable', '20 Aufträge am Tag')
  const coacheeHash = v1PlanHash(doc)
  planMeta(doc).set('currentPhase', 'intervention')
  await data.replacePlanLog(relay.dataDir, room, rows)
  await data.insertAgreement(relay.dataDir, ['legacy-employer', caseId, employer.user.id, 'employer', employerHash, '2026-10-01T08:00:00.000Z'])
  await data.insertAgreement(relay.dataDir, ['legacy-coachee', caseId, coachee.user.id, 'coachee', coacheeHash, '2026-10-02T08:00:00.000Z'])

  await data.runMove(relay.dataDir, restampLegacyAgreements)
  // Idempotent: a second run (a crash before the step was recorded) changes nothing.
  await data.runMove(relay.dataDir, restampLegacyAgreements)

  relay = await relay.restart()
  const coach = await login(relay, admin.user.email, admin.password)
  const plan = await connectProvider(relay.wsUrl, room, coach.client.cookie)
  expect(planMeta(plan.doc).get('schemaVersion')).toBe(PlanSchemaVersion)
  const listed = (await coach.client.request('GET', `/api/cases/${caseId}/agreements`)).body as {
    agreements: Array<{ id: string; planHash: string }>
    currentPlanHash: string
    complete: boolean
  }
  const hashOf = (id: string): string | undefined => listed.agreements.find((agreement) => agreement.id === id)?.planHash
  expect(hashOf('legacy-coachee')).toBe(listed.currentPlanHash)
  expect(hashOf('legacy-employer')).toBe(employerHash)
  // The employer agreed to a goal that has changed since: still asked once more.
  expect(listed.complete).toBe(false)

  const audit = (await coach.client.request('GET', `/api/cases/${caseId}/audit`)).body.events as Array<{
    type: string
    actorId: string | null
    details: Record<string, unknown>
  }>
  const restamps = audit.filter((event) => event.type === 'agreementRestamped')
  expect(restamps).toEqual([
    expect.objectContaining({ actorId: null, details: { agreementId: 'legacy-coachee', planHash: listed.currentPlanHash, previousPlanHash: coacheeHash } }),
  ])
  expect(await data.restampAudits(relay.dataDir)).toBe(1)
  plan.provider.destroy()
  await relay.stop()
}

describe('agreements from before the agreed-content hash', () => {
  it('are moved by a migration step of both backends', () => {
    expect(sqliteMigrations.filter((step) => step.move === restampLegacyAgreements)).toHaveLength(1)
    expect(postgresMigrations.filter((step) => step.move === restampLegacyAgreements)).toHaveLength(1)
  })

  it('are re-stamped once when what was agreed is unchanged (a phase closed since), audited as the system; others stay (SQLite)', async () => {
    await restampScenario(sqliteData)
  })
})

describe.skipIf(databaseUrl === undefined)(`agreements from before the agreed-content hash on PostgreSQL${needsPostgres}`, () => {
  it('are re-stamped once when what was agreed is unchanged, audited as the system; others stay (PostgreSQL)', async () => {
    await restampScenario(postgresData(testSchema()))
  })
})
