/**
 * Versions of plan and notes (contract §8.4) and agreements to the agreed
 * content (§8.3), against the real relay with stock y-websocket clients:
 * snapshots at agreements, phase closures and when editing settles, their
 * authors, reading, restoring (reaches open clients, repairs a broken
 * document), the access rules per role, and erasure with the case.
 */
import Database from 'better-sqlite3'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addGoal, emptyGoal, findGoalMap, planMeta, readPlan, setGoalField } from '../../shared/src/caseDocument/plan.js'
import { phaseNotes } from '../../shared/src/caseDocument/notes.js'
import { advancePhase } from '../../shared/src/process/closePhase.js'
import { createLogger } from '../../server/src/log.js'
import { openSqliteStorage } from '../../server/src/storage/sqlite/openSqliteStorage.js'
import { createCase, createStaff, inviteAndAccept, login, setupAdmin, type LoggedIn } from '../helpers/apiClient.js'
import { embeddedMasterKeys } from '../helpers/atRest.js'
import { startRelay, type TestRelay } from '../helpers/startRelay.js'
import { until } from '../helpers/until.js'
import { appendParagraph, connectProvider, storedDoc } from './support/syncClients.js'

interface Listed {
  id: string
  reason: string
  authors: Array<{ userId: string; name: string }>
  agreement: { userId: string } | null
}

async function versions(who: LoggedIn, caseId: string, doc: 'plan' | 'notes'): Promise<Listed[]> {
  const reply = await who.client.request('GET', `/api/cases/${caseId}/versions?doc=${doc}`)
  expect(reply.status).toBe(200)
  return reply.body.versions as Listed[]
}

function goalText(relay: TestRelay, caseId: string, goalId: string, key: string): unknown {
  return findGoalMap(storedDoc(relay.dataDir, `cases/${caseId}/plan`), goalId)?.get(key)?.toString()
}

