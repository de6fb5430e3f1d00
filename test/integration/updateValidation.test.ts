/**
 * Contract §8.2 against the real relay: every update is judged on a scratch
 * copy by the room's schema and the writer's role before it is committed; a
 * refused one closes only its connection with 4400 'update refused' and is
 * stored nowhere. Also §8.1: concurrent typing in one plan field merges.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { MetaMapName } from '../../shared/src/caseDocument/common.js'
import { addGoal, addParticipant, emptyGoal, findGoalMap, planGoals, planMeta, planParticipants, PlanSchemaVersion, readPlan, setGoalField, setPlanMetaField } from '../../shared/src/caseDocument/plan.js'
import { UpdateRefused } from '../../shared/src/protocol/closeCodes.js'
import { createCase, createStaff, login, setupAdmin, type LoggedIn } from '../helpers/apiClient.js'
import { startRelay, type TestRelay } from '../helpers/startRelay.js'
import { until } from '../helpers/until.js'
import { connectProvider, connectRaw, metricValue, roundTrip, storedDoc, storedUpdates, syncFrame, SyncMessageType, type RawClient } from './support/syncClients.js'

let relay: TestRelay
let miriam: LoggedIn
let tobias: LoggedIn

beforeAll(async () => {
  relay = await startRelay()
  miriam = await setupAdmin(relay)
  tobias = await createStaff(miriam)
})

/** A case whose plan has one goal `g1`, written by a coach's provider and stored. */
async function caseWithGoal(): Promise<{ caseId: string; room: string }> {
  const kase = await createCase(miriam)
  const room = `cases/${kase.id}/plan`
  expect((await miriam.client.request('POST', `/api/cases/${kase.id}/members`, { userId: tobias.user.id, role: 'coach' })).status).toBe(201)
  const writer = await connectProvider(relay.wsUrl, room, miriam.client.cookie)
  addGoal(writer.doc, { ...emptyGoal('g1'), title: 'Kommissionieren' })
  await until(() => findGoalMap(storedDoc(relay.dataDir, room), 'g1') !== undefined, { message: 'the goal to be stored' })
  writer.provider.destroy()
  return { caseId: kase.id, room }
}

/** A raw writer synced with the room, and a replica of what it got. */
async function rawWriter(room: string, cookie: string): Promise<{ raw: RawClient; replica: Y.Doc }> {
  const raw = await connectRaw(relay.wsUrl, room, cookie)
  const replica = new Y.Doc()
  Y.applyUpdate(replica, await roundTrip(raw))
  return { raw, replica }
}

/** Sends what `edit` does to the replica as one update. */
function sendEdit(writer: { raw: RawClient; replica: Y.Doc }, edit: (doc: Y.Doc) => void): void {
  const before = Y.encodeStateVector(writer.replica)
  edit(writer.replica)
  writer.raw.send(syncFrame(SyncMessageType.Update, Y.encodeStateAsUpdate(writer.replica, before)))
}

describe('concurrent edits of one plan field', () => {
  it('two coaches typing into the same goal title at the same moment both keep their text', async () => {
    const { room } = await caseWithGoal()
    const a = await connectProvider(relay.wsUrl, room, miriam.client.cookie)
    const b = await connectProvider(relay.wsUrl, room, tobias.client.cookie)
    const titleOf = (doc: Y.Doc): Y.Text => findGoalMap(doc, 'g1')?.get('title') as Y.Text
    // Both type before either sees the other's keystrokes.
    titleOf(a.doc).insert(titleOf(a.doc).length, ' nach Liste')
    titleOf(b.doc).insert(0, 'Selbstständig ')
    const merged = (doc: Y.Doc): string => titleOf(doc).toString()
    await until(() => merged(a.doc) === merged(b.doc) && merged(a.doc).includes('nach Liste') && merged(a.doc).includes('Selbstständig'), {
      message: 'both edits in both editors',
    })
    expect(merged(a.doc)).toBe('Selbstständig Kommissionieren nach Liste')
    await until(() => merged(storedDoc(relay.dataDir, room)) === merged(a.doc), { message: 'the merged title to be stored' })
  })
})

