// @vitest-environment jsdom
import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { caseIdOfPath, readCaseCopiesEarly, takeEarlyRead, UnclaimedCloseMs } from './earlyLocalRead.js'
import { rememberRoom, roomDatabaseName } from './localData.js'
import { deleteDatabaseFully, loadLocalCopy } from './localRecovery.js'
import { openDatabase, readAll, UpdatesStore } from './roomDatabase.js'

let counter = 0
function freshCase(): { caseId: string; userId: string } {
  counter++
  return { caseId: `case${String(counter).padStart(18, 'E')}`, userId: `user${String(counter).padStart(18, 'F')}` }
}

/** A room database holding one update that writes `text` into the notes' first phase. */
async function storeNote(name: string, text: string): Promise<void> {
  const doc = new Y.Doc()
  doc.getText('phase:analysis').insert(0, text)
  const db = await openDatabase(name)
  const transaction = db.transaction([UpdatesStore], 'readwrite')
  transaction.objectStore(UpdatesStore).add(Y.encodeStateAsUpdate(doc))
  await new Promise<void>((resolve) => (transaction.oncomplete = () => resolve()))
  db.close()
}

/** A fresh case whose `kind` room has a local copy this device remembers, holding `text`. */
async function rememberedCopy(kind: 'notes' | 'plan', text: string): Promise<{ caseId: string; userId: string; name: string }> {
  const { caseId, userId } = freshCase()
  const name = roomDatabaseName(userId, `cases/${caseId}/${kind}`)
  await storeNote(name, text)
  rememberRoom(userId, `cases/${caseId}/${kind}`)
  return { caseId, userId, name }
}

async function databaseNames(): Promise<string[]> {
  return (await indexedDB.databases()).map((info) => info.name ?? '')
}

afterEach(() => {
  vi.useRealTimers()
  localStorage.clear()
})

describe('caseIdOfPath', () => {
  it('finds the case of a case screen, nothing elsewhere', () => {
    expect(caseIdOfPath('/cases/abc-DEF_123')).toBe('abc-DEF_123')
    expect(caseIdOfPath('/cases/abc/')).toBe('abc')
    expect(caseIdOfPath('/cases/abc/report/final')).toBeNull()
    expect(caseIdOfPath('/cases')).toBeNull()
    expect(caseIdOfPath('/settings')).toBeNull()
    expect(caseIdOfPath('/cases/%E0%A4%A')).toBeNull()
  })
})

describe('reading the local copies of the case in the address early', () => {
  it('hands the room the database and records read while the app started, once', async () => {
    const { caseId, userId, name } = await rememberedCopy('notes', 'Erstgespräch geführt.')
    readCaseCopiesEarly(`/cases/${caseId}`, userId)
    // The room applies what was read, and the keys it holds say so.
    const doc = new Y.Doc()
    const loaded = await loadLocalCopy(name, (update) => Y.applyUpdate(doc, update), { keepOpen: true })
    expect(loaded.problem).toBeNull()
    expect(doc.getText('phase:analysis').toString()).toBe('Erstgespräch geführt.')
    expect(loaded.keys).toHaveLength(1)
    // The database handed over is open and writable.
    const transaction = loaded.db!.transaction([UpdatesStore], 'readwrite')
    transaction.objectStore(UpdatesStore).add(new Uint8Array([0, 0]))
    await new Promise<void>((resolve) => (transaction.oncomplete = () => resolve()))
    expect((await readAll(loaded.db!)).keys).toHaveLength(2)
    loaded.db!.close()
    // Taken once: the next open reads the database itself.
    expect(await takeEarlyRead(name)).toBeNull()
  })

  it('reads only rooms this device remembers: no empty database for a room the user never had', async () => {
    const { caseId, userId } = freshCase()
    readCaseCopiesEarly(`/cases/${caseId}`, userId)
    readCaseCopiesEarly(`/cases/${caseId}`, null)
    expect(await takeEarlyRead(roomDatabaseName(userId, `cases/${caseId}/notes`))).toBeNull()
    expect((await databaseNames()).filter((name) => name.includes(caseId))).toEqual([])
  })

  it('never holds up a delete from another tab; the room then opens the database itself', async () => {
    const { caseId, userId, name } = await rememberedCopy('notes', 'vor dem Löschen')
    readCaseCopiesEarly(`/cases/${caseId}`, userId)
    await vi.waitFor(async () => expect(await databaseNames()).toContain(name))
    // deleteDatabaseFully waits while any connection stays open.
    await deleteDatabaseFully(name)
    const doc = new Y.Doc()
    const loaded = await loadLocalCopy(name, (update) => Y.applyUpdate(doc, update), { keepOpen: true })
    expect(loaded.problem).toBeNull()
    expect(doc.getText('phase:analysis').toString()).toBe('')
    loaded.db!.close()
  })

  it('forgets a read nobody took within its time: a room opened later reads afresh', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] })
    const { caseId, userId, name } = await rememberedCopy('plan', 'Plan')
    readCaseCopiesEarly(`/cases/${caseId}`, userId)
    vi.advanceTimersByTime(UnclaimedCloseMs)
    expect(await takeEarlyRead(name)).toBeNull()
    vi.useRealTimers()
    await storeNote(name, ' geändert')
    const doc = new Y.Doc()
    const loaded = await loadLocalCopy(name, (update) => Y.applyUpdate(doc, update))
    expect(loaded.applied).toBe(2)
  })
})