describe('versions and agreements (settle after a minute)', () => {
  let relay: TestRelay
  let coach: LoggedIn
  let caseId: string
  let employer: LoggedIn
  let coachee: LoggedIn

  beforeAll(async () => {
    relay = await startRelay({ versionSettleMs: 60_000 })
    coach = await setupAdmin(relay)
    caseId = (await createCase(coach)).id
    employer = await inviteAndAccept(coach, caseId, 'employer')
    coachee = await inviteAndAccept(coach, caseId, 'coachee')
    // Providers are destroyed after each test (support/syncClients.ts): each test connects its own.
    const plan = (await connectProvider(relay.wsUrl, `cases/${caseId}/plan`, coach.client.cookie)).doc
    addGoal(plan, { ...emptyGoal('goal-1'), title: 'Kasse selbstständig bedienen', measurable: 'Drei Schichten ohne Hilfe' })
    await until(() => goalText(relay, caseId, 'goal-1', 'measurable') === 'Drei Schichten ohne Hilfe', { message: 'the goal to be stored' })
  })

  it('an agreement takes a plan version with who edited it; the agreement names the version', async () => {
    const agreed = await employer.client.request('POST', `/api/cases/${caseId}/agreements`, {})
    expect(agreed.status).toBe(201)
    const versionId = agreed.body.agreement.versionId as string
    expect(versionId).toEqual(expect.any(String))
    const listed = await versions(employer, caseId, 'plan')
    expect(listed[0]).toMatchObject({ id: versionId, reason: 'agreement', agreement: { userId: employer.user.id } })
    expect(listed[0]?.authors).toEqual([{ userId: coach.user.id, name: 'Miriam Roth' }])
    const list = (await coachee.client.request('GET', `/api/cases/${caseId}/agreements`)).body
    expect(list.agreements[0].versionId).toBe(versionId)

    const read = await coachee.client.request('GET', `/api/cases/${caseId}/versions/${versionId}?doc=plan`)
    expect(read.status).toBe(200)
    expect(read.body.version.content).toMatchObject({ doc: 'plan', readable: true })
    expect(read.body.version.content.plan.goals[0]).toMatchObject({ id: 'goal-1', measurable: 'Drei Schichten ohne Hilfe' })
  })

  it('is complete only once every employer and coachee agreed; a phase closure and a goal status change keep it', async () => {
    expect((await coach.client.request('POST', `/api/cases/${caseId}/agreements`, {})).status).toBe(201)
    let list = (await coach.client.request('GET', `/api/cases/${caseId}/agreements`)).body
    expect(list.complete).toBe(false)
    expect((await coachee.client.request('POST', `/api/cases/${caseId}/agreements`, {})).status).toBe(201)
    list = (await coach.client.request('GET', `/api/cases/${caseId}/agreements`)).body
    expect(list.complete).toBe(true)
    const agreedHash = list.currentPlanHash as string

    const plan = (await connectProvider(relay.wsUrl, `cases/${caseId}/plan`, coach.client.cookie)).doc
    const notes = (await connectProvider(relay.wsUrl, `cases/${caseId}/notes`, coach.client.cookie)).doc
    appendParagraph(phaseNotes(notes, 'analysis'), 'Analyse abgeschlossen.')
    setGoalField(plan, 'goal-1', 'status', 'achieved')
    expect(advancePhase(plan, 'analysis')).toBe('selfIntegration')
    await until(async () => (await versions(coach, caseId, 'plan')).some((version) => version.reason === 'phaseClosed'), { message: 'a plan version at the phase closure' })
    await until(async () => (await versions(coach, caseId, 'notes')).some((version) => version.reason === 'phaseClosed'), { message: 'a notes version at the phase closure' })
    list = (await employer.client.request('GET', `/api/cases/${caseId}/agreements`)).body
    expect(list.currentPlanHash).toBe(agreedHash)
    expect(list.complete).toBe(true)

    setGoalField(plan, 'goal-1', 'measurable', 'Vier Schichten ohne Hilfe')
    await until(() => goalText(relay, caseId, 'goal-1', 'measurable') === 'Vier Schichten ohne Hilfe', { message: 'the changed goal to be stored' })
    list = (await employer.client.request('GET', `/api/cases/${caseId}/agreements`)).body
    expect(list.complete).toBe(false)
  })

  it('restores a version as a new change that an open client receives, audited; progress stays', async () => {
    const [agreement] = (await versions(coach, caseId, 'plan')).filter((version) => version.reason === 'agreement').slice(-1)
    const watcher = (await connectProvider(relay.wsUrl, `cases/${caseId}/plan`, employer.client.cookie)).doc
    expect(findGoalMap(watcher, 'goal-1')?.get('measurable')?.toString()).toBe('Vier Schichten ohne Hilfe')
    const restored = await coach.client.request('POST', `/api/cases/${caseId}/versions/${agreement?.id}/restore?doc=plan`, {})
    expect(restored.status).toBe(200)
    expect(restored.body.version).toMatchObject({ reason: 'restored', content: { readable: true } })
    await until(() => findGoalMap(watcher, 'goal-1')?.get('measurable')?.toString() === 'Drei Schichten ohne Hilfe', {
      message: 'the open client to receive the restore',
    })
    const read = readPlan(watcher)
    expect(read.ok && read.value.meta.currentPhase).toBe('selfIntegration')
    expect(read.ok && read.value.goals[0]?.status).toBe('achieved')
    const audit = (await coach.client.request('GET', `/api/cases/${caseId}/audit`)).body.events as Array<{ type: string; details: Record<string, unknown> }>
    expect(audit.find((event) => event.type === 'versionRestored')?.details).toMatchObject({ doc: 'plan', versionId: agreement?.id })
    // Back to the content everyone agreed to: complete again.
    expect((await coachee.client.request('GET', `/api/cases/${caseId}/agreements`)).body.complete).toBe(true)
  })

  it('lets every plan reader list plan versions, only coaches the notes versions, only coaches restore', async () => {
    const [latest] = await versions(coach, caseId, 'plan')
    expect((await employer.client.request('GET', `/api/cases/${caseId}/versions?doc=notes`)).status).toBe(403)
    expect((await coachee.client.request('GET', `/api/cases/${caseId}/versions?doc=notes`)).status).toBe(403)
    const [notesVersion] = await versions(coach, caseId, 'notes')
    expect((await employer.client.request('GET', `/api/cases/${caseId}/versions/${notesVersion?.id}?doc=notes`)).status).toBe(403)
    expect((await coachee.client.request('POST', `/api/cases/${caseId}/versions/${latest?.id}/restore?doc=plan`, {})).status).toBe(403)
    expect((await coach.client.request('PATCH', `/api/cases/${caseId}`, { employerCanEdit: true })).status).toBe(200)
    expect((await employer.client.request('POST', `/api/cases/${caseId}/versions/${latest?.id}/restore?doc=plan`, {})).status).toBe(403)
    const stranger = await createStaff(coach)
    expect((await stranger.client.request('GET', `/api/cases/${caseId}/versions?doc=plan`)).status).toBe(404)
    expect((await coach.client.request('GET', `/api/cases/${caseId}/versions?doc=confidential`)).status).toBe(400)
    expect((await coach.client.request('GET', `/api/cases/${caseId}/versions/${notesVersion?.id}?doc=plan`)).status).toBe(404)
    const notesRead = await coach.client.request('GET', `/api/cases/${caseId}/versions/${notesVersion?.id}?doc=notes`)
    expect(notesRead.body.version.content.texts['phase:analysis']).toBe('Analyse abgeschlossen.')
  })
})