describe('refused updates', () => {
  const refusedEdits: Array<[string, (doc: Y.Doc) => void]> = [
    ['a root the plan schema does not name', (doc) => doc.getText('notizen').insert(0, 'außerhalb des Schemas')],
    ['list content in the meta map (wrong root type)', () => undefined],
    ['a changed schemaVersion', (doc) => planMeta(doc).set('schemaVersion', 99)],
    ['a plain string where a Y.Text belongs (an older app)', (doc) => findGoalMap(doc, 'g1')?.set('title', 'alte App')],
    ['a goal status the schema does not know', (doc) => setGoalField(doc, 'g1', 'status', 'erledigt' as never)],
    ['a title over the length limit', (doc) => setPlanMetaField(doc, 'title', 'x'.repeat(201))],
    ['more goals than the limit', (doc) => doc.transact(() => Array.from({ length: 100 }, (_, i) => addGoal(doc, emptyGoal(`n${i}`))))],
  ]

  it.each(refusedEdits)('%s: closes only the writer with 4400 update refused, stores nothing, others keep syncing', async (what, edit) => {
    const { room } = await caseWithGoal()
    const observer = await connectProvider(relay.wsUrl, room, tobias.client.cookie)
    const storedBefore = storedUpdates(relay.dataDir, room)
    const refusedBefore = await metricValue(relay.url, 'fallbuch_refused_updates_total')

    const writer = await rawWriter(room, miriam.client.cookie)
    if (what.startsWith('list content')) {
      // A fresh document's own `meta` root, used as a list.
      const fresh = new Y.Doc()
      fresh.getArray(MetaMapName).push(['kein Map-Eintrag'])
      writer.raw.send(syncFrame(SyncMessageType.Update, Y.encodeStateAsUpdate(fresh)))
    } else {
      sendEdit(writer, edit)
    }
    expect(await writer.raw.closed).toEqual({ code: UpdateRefused.code, reason: UpdateRefused.reason })
    expect(await metricValue(relay.url, 'fallbuch_refused_updates_total')).toBe(refusedBefore + 1)
    expect(storedUpdates(relay.dataDir, room)).toEqual(storedBefore)

    // The other connection is unharmed: it still writes and receives.
    const other = await connectProvider(relay.wsUrl, room, miriam.client.cookie)
    setGoalField(other.doc, 'g1', 'status', 'achieved')
    await until(() => findGoalMap(observer.doc, 'g1')?.get('status') === 'achieved', { message: 'a later edit to reach the observer' })
    expect(observer.provider.wsconnected).toBe(true)
    const read = readPlan(observer.doc)
    expect(read.ok).toBe(true)
    expect(observer.doc.share.has('notizen')).toBe(false)
  })

  it('keeps nothing of refused updates across a restart of the relay', async () => {
    const { caseId, room } = await caseWithGoal()
    const writer = await rawWriter(room, miriam.client.cookie)
    sendEdit(writer, (doc) => planMeta(doc).set('schemaVersion', 99))
    expect((await writer.raw.closed).code).toBe(UpdateRefused.code)
    const second = await rawWriter(room, miriam.client.cookie)
    sendEdit(second, (doc) => findGoalMap(doc, 'g1')?.set('title', 'alte App'))
    expect((await second.raw.closed).reason).toBe(UpdateRefused.reason)

    relay = await relay.restart()
    miriam = await login(relay, miriam.user.email, miriam.password)
    const reader = await connectProvider(relay.wsUrl, `cases/${caseId}/plan`, miriam.client.cookie)
    const read = readPlan(reader.doc)
    expect(read.ok).toBe(true)
    expect(read.ok && read.value.meta.schemaVersion).toBe(PlanSchemaVersion)
    expect(read.ok && read.value.goals.map((goal) => goal.title)).toEqual(['Kommissionieren'])
  })

  it("an older app's stock provider writing a v1 shape is refused with 4400 'update refused'", async () => {
    const { room } = await caseWithGoal()
    const old = await connectProvider(relay.wsUrl, room, miriam.client.cookie)
    const closes: Array<{ code: number; reason: string }> = []
    old.provider.on('connection-close', (event: CloseEvent | null) => {
      if (event) {
        closes.push({ code: event.code, reason: event.reason })
      }
    })
    findGoalMap(old.doc, 'g1')?.set('title', 'so schrieb es die alte App')
    await until(() => closes.length > 0, { message: "the old app's connection to close" })
    expect(closes[0]).toEqual({ code: UpdateRefused.code, reason: UpdateRefused.reason })
    old.provider.destroy()
    const title = findGoalMap(storedDoc(relay.dataDir, room), 'g1')?.get('title')
    expect(title).toBeInstanceOf(Y.Text)
    expect(String(title)).toBe('Kommissionieren')
  })
})

