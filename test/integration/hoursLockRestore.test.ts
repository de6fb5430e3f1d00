/**
 * Restoring a notes version never changes a confirmed month (issue 18): on
 * SQLite and PostgreSQL, with the real relay, a coach restores a version
 * taken before the employer confirmed March; March's entries and its lock
 * stay exactly as confirmed while April goes back to the version.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import { addHoursEntry, notesHours, removeHoursEntry } from '../../shared/src/caseDocument/notes.js'
import { hoursLocks } from '../../shared/src/hoursProof/monthLock.js'
import { createCase, inviteAndAccept, setupAdmin, type LoggedIn } from '../helpers/apiClient.js'
import { databaseUrl, needsPostgres, testSchema } from '../helpers/scaleOut.js'
import { startRelay, type TestRelay } from '../helpers/startRelay.js'
import { until } from '../helpers/until.js'
import { connectProvider } from './support/syncClients.js'

const backends = [
  { name: 'SQLite', skip: false, start: () => startRelay({ versionSettleMs: 300 }) },
  {
    name: `PostgreSQL${needsPostgres}`,
    skip: databaseUrl === undefined,
    start: () => startRelay({ versionSettleMs: 300, databaseUrl, databaseSchema: testSchema() }),
  },
]

function hoursOf(doc: Y.Doc): Record<string, unknown>[] {
  return notesHours(doc)
    .toArray()
    .map((map) => map.toJSON())
}

function entryOf(doc: Y.Doc, id: string): Y.Map<unknown> {
  const found = notesHours(doc).toArray().find((map) => map.get('id') === id)
  if (found === undefined) {
    throw new Error(`no entry ${id}`)
  }
  return found
}

interface Listed {
  id: string
  reason: string
}

describe.each(backends)('restoring a notes version keeps confirmed months on $name', (backend) => {
  let relay: TestRelay
  let coach: LoggedIn
  let employer: LoggedIn
  let caseId: string

  beforeAll(async () => {
    if (backend.skip) {
      return
    }
    relay = await backend.start()
    coach = await setupAdmin(relay)
    caseId = (await createCase(coach)).id
    employer = await inviteAndAccept(coach, caseId, 'employer')
  })

  afterAll(async () => {
    await relay?.stop()
  })

  it.skipIf(backend.skip)('the month’s entries and its lock are unchanged, the other month is restored', async () => {
    const room = `cases/${caseId}/notes`
    const coachId = coach.user.id
    const listVersions = async (): Promise<Listed[]> => (await coach.client.request('GET', `/api/cases/${caseId}/versions?doc=notes`)).body.versions as Listed[]
    const { doc } = await connectProvider(relay.wsUrl, room, coach.client.cookie)
    addHoursEntry(doc, { id: 'march-1', date: '2026-03-03', hours: 1.5, activity: 'Besuch', coachId, category: 'atWorkplace' })
    addHoursEntry(doc, { id: 'march-2', date: '2026-03-10', hours: 0.5, activity: 'Telefonat', coachId, category: 'coordination' })
    addHoursEntry(doc, { id: 'april-1', date: '2026-04-02', hours: 2, activity: 'Anleitung', coachId, category: 'atWorkplace' })
    await until(async () => (await listVersions()).length === 1, { message: 'a settled notes version with the first entries' })
    const [older] = await listVersions()

    entryOf(doc, 'march-1').set('hours', 2)
    removeHoursEntry(doc, 'march-2')
    addHoursEntry(doc, { id: 'march-3', date: '2026-03-20', hours: 1, activity: 'Nachgespräch', coachId, category: 'coordination' })
    entryOf(doc, 'april-1').set('place', 'Lager')
    addHoursEntry(doc, { id: 'april-2', date: '2026-04-09', hours: 1, activity: 'Neu', coachId, category: 'coordination' })
    await until(async () => (await listVersions()).length === 2, { message: 'a settled notes version with the changes' })

    const proof = (await employer.client.request('GET', `/api/cases/${caseId}/hours-proof/2026-03`)).body
    expect(proof.entries.map((entry: { id: string }) => entry.id)).toEqual(['march-1', 'march-3'])
    expect((await employer.client.request('POST', `/api/cases/${caseId}/hours-proof/2026-03/confirm`, { entriesHash: proof.entriesHash })).status).toBe(200)
    await until(() => hoursLocks(doc).has('2026-03'), { message: 'the lock reaches the open client' })
    const marchBefore = hoursOf(doc).filter((entry) => String(entry.date).startsWith('2026-03'))
    const locksBefore = hoursLocks(doc).toJSON()

    const restored = await coach.client.request('POST', `/api/cases/${caseId}/versions/${older?.id}/restore?doc=notes`, {})
    expect(restored.status).toBe(200)
    await until(() => !hoursOf(doc).some((entry) => entry.id === 'april-2'), { message: 'the restore reaches the open client' })

    const fresh = (await connectProvider(relay.wsUrl, room, coach.client.cookie)).doc
    for (const seen of [doc, fresh]) {
      expect(hoursOf(seen).filter((entry) => String(entry.date).startsWith('2026-03'))).toEqual(marchBefore)
      expect(hoursLocks(seen).toJSON()).toEqual(locksBefore)
      expect(entryOf(seen, 'april-1').get('place')).toBeUndefined()
    }
    const after = (await employer.client.request('GET', `/api/cases/${caseId}/hours-proof/2026-03`)).body
    expect(after.entriesHash).toBe(proof.entriesHash)
    expect(after.confirmations).toMatchObject([{ role: 'employer', current: true }])
    expect(after.locked).toBe(true)
  })
})
