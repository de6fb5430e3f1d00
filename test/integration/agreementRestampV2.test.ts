/**
 * Issue 16: plan schema v3 reshaped participants (a free-text role became a
 * function and a role from a list), which changed the agreed-content hash of
 * every plan with participants. An agreement given on v2 content still
 * counts after the migration when what was agreed did not change (the
 * one-time data move re-stamps it, audited as the system); an agreement to
 * content that changed since stays as it was. The room is still stored as
 * v2 when the move runs: the relay migrates it on load, to the same content.
 */
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { goalText, planGoals, planMeta, PlanSchemaVersion } from '../../shared/src/caseDocument/plan.js'
import { planContentHashInput } from '../../shared/src/caseDocument/planContent.js'
import { restampPlanV2Agreements } from '../../server/src/storage/migrations/restampLegacyAgreements.js'
import { postgresMigrations } from '../../server/src/storage/postgres/migrations.js'
import { migrations as sqliteMigrations } from '../../server/src/storage/sqlite/migrations.js'
import { agreementStatus } from '../../client/src/agreements/agreementStatus.js'
import type { AgreementsReply } from '../../shared/src/api/agreements.js'
import type { CaseReply } from '../../shared/src/api/cases.js'
import { createCase, inviteAndAccept, login, setupAdmin } from '../helpers/apiClient.js'
import { v2AgreedHashInput, writePlanV2 } from '../helpers/planV2.js'
import { databaseUrl, needsPostgres, testSchema } from '../helpers/scaleOut.js'
import { startRelay } from '../helpers/startRelay.js'
import { postgresData, sqliteData, type StoredData } from './support/restampData.js'
import { connectProvider } from './support/syncClients.js'

const sha256 = (input: string): string => createHash('sha256').update(input).digest('hex')

async function restampScenario(data: StoredData): Promise<void> {
  let relay = await startRelay(data.relayOptions)
  const admin = await setupAdmin(relay)
  const { id: caseId } = await createCase(admin)
  const coachee = await inviteAndAccept(admin, caseId, 'coachee')
  const employer = await inviteAndAccept(admin, caseId, 'employer')
  await relay.stop()

  // The v2 log: the plan the employer agreed to, a corrected goal the coachee agreed to, then a phase closed.
  const room = `cases/${caseId}/plan`
  const doc = new Y.Doc()
  const rows: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => rows.push(update))
  writePlanV2(doc, { measurable: '10 Aufträge', memberId: employer.memberId })
  const employerHash = sha256(v2AgreedHashInput(doc))
  const measurable = goalText(planGoals(doc).get(0), 'measurable')
  measurable?.delete(0, measurable.length)
  measurable?.insert(0, '20 Aufträge am Tag')
  const coacheeHash = sha256(v2AgreedHashInput(doc))
  planMeta(doc).set('currentPhase', 'intervention')
  await data.replacePlanLog(relay.dataDir, room, rows)
  await data.insertAgreement(relay.dataDir, ['v2-employer', caseId, employer.user.id, 'employer', employerHash, '2026-10-01T08:00:00.000Z'])
  await data.insertAgreement(relay.dataDir, ['v2-coachee', caseId, coachee.user.id, 'coachee', coacheeHash, '2026-10-02T08:00:00.000Z'])

  await data.runMove(relay.dataDir, restampPlanV2Agreements)
  // Idempotent: a second run (a crash before the step was recorded) changes nothing.
  await data.runMove(relay.dataDir, restampPlanV2Agreements)

  relay = await relay.restart()
  const coach = await login(relay, admin.user.email, admin.password)
  const plan = await connectProvider(relay.wsUrl, room, coach.client.cookie)
  expect(planMeta(plan.doc).get('schemaVersion')).toBe(PlanSchemaVersion)
  // The hash every client computes of the plan it shows (v3 now).
  const liveHash = sha256(planContentHashInput(plan.doc))
  expect(liveHash).not.toBe(coacheeHash)
  const listed = (await coach.client.request<AgreementsReply>('GET', `/api/cases/${caseId}/agreements`)).body
  expect(listed.currentPlanHash).toBe(liveHash)
  const detail = (await coach.client.request<CaseReply>('GET', `/api/cases/${caseId}`)).body.case
  const status = agreementStatus(listed.agreements, detail.members, liveHash)
  // The coachee's agreement counts for the content they agreed to; the employer's was to a goal changed since.
  expect(status.agreedToCurrent.map((member) => member.userId)).toEqual([coachee.user.id])
  expect(status.changedSinceAgreed.map((member) => member.userId)).toEqual([employer.user.id])
  expect(listed.agreements.find((agreement) => agreement.id === 'v2-employer')?.planHash).toBe(employerHash)

  const audit = (await coach.client.request('GET', `/api/cases/${caseId}/audit`)).body.events as Array<{ type: string; actorId: string | null; details: Record<string, unknown> }>
  expect(audit.filter((event) => event.type === 'agreementRestamped')).toEqual([
    expect.objectContaining({ actorId: null, details: { agreementId: 'v2-coachee', planHash: liveHash, previousPlanHash: coacheeHash } }),
  ])
  expect(await data.restampAudits(relay.dataDir)).toBe(1)
  plan.provider.destroy()
  await relay.stop()
}

describe('agreements given on plan v2 content', () => {
  it('are moved by a migration step of both backends', () => {
    expect(sqliteMigrations.filter((step) => step.move === restampPlanV2Agreements)).toHaveLength(1)
    expect(postgresMigrations.filter((step) => step.move === restampPlanV2Agreements)).toHaveLength(1)
  })

  it('still count after the v3 migration when the agreed content did not change; others stay (SQLite)', async () => {
    await restampScenario(sqliteData)
  })
})

describe.skipIf(databaseUrl === undefined)(`agreements given on plan v2 content on PostgreSQL${needsPostgres}`, () => {
  it('still count after the v3 migration when the agreed content did not change; others stay (PostgreSQL)', async () => {
    await restampScenario(postgresData(testSchema()))
  })
})
