/**
 * Contract §8.3 and issue 14: agreements given before the agreed-content
 * hash carry the v1 hash of the whole plan. The one-time data move of the
 * storage migrations re-stamps those whose agreed content provably did not
 * change (a phase closed since counts as progress), audited as a system
 * change; an agreement to content that changed since stays as it was.
 */
import Database from 'better-sqlite3'
import { createHash } from 'node:crypto'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { planApproach, planGoals, planMeta, PlanSchemaVersion } from '../../shared/src/caseDocument/plan.js'
import { Keyring } from '../../server/src/crypto/Keyring.js'
import { createLogger } from '../../server/src/log.js'
import { AtRest } from '../../server/src/storage/AtRest.js'
import { KeystoreFileName, SqliteKeyStore } from '../../server/src/storage/sqlite/SqliteKeyStore.js'
import { restampLegacyAgreements } from '../../server/src/storage/migrations/restampLegacyAgreements.js'
import { postgresMigrations } from '../../server/src/storage/postgres/migrations.js'
import { openSqliteStorage } from '../../server/src/storage/sqlite/openSqliteStorage.js'
import { migrations as sqliteMigrations } from '../../server/src/storage/sqlite/migrations.js'
import { SqliteDatabase } from '../../server/src/storage/sqlite/SqliteDatabase.js'
import { createCase, inviteAndAccept, login, setupAdmin } from '../helpers/apiClient.js'
import { embeddedMasterKeys } from '../helpers/atRest.js'
import { startRelay } from '../helpers/startRelay.js'
import { execSql, querySql } from './support/database.js'
import { connectProvider } from './support/syncClients.js'

/** The v1 app's hash input (8b30908's planContent.ts), written out on its own: the whole plan, keys sorted. */
function v1PlanHash(doc: Y.Doc): string {
  const sorted = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(sorted)
      : value !== null && typeof value === 'object'
        ? Object.fromEntries(
            Object.entries(value as Record<string, unknown>)
              .filter(([, entry]) => entry !== undefined)
              .sort(([a], [b]) => (a < b ? -1 : 1))
              .map(([key, entry]) => [key, sorted(entry)]),
          )
        : value
  const maps = (array: Y.Array<unknown>): unknown[] => array.toArray().map((entry) => (entry instanceof Y.Map ? entry.toJSON() : null))
  const input = JSON.stringify(
    sorted({
      structured: { meta: planMeta(doc).toJSON(), goals: maps(doc.getArray('goals')), participants: maps(doc.getArray('participants')) },
      approach: planApproach(doc).toJSON(),
    }),
  )
  return createHash('sha256').update(input).digest('hex')
}

/** A plan as the v1 app stored it: every text a plain string; `measurable` as given. */
function v1Plan(doc: Y.Doc, measurable: string): void {
  doc.transact(() => {
    const meta = planMeta(doc)
    meta.set('schemaVersion', 1)
    meta.set('title', 'Lager Getränke Nord')
    meta.set('currentPhase', 'analysis')
    meta.set('hoursBudget', 60)
    const goal = new Y.Map<unknown>()
    for (const [key, value] of Object.entries({
      id: 'g1',
      title: 'Kommissionieren nach Liste',
      specific: 'allein',
      measurable,
      achievable: 'mit Scanner',
      relevant: 'Kernaufgabe',
      responsible: 'Frau Kaya',
      status: 'open',
    })) {
      goal.set(key, value)
    }
    planGoals(doc).push([goal])
  })
}

/** Runs the data move against a stopped relay's files, as the migration does at start. */
async function runMove(dataDir: string): Promise<void> {
  const keyring = new Keyring(embeddedMasterKeys(dataDir), SqliteKeyStore.open(join(dataDir, KeystoreFileName)))
  const db = new SqliteDatabase(new Database(join(dataDir, 'fallbuch.sqlite')))
  try {
    await restampLegacyAgreements({ db, atRest: new AtRest(keyring), logger: createLogger({ logLevel: 'silent' }), afterRewrite: async () => {} })
  } finally {
    await db.close()
    await keyring.close()
  }
}

/** Replaces a stopped relay's stored plan log (sealed as the relay stores it). */
async function replacePlanLog(dataDir: string, room: string, rows: readonly Uint8Array[]): Promise<void> {
  execSql(dataDir, 'DELETE FROM room_updates WHERE room = ?', room)
  const storage = await openSqliteStorage({ dataDir, synchronous: 'normal', logger: createLogger({ logLevel: 'silent' }), masterKeys: embeddedMasterKeys(dataDir) })
  try {
    await storage.appendUpdates(room, rows)
  } finally {
    await storage.close()
  }
}

describe('agreements from before the agreed-content hash', () => {
  it('are re-stamped once when what was agreed is unchanged (a phase closed since), audited as the system; others stay', async () => {
    // Both backends run the move as a migration step.
    expect(sqliteMigrations.filter((step) => step.move === restampLegacyAgreements)).toHaveLength(1)
    expect(postgresMigrations.filter((step) => step.move === restampLegacyAgreements)).toHaveLength(1)

    let relay = await startRelay()
    const admin = await setupAdmin(relay)
    const { id: caseId } = await createCase(admin)
    const coachee = await inviteAndAccept(admin, caseId, 'coachee')
    const employer = await inviteAndAccept(admin, caseId, 'employer')
    await relay.stop()

    // The v1 log: the plan the employer agreed to, a corrected goal the
    // coachee agreed to, then the first phase closed.
    const room = `cases/${caseId}/plan`
    const doc = new Y.Doc()
    const rows: Uint8Array[] = []
    doc.on('update', (update: Uint8Array) => rows.push(update))
    v1Plan(doc, '10 Aufträge')
    const employerHash = v1PlanHash(doc)
    planGoals(doc).get(0).set('measurable', '20 Aufträge am Tag')
    const coacheeHash = v1PlanHash(doc)
    planMeta(doc).set('currentPhase', 'selfIntegration')
    await replacePlanLog(relay.dataDir, room, rows)
    const insert = 'INSERT INTO agreements (id, case_id, user_id, role, plan_hash, at) VALUES (?, ?, ?, ?, ?, ?)'
    execSql(relay.dataDir, insert, 'legacy-employer', caseId, employer.user.id, 'employer', employerHash, '2026-10-01T08:00:00.000Z')
    execSql(relay.dataDir, insert, 'legacy-coachee', caseId, coachee.user.id, 'coachee', coacheeHash, '2026-10-02T08:00:00.000Z')

    await runMove(relay.dataDir)
    // Idempotent: a second run (a crash before the step was recorded) changes nothing.
    await runMove(relay.dataDir)

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
    expect(querySql<{ n: number }>(relay.dataDir, "SELECT COUNT(*) AS n FROM audit_events WHERE type = 'agreementRestamped'")[0]?.n).toBe(1)
    plan.provider.destroy()
  })
})
