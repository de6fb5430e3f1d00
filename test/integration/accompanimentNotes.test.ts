/**
 * Issue 19 (points 7–8) against the real relay on SQLite: the crisis log,
 * the Standortgespräch schedule and the Austrittsformular live in the notes
 * room; what the app writes syncs between the tandem and is stored, and an
 * update that breaks their schema is refused with 4400 and stored nowhere,
 * while the other coach's connection keeps syncing (contract §8.2).
 */
import { beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addIncident, notesIncidents, readIncidents, readProgressInterval, setFollowUpDone, setProgressInterval } from '../../shared/src/caseDocument/accompaniment.js'
import { notesExitForm, readExitForm, setExitForm } from '../../shared/src/caseDocument/exitForm.js'
import { UpdateRefused } from '../../shared/src/protocol/closeCodes.js'
import { createCase, createStaff, setupAdmin, type LoggedIn } from '../helpers/apiClient.js'
import { startRelay, type TestRelay } from '../helpers/startRelay.js'
import { until } from '../helpers/until.js'
import { connectProvider, connectRaw, roundTrip, storedDoc, storedUpdates, syncFrame, SyncMessageType } from './support/syncClients.js'


let relay: TestRelay
let miriam: LoggedIn
let tobias: LoggedIn

beforeAll(async () => {
  relay = await startRelay()
  miriam = await setupAdmin(relay)
  tobias = await createStaff(miriam)
})

const incident = {
  id: 'i1',
  date: '2026-05-04',
  kind: 'jobAtRisk' as const,
  coachId: 'coach-1',
  description: 'Kündigung angedroht nach drei Verspätungen',
  reportedTo: 'IV-Stelle, am selben Tag',
  followUps: [{ id: 'f1', text: 'Gespräch mit dem Teamleiter', due: '2026-05-06', done: false }],
}

async function tandemCase(): Promise<string> {
  const kase = await createCase(miriam)
  expect((await miriam.client.request('POST', `/api/cases/${kase.id}/members`, { userId: tobias.user.id, role: 'coach' })).status).toBe(201)
  return `cases/${kase.id}/notes`
}

describe('accompaniment in the notes room', () => {
  it('syncs the crisis log, the schedule and the exit form between the tandem and stores them', async () => {
    const room = await tandemCase()
    const a = await connectProvider(relay.wsUrl, room, miriam.client.cookie)
    const b = await connectProvider(relay.wsUrl, room, tobias.client.cookie)
    await until(() => a.provider.synced && b.provider.synced, { message: 'both synced' })
    addIncident(a.doc, incident)
    setProgressInterval(a.doc, 4)
    setExitForm(a.doc, { reason: 'goalReached', followUps: ['rav', 'proInfirmis'], handover: 'Übergabe an das RAV' })
    await until(() => readIncidents(b.doc).length === 1 && readProgressInterval(b.doc) === 4 && readExitForm(b.doc).reason === 'goalReached', { message: 'the other coach to see it' })
    setFollowUpDone(b.doc, 'i1', 'f1', true)
    await until(() => readIncidents(storedDoc(relay.dataDir, room))[0]?.followUps[0]?.done === true, { message: 'the follow-up done to be stored' })
    expect(readExitForm(storedDoc(relay.dataDir, room)).followUps).toEqual(['rav', 'proInfirmis'])
    a.provider.destroy()
    b.provider.destroy()
  })

  const refused: Array<[string, (doc: Y.Doc) => void]> = [
    ['an incident description as a plain string', (doc) => notesIncidents(doc).get(0).set('description', 'alte App')],
    ['an incident of an unknown kind', (doc) => notesIncidents(doc).get(0).set('kind', 'panik')],
    ['an exit follow-up option the schema does not know', (doc) => notesExitForm(doc).set('followUps', ['rav', 'casino'])],
    ['a Standortgespräch interval of 0 weeks', (doc) => doc.getMap('progressSchedule').set('everyWeeks', 0)],
  ]

  it.each(refused)('%s: refused with 4400, stored nowhere, the other coach keeps syncing', async (_what, edit) => {
    const room = await tandemCase()
    const seed = await connectProvider(relay.wsUrl, room, miriam.client.cookie)
    addIncident(seed.doc, incident)
    await until(() => readIncidents(storedDoc(relay.dataDir, room)).length === 1, { message: 'the incident to be stored' })
    seed.provider.destroy()
    const observer = await connectProvider(relay.wsUrl, room, tobias.client.cookie)
    const storedBefore = storedUpdates(relay.dataDir, room)

    const raw = await connectRaw(relay.wsUrl, room, miriam.client.cookie)
    const replica = new Y.Doc()
    Y.applyUpdate(replica, await roundTrip(raw))
    const before = Y.encodeStateVector(replica)
    edit(replica)
    raw.send(syncFrame(SyncMessageType.Update, Y.encodeStateAsUpdate(replica, before)))
    expect(await raw.closed).toEqual({ code: UpdateRefused.code, reason: UpdateRefused.reason })
    expect(storedUpdates(relay.dataDir, room)).toEqual(storedBefore)

    const other = await connectProvider(relay.wsUrl, room, miriam.client.cookie)
    await until(() => other.provider.synced, { message: 'the second writer synced' })
    setFollowUpDone(other.doc, 'i1', 'f1', true)
    await until(() => readIncidents(observer.doc)[0]?.followUps[0]?.done === true, { message: 'a later edit to reach the observer' })
    expect(observer.provider.wsconnected).toBe(true)
    expect(readIncidents(observer.doc)[0]?.description).toBe(incident.description)
    expect(readIncidents(observer.doc)[0]?.kind).toBe('jobAtRisk')
    other.provider.destroy()
    observer.provider.destroy()
  })
})