describe("the employer's narrowed rights (employerCanEdit)", () => {
  it('edits goals, the approach, participants, employerName and workplace, but never the title, dates, hours budget or phase', async () => {
    const { caseId, room } = await caseWithGoal()
    const employer = await createStaff(miriam, { name: 'Sabine Keller' })
    expect((await miriam.client.request('POST', `/api/cases/${caseId}/members`, { userId: employer.user.id, role: 'employer' })).status).toBe(201)
    expect((await miriam.client.request('PATCH', `/api/cases/${caseId}`, { employerCanEdit: true })).status).toBe(200)
    const coach = await connectProvider(relay.wsUrl, room, miriam.client.cookie)

    const allowed = await rawWriter(room, employer.client.cookie)
    sendEdit(allowed, (doc) => {
      ;(findGoalMap(doc, 'g1')?.get('specific') as Y.Text).insert(0, 'Aufträge allein zusammenstellen')
      setGoalField(doc, 'g1', 'timeBound', '2026-06-30')
      addGoal(doc, { ...emptyGoal('g2'), title: 'Staplerschein' })
      addParticipant(doc, { id: 'p1', name: 'Herr Brandt', role: 'other', function: 'Vorarbeiter', organisation: 'Getränke Nord GmbH' })
      doc.getXmlFragment('approach').insert(0, [new Y.XmlText('Einarbeitung durch den Vorarbeiter')])
      setPlanMetaField(doc, 'employerName', 'Getränke Nord GmbH')
      setPlanMetaField(doc, 'workplace', 'Lager, Halle 2')
    })
    await until(() => planGoals(coach.doc).length === 2 && planParticipants(coach.doc).length === 1 && planMeta(coach.doc).get('workplace')?.toString() === 'Lager, Halle 2', {
      message: "the employer's allowed edits at the coach",
    })
    await roundTrip(allowed.raw)
    expect(allowed.raw.socket.readyState).toBe(allowed.raw.socket.OPEN)

    const forbidden: Array<[string, (doc: Y.Doc) => void]> = [
      ['title', (doc) => (planMeta(doc).get('title') as Y.Text).insert(0, 'Neu: ')],
      ['startDate', (doc) => setPlanMetaField(doc, 'startDate', '2026-04-01')],
      ['expectedEndDate', (doc) => setPlanMetaField(doc, 'expectedEndDate', '2026-12-31')],
      ['hoursBudget', (doc) => setPlanMetaField(doc, 'hoursBudget', 500)],
      ['currentPhase', (doc) => setPlanMetaField(doc, 'currentPhase', 'intervention')],
    ]
    for (const [field, edit] of forbidden) {
      const storedBefore = storedUpdates(relay.dataDir, room)
      const writer = await rawWriter(room, employer.client.cookie)
      sendEdit(writer, edit)
      expect(await writer.raw.closed, field).toEqual({ code: UpdateRefused.code, reason: UpdateRefused.reason })
      expect(storedUpdates(relay.dataDir, room), field).toEqual(storedBefore)
    }
    const stored = readPlan(storedDoc(relay.dataDir, room))
    expect(stored.ok && stored.value.meta).toMatchObject({ title: 'Kassenbereich Supermarkt', currentPhase: 'analysis', workplace: 'Lager, Halle 2' })
    expect(stored.ok && stored.value.meta.hoursBudget).toBeUndefined()
    expect(coach.provider.wsconnected).toBe(true)

    // A coach may change every one of them.
    setPlanMetaField(coach.doc, 'hoursBudget', 120)
    setPlanMetaField(coach.doc, 'currentPhase', 'selfIntegration')
    await until(() => storedDoc(relay.dataDir, room).getMap(MetaMapName).get('currentPhase') === 'selfIntegration', { message: "the coach's edits stored" })
  })
})
