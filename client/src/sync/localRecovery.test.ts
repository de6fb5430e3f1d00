// @vitest-environment jsdom
import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { caseRooms } from '../testing/caseRooms.js'
import { roomDatabaseName } from './localData.js'
import { exportFileName, exportStorageKey } from './localRecovery.js'

let counter = 0
function fresh(): { roomName: string; user: { id: string; name: string } } {
  counter++
  return { roomName: `cases/case${String(counter).padStart(20, 'A')}/notes`, user: { id: `user${String(counter).padStart(20, 'B')}`, name: 'Miriam Roth' } }
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result)
    req.onerror = () => reject(req.error)
  })
}

/** Writes a database the way y-indexeddb lays it out, holding the given values. */
async function writeStoredUpdates(name: string, values: unknown[]): Promise<void> {
  const open = indexedDB.open(name)
  open.onupgradeneeded = () => {
    open.result.createObjectStore('updates', { autoIncrement: true })
    open.result.createObjectStore('custom')
  }
  const db = await request(open)
  const transaction = db.transaction(['updates'], 'readwrite')
  for (const value of values) {
    transaction.objectStore('updates').add(value)
  }
  await new Promise<void>((resolve) => {
    transaction.oncomplete = () => resolve()
  })
  db.close()
}

async function databaseExists(name: string): Promise<boolean> {
  return (await indexedDB.databases()).some((info) => info.name === name)
}

function textUpdate(text: string): Uint8Array {
  const doc = new Y.Doc()
  doc.getText('t').insert(0, text)
  return Y.encodeStateAsUpdate(doc)
}

afterEach(() => {
  vi.restoreAllMocks()
})
const open = caseRooms()

