/**
 * The SQLite -> PostgreSQL migration command: an installation populated
 * through the API on SQLite is copied with `migrateToPostgres`, started on
 * PostgreSQL, and its people log in and find their case with the same
 * content.
 */
import { spawnSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { planMeta } from '../../shared/src/caseDocument/plan.js'
import { createCase, createStaff, inviteAndAccept, login, setupAdmin } from '../helpers/apiClient.js'
import { databaseUrl, needsPostgres, queryPostgres, testSchema } from '../helpers/scaleOut.js'
import { startRelay } from '../helpers/startRelay.js'
import { until } from '../helpers/until.js'
import { connectProvider, connectRaw, roundTrip } from './support/syncClients.js'

const root = join(dirname(fileURLToPath(import.meta.url)), '../..')

describe.skipIf(databaseUrl === undefined)(`migrating an embedded installation to PostgreSQL${needsPostgres}`, () => {
  it('carries accounts, the case, its members and its plan and notes over; people log in and the case opens with the same content', async () => {
    const embedded = await startRelay()
    const admin = await setupAdmin(embedded)
    const coach = await createStaff(admin, { name: 'Tobias Brandt', email: 'tobias.brandt@example.org' })
    const { id: caseId } = await createCase(coach, 'Kassenbereich Supermarkt')
    const employer = await inviteAndAccept(coach, caseId, 'employer')
    // The case's own flow (issue 19) is a column of the case row.
    expect((await coach.client.request('PATCH', `/api/cases/${caseId}/flow`, { flow: 'ch' })).status).toBe(200)
    const plan = await connectProvider(embedded.wsUrl, `cases/${caseId}/plan`, coach.client.cookie)
    const notes = await connectProvider(embedded.wsUrl, `cases/${caseId}/notes`, coach.client.cookie)
    plan.doc.transact(() => {
      planMeta(plan.doc).set('hoursBudget', 40)
      plan.doc.getXmlFragment('approach').insert(0, [new Y.XmlText('Schrittweise Einarbeitung an der Kasse.')])
    })
    notes.doc.getXmlFragment('phase:analysis').insert(0, [new Y.XmlText('Erstgespräch am Arbeitsplatz.')])
    for (const room of ['plan', 'notes']) {
      await roundTrip(await connectRaw(embedded.wsUrl, `cases/${caseId}/${room}`, coach.client.cookie))
    }
    const coachClientId = plan.doc.clientID
    const before = {
      plan: Y.encodeStateVector(plan.doc),
      approach: plan.doc.getXmlFragment('approach').toString(),
      analysis: notes.doc.getXmlFragment('phase:analysis').toString(),
      title: String(planMeta(plan.doc).get('title')),
    }
    plan.provider.destroy()
    notes.provider.destroy()
    await embedded.stop()

    const schema = testSchema()
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'server/src/migrateToPostgres.ts'], {
      cwd: root,
      env: { ...process.env, DATA_DIR: embedded.dataDir, DATABASE_URL: databaseUrl, DATABASE_SCHEMA: schema, LOG_LEVEL: 'warn' },
      encoding: 'utf8',
    })
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    expect(run.stdout).toMatch(/users: 3\n/)
    expect(run.stdout).toMatch(/members: 2\n/)
    // The client id bindings come along: the coach's id stays the coach's.
    expect(run.stdout).toMatch(/yjs_client_ids: [1-9]\d*\n/)
    const bound = await queryPostgres<{ user_id: string }>(schema, 'SELECT user_id FROM yjs_client_ids WHERE room = $1 AND client_id = $2', [
      `cases/${caseId}/plan`,
      coachClientId,
    ])
    expect(bound).toEqual([{ user_id: coach.user.id }])

    // The data keys came along wrapped by the embedded master key: the scaled-out relay uses that key.
    expect(run.stdout).toMatch(/data_keys: [1-9]\d*\n/)
    const scaled = await startRelay({ databaseUrl, databaseSchema: schema, masterKeyFile: join(embedded.dataDir, 'master.key') })
    expect(scaled.setupToken).toBeNull()
    const coachAgain = await login(scaled, 'tobias.brandt@example.org', 'tobias-passwort-1')
    const cases = await coachAgain.client.request('GET', '/api/cases')
    expect(cases.body.cases.map((c: { id: string; title: string }) => [c.id, c.title])).toEqual([[caseId, 'Kassenbereich Supermarkt']])
    const detailAgain = (await coachAgain.client.request('GET', `/api/cases/${caseId}`)).body.case
    expect(detailAgain).toMatchObject({ flow: 'ch', flowOverride: 'ch' })
    const members = detailAgain.members as Array<{ name: string; role: string }>
    expect(members.map((member) => member.role).sort()).toEqual(['coach', 'employer'])
    await login(scaled, employer.user.email, employer.password)

    const planAgain = await connectProvider(scaled.wsUrl, `cases/${caseId}/plan`, coachAgain.client.cookie)
    const notesAgain = await connectProvider(scaled.wsUrl, `cases/${caseId}/notes`, coachAgain.client.cookie)
    expect(planAgain.doc.getXmlFragment('approach').toString()).toBe(before.approach)
    expect(planMeta(planAgain.doc).get('hoursBudget')).toBe(40)
    expect(planMeta(planAgain.doc).get('title')).toBeInstanceOf(Y.Text)
    expect(String(planMeta(planAgain.doc).get('title'))).toBe(before.title)
    expect(notesAgain.doc.getXmlFragment('phase:analysis').toString()).toBe(before.analysis)
    expect(Y.encodeStateVector(planAgain.doc)).toEqual(before.plan)

    // The migrated installation keeps working: a new edit is stored.
    planAgain.doc.getXmlFragment('approach').insert(1, [new Y.XmlText(' Danach Lager.')])
    await until(async () => {
      const third = await connectProvider(scaled.wsUrl, `cases/${caseId}/plan`, coachAgain.client.cookie)
      return third.doc.getXmlFragment('approach').toString().includes('Danach Lager.')
    }, { message: 'the new edit to be served after the migration' })

    const second = spawnSync(process.execPath, ['--import', 'tsx', 'server/src/migrateToPostgres.ts'], {
      cwd: root,
      env: { ...process.env, DATA_DIR: embedded.dataDir, DATABASE_URL: databaseUrl, DATABASE_SCHEMA: schema, LOG_LEVEL: 'warn' },
      encoding: 'utf8',
    })
    expect(second.status).toBe(1)
    expect(second.stderr).toMatch(/already holds accounts/)
  })
})
