// @vitest-environment jsdom
import 'fake-indexeddb/auto'
import { IndexeddbPersistence } from 'y-indexeddb'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addHoursEntry, initNotesDoc } from '../../../shared/src/caseDocument/notes.js'
import { initPlanDoc, setPlanMetaField } from '../../../shared/src/caseDocument/plan.js'
import { rememberRoom, roomDatabaseName } from '../sync/localData.js'
import { readLocalSummary } from './localSummaries.js'
import { readSummaryCache, updateCachedCase } from './summaryStore.js'

const userId = 'userAAAAAAAAAAAAAAAAAAAA'

/** Stores a doc as the local copy of a room, the way CaseRoom leaves it. */
async function storeLocalCopy(roomName: string, doc: Y.Doc): Promise<void> {
  rememberRoom(userId, roomName)
  const target = new Y.Doc()
  const persistence = new IndexeddbPersistence(roomDatabaseName(userId, roomName), target)
  await persistence.whenSynced
  Y.applyUpdate(target, Y.encodeStateAsUpdate(doc))
  await new Promise((resolve) => setTimeout(resolve, 20))
  await persistence.destroy()
}

describe('readLocalSummary', () => {
  it('reads the summary from the IndexedDB copies of the plan and notes rooms', async () => {
    const caseId = 'caseAAAAAAAAAAAAAAAAAAAA'
    const plan = new Y.Doc()
    initPlanDoc(plan, { title: 'Lager Logistik' })
    setPlanMetaField(plan, 'currentPhase', 'selfIntegration')
    setPlanMetaField(plan, 'hoursBudget', 40)
    const notes = new Y.Doc()
    initNotesDoc(notes)
    addHoursEntry(notes, { id: 'h1', coachId: 'c1', date: '2026-03-05', hours: 3, activity: 'Analyse' })
    await storeLocalCopy(`cases/${caseId}/plan`, plan)
    await storeLocalCopy(`cases/${caseId}/notes`, notes)

    expect(await readLocalSummary(userId, caseId)).toEqual({
      title: 'Lager Logistik',
      phase: 'selfIntegration',
      hoursBudget: 40,
      hoursUsed: 3,
      meetings: [],
      notesRead: true,
    })
  })

  it('does not create a database for a case this device never had', async () => {
    const caseId = 'caseBBBBBBBBBBBBBBBBBBBB'
    expect(await readLocalSummary(userId, caseId)).toBeUndefined()
    const names = (await indexedDB.databases()).map((info) => info.name)
    expect(names).not.toContain(roomDatabaseName(userId, `cases/${caseId}/plan`))
  })
})

describe('summary cache', () => {
  it('keeps summaries and last sync times per user, and drops entries that do not validate', () => {
    updateCachedCase(userId, 'c1', { summary: null })
    updateCachedCase(userId, 'c1', { lastSyncedAt: '2026-07-01T09:57:00.000Z' })
    localStorage.setItem(
      `fallbuch:caseload:${userId}`,
      JSON.stringify({ ...JSON.parse(localStorage.getItem(`fallbuch:caseload:${userId}`) ?? '{}'), bad: { summary: { phase: 'nope' } } }),
    )
    expect(readSummaryCache(userId)).toEqual({ c1: { summary: null, lastSyncedAt: '2026-07-01T09:57:00.000Z' } })
    expect(readSummaryCache('someoneElse')).toEqual({})
  })
})