describe('CaseRoom with an unusable local copy', () => {
  it('surfaces a stored update that throws as corrupt instead of loading forever, keeping what could be read', async () => {
    const { roomName, user } = fresh()
    await writeStoredUpdates(roomDatabaseName(user.id, roomName), [textUpdate('Erstgespräch geführt'), new TextEncoder().encode('garbage, not an update')])
    const room = open({ roomName, access: 'write', user })
    await vi.waitFor(() => expect(room.snapshot.localProblem).toBe('corrupt'))
    expect(room.snapshot.facts.localLoaded).toBe(false)
    expect(room.provider.shouldConnect).toBe(false)
    expect(room.doc.getText('t').toString()).toBe('Erstgespräch geführt')
  })

  it('treats a stored value that is not an update as corrupt', async () => {
    const { roomName, user } = fresh()
    await writeStoredUpdates(roomDatabaseName(user.id, roomName), ['kein Update'])
    const room = open({ roomName, access: 'write', user })
    await vi.waitFor(() => expect(room.snapshot.localProblem).toBe('corrupt'))
  })

  it('a database without y-indexeddb stores reads as schema', async () => {
    const { roomName, user } = fresh()
    const opened = indexedDB.open(roomDatabaseName(user.id, roomName), 3)
    opened.onupgradeneeded = () => opened.result.createObjectStore('old-layout')
    ;(await request(opened)).close()
    const room = open({ roomName, access: 'write', user })
    await vi.waitFor(() => expect(room.snapshot.localProblem).toBe('schema'))
  })

  it('loads a healthy copy as before and stores new changes', async () => {
    const { roomName, user } = fresh()
    await writeStoredUpdates(roomDatabaseName(user.id, roomName), [textUpdate('Bewerbung geschrieben')])
    const room = open({ roomName, access: 'write', user })
    await vi.waitFor(() => expect(room.snapshot.facts.localLoaded).toBe(true))
    expect(room.snapshot.localProblem).toBeNull()
    expect(room.doc.getText('t').toString()).toBe('Bewerbung geschrieben')
    room.doc.getText('t').insert(0, 'Neu: ')
    room.destroy()
    await new Promise((resolve) => setTimeout(resolve, 20))

    const again = open({ roomName, access: 'write', user })
    await vi.waitFor(() => expect(again.snapshot.facts.localLoaded).toBe(true))
    expect(again.doc.getText('t').toString()).toBe('Neu: Bewerbung geschrieben')
  })

  it('surfaces a QuotaExceededError while storing as full', async () => {
    const { roomName, user } = fresh()
    const room = open({ roomName, access: 'write', user })
    await vi.waitFor(() => expect(room.snapshot.facts.localLoaded).toBe(true))
    vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
    })
    const listener = vi.fn()
    room.subscribe(listener)
    room.doc.getText('t').insert(0, 'Geht nicht mehr auf das Gerät')
    // Writes are batched (LocalCopyStore): the failure shows once the batch is written.
    await vi.waitFor(() => expect(room.snapshot.localProblem).toBe('full'))
    expect(listener).toHaveBeenCalled()
  })

  it('recovery exports first, then deletes the database, then reopens; the reopened room starts from an empty copy', async () => {
    const { roomName, user } = fresh()
    const name = roomDatabaseName(user.id, roomName)
    await writeStoredUpdates(name, [textUpdate('Nur auf diesem Gerät'), new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8])])
    const steps: string[] = []
    let exported: Uint8Array | null = null
    let exportedName = ''
    const realDelete = indexedDB.deleteDatabase.bind(indexedDB)
    vi.spyOn(indexedDB, 'deleteDatabase').mockImplementation((dbName) => {
      steps.push(`delete ${dbName}`)
      return realDelete(dbName)
    })
    const room = open({
      roomName,
      access: 'write',
      user,
      download: (fileName, bytes) => {
        steps.push('export')
        exportedName = fileName
        exported = bytes
      },
      onReopen: () => steps.push('reopen'),
    })
    await vi.waitFor(() => expect(room.snapshot.localProblem).toBe('corrupt'))
    localStorage.setItem(`fallbuch:pending:${user.id}:${roomName}`, '1')

    await room.recoverFromServer()

    expect(steps).toEqual(['export', `delete ${name}`, 'reopen'])
    expect(exportedName).toBe(exportFileName(roomName))
    expect(exportedName).toMatch(/^Fallbuch-cases-case\w+-notes-lokale-Aenderungen-\d{4}-\d{2}-\d{2}\.yjs$/)
    const fromFile = new Y.Doc()
    Y.applyUpdate(fromFile, exported!)
    expect(fromFile.getText('t').toString()).toBe('Nur auf diesem Gerät')
    const kept = localStorage.getItem(exportStorageKey(user.id, roomName))
    expect(kept).not.toBeNull()
    const fromCopy = new Y.Doc()
    Y.applyUpdate(fromCopy, Uint8Array.from(atob(kept!), (c) => c.charCodeAt(0)))
    expect(fromCopy.getText('t').toString()).toBe('Nur auf diesem Gerät')
    expect(localStorage.getItem(`fallbuch:pending:${user.id}:${roomName}`)).toBeNull()
    expect(await databaseExists(name)).toBe(false)

    room.destroy()
    const reopened = open({ roomName, access: 'write', user })
    await vi.waitFor(() => expect(reopened.snapshot.facts.localLoaded).toBe(true))
    expect(reopened.snapshot.localProblem).toBeNull()
    expect(reopened.doc.getText('t').toString()).toBe('')
    // What the server then sends lands in the new, healthy copy.
    Y.applyUpdate(reopened.doc, textUpdate('Vom Server'), reopened.provider)
    expect(reopened.doc.getText('t').toString()).toBe('Vom Server')
  })

  it('the export button alone downloads without deleting anything', async () => {
    const { roomName, user } = fresh()
    const name = roomDatabaseName(user.id, roomName)
    const room = open({ roomName, access: 'write', user, download: vi.fn() })
    await vi.waitFor(() => expect(room.snapshot.facts.localLoaded).toBe(true))
    room.doc.getText('t').insert(0, 'x')
    room.downloadExport()
    expect(room.snapshot.localProblem).toBeNull()
    expect(await databaseExists(name)).toBe(true)
  })
})