describe('versions when editing settles', () => {
  it('takes a settled version with every author, once', async () => {
    const relay = await startRelay({ versionSettleMs: 300 })
    const miriam = await setupAdmin(relay)
    const tobias = await createStaff(miriam)
    const caseId = (await createCase(miriam)).id
    await inviteAndAccept(miriam, caseId, 'coach', tobias)
    const a = (await connectProvider(relay.wsUrl, `cases/${caseId}/plan`, miriam.client.cookie)).doc
    const b = (await connectProvider(relay.wsUrl, `cases/${caseId}/plan`, tobias.client.cookie)).doc
    addGoal(a, { ...emptyGoal('g1'), title: 'Pausen einhalten' })
    await until(() => findGoalMap(b, 'g1') !== undefined, { message: 'the goal to reach the second coach' })
    setGoalField(b, 'g1', 'specific', 'Zwei Pausen pro Schicht')
    await until(async () => (await versions(miriam, caseId, 'plan')).some((version) => version.reason === 'settled'), { message: 'a settled version' })
    const [settled] = await versions(miriam, caseId, 'plan')
    expect(settled?.authors.map((author) => author.name).sort()).toEqual(['Miriam Roth', 'Tobias Brandt'])
    await new Promise((resolve) => setTimeout(resolve, 600))
    expect((await versions(miriam, caseId, 'plan')).length).toBe(1)
  })
})

describe('restoring a broken document', () => {
  it('repairs a plan whose schemaVersion was set to 99 before validation existed, and versions go with an erased case', async () => {
    let relay = await startRelay({ versionSettleMs: 60_000 })
    let coach = await setupAdmin(relay)
    const caseId = (await createCase(coach)).id
    const room = `cases/${caseId}/plan`
    const agreed = await coach.client.request('POST', `/api/cases/${caseId}/agreements`, {})
    const versionId = agreed.body.agreement.versionId as string
    await relay.stop()
    // What an employer's client could write before the relay validated updates.
    const storage = await openSqliteStorage({ dataDir: relay.dataDir, synchronous: 'normal', logger: createLogger({ logLevel: 'silent' }), masterKeys: embeddedMasterKeys(relay.dataDir) })
    const broken = storedDoc(relay.dataDir, room)
    const before = Y.encodeStateVector(broken)
    planMeta(broken).set('schemaVersion', 99)
    broken.getMap('garbage').set('x', 1)
    await storage.appendUpdates(room, [Y.encodeStateAsUpdate(broken, before)])
    await storage.close()
    relay = await relay.restart()
    coach = await login(relay, coach.user.email, coach.password)
    expect(readPlan(storedDoc(relay.dataDir, room)).ok).toBe(false)

    const open = (await connectProvider(relay.wsUrl, room, coach.client.cookie)).doc
    const restored = await coach.client.request('POST', `/api/cases/${caseId}/versions/${versionId}/restore?doc=plan`, {})
    expect(restored.status).toBe(200)
    expect(readPlan(storedDoc(relay.dataDir, room)).ok).toBe(true)
    await until(() => readPlan(open).ok, { message: 'the open client to read the repaired plan' })
    // The repaired plan takes edits again (the relay's update check accepts them).
    addGoal(open, { ...emptyGoal('after-repair'), title: 'Nach der Reparatur' })
    await until(() => findGoalMap(storedDoc(relay.dataDir, room), 'after-repair') !== undefined, { message: 'an edit after the repair to be stored', timeoutMs: 10_000 })

    expect((await coach.client.request('DELETE', `/api/cases/${caseId}`)).status).toBe(204)
    const db = new Database(join(relay.dataDir, 'fallbuch.sqlite'), { readonly: true })
    try {
      expect(db.prepare('SELECT COUNT(*) AS n FROM document_versions').get()).toEqual({ n: 0 })
    } finally {
      db.close()
    }
  })
})
