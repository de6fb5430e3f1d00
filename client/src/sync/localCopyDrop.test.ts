// @vitest-environment jsdom
import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { AccessRevoked, MalformedMessage, UpdateRefused } from '../../../shared/src/protocol/closeCodes.js'
import { CaseRoom } from './CaseRoom.js'
import { FakeWebSocket } from '../testing/fakeWebSocket.js'
import { exportStorageKey } from './localRecovery.js'
import { dropLocalCopies, hadPendingChanges, isRoomRemembered, rememberRoom, roomDatabaseName, setPendingChanges } from './localData.js'

const caseId = 'caseAAAAAAAAAAAAAAAAAAAA'
const fieldRoom = `cases/${caseId}/confidential/healthRestrictions`
const user = { id: 'userPetraLangeAAAAAAA', name: 'Petra Lange' }

async function databaseNames(): Promise<string[]> {
  return (await indexedDB.databases()).flatMap((info) => (info.name === undefined ? [] : [info.name]))
}

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 2_000): Promise<void> {
  const start = Date.now()
  while (!(await condition())) {
    if (Date.now() - start > timeoutMs) {
      throw new Error('condition not met in time')
    }
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

function serverCloses(room: CaseRoom, code: number, reason: string): void {
  const socket = room.provider.ws as unknown as FakeWebSocket | null
  expect(socket).not.toBeNull()
  socket?.onclose?.({ code, reason })
}

async function deleteAll(): Promise<void> {
  for (const name of await databaseNames()) {
    await new Promise<void>((resolve) => {
      const request = indexedDB.deleteDatabase(name)
      request.onsuccess = () => resolve()
      request.onerror = () => resolve()
    })
  }
}

beforeEach(async () => {
  vi.stubGlobal('WebSocket', FakeWebSocket)
  localStorage.clear()
  await deleteAll()
})
afterEach(() => {
  vi.unstubAllGlobals()
})

describe('CaseRoom on 4403 (access revoked)', () => {
  it('deletes the room\'s IndexedDB database and stops storing', async () => {
    const room = new CaseRoom({ roomName: fieldRoom, access: 'read', user })
    await until(() => room.snapshot.facts.localLoaded)
    // Content arrives (as from the server) and is stored locally.
    const source = new Y.Doc()
    source.getXmlFragment('content').insert(0, [new Y.XmlText('keine Frühschichten vor 8 Uhr')])
    Y.applyUpdate(room.doc, Y.encodeStateAsUpdate(source), room.provider)
    expect(await databaseNames()).toContain(roomDatabaseName(user.id, fieldRoom))

    serverCloses(room, AccessRevoked.code, AccessRevoked.reason)
    expect(room.snapshot.closedReason).toBe('accessRevoked')
    expect(room.provider.shouldConnect).toBe(false)
    await room.localCopyDeleted
    expect(await databaseNames()).not.toContain(roomDatabaseName(user.id, fieldRoom))

    // A late change does not bring the database back.
    room.doc.getMap('meta').set('late', true)
    room.destroy()
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(await databaseNames()).not.toContain(roomDatabaseName(user.id, fieldRoom))
  })

  it('does not create the database again when 4403 arrives while the local copy is still being read', async () => {
    const room = new CaseRoom({ roomName: fieldRoom, access: 'read', user })
    serverCloses(room, AccessRevoked.code, AccessRevoked.reason)
    await room.localCopyDeleted
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(room.localCopy).toBeNull()
    expect(room.snapshot.facts.localLoaded).toBe(false)
    expect(await databaseNames()).not.toContain(roomDatabaseName(user.id, fieldRoom))
    room.destroy()
  })
})

describe('CaseRoom on 4400 "update refused" (contract §8.2)', () => {
  const planRoom = `cases/${caseId}/plan`

  it('stops resending, keeps what the device holds as an export copy, turns read-only and says so', async () => {
    const room = new CaseRoom({ roomName: planRoom, access: 'write', user })
    await until(() => room.snapshot.facts.localLoaded)
    room.doc.getMap('meta').set('schemaVersion', 99)
    serverCloses(room, UpdateRefused.code, UpdateRefused.reason)
    expect(room.provider.shouldConnect).toBe(false)
    expect(room.snapshot.localProblem).toBe('refused')
    expect(room.snapshot.writable).toBe(false)
    expect(room.writable).toBe(false)
    expect(localStorage.getItem(exportStorageKey(user.id, planRoom))).not.toBeNull()
    // The local copy stays (the user exports it, then reloads from the server).
    expect(await databaseNames()).toContain(roomDatabaseName(user.id, planRoom))
    room.destroy()
  })

  it('a malformed message (same code, other reason) is only reported; the provider reconnects', async () => {
    const room = new CaseRoom({ roomName: planRoom, access: 'write', user })
    await until(() => room.snapshot.facts.localLoaded)
    serverCloses(room, MalformedMessage.code, MalformedMessage.reason)
    expect(room.snapshot.localProblem).toBeNull()
    expect(room.snapshot.problem).toEqual({ code: 4400, reason: 'malformed message' })
    expect(room.snapshot.writable).toBe(true)
    room.destroy()
  })
})

describe('dropLocalCopies', () => {
  function createDatabase(name: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const request = indexedDB.open(name)
      request.onupgradeneeded = () => request.result.createObjectStore('updates', { autoIncrement: true })
      request.onsuccess = () => {
        request.result.close()
        resolve()
      }
      request.onerror = () => reject(request.error ?? new Error('open failed'))
    })
  }

  it('deletes the copies of rooms listed as unreadable and leaves every other room alone', async () => {
    const plan = `cases/${caseId}/plan`
    const diagnosis = `cases/${caseId}/confidential/diagnosis`
    await createDatabase(roomDatabaseName(user.id, fieldRoom))
    await createDatabase(roomDatabaseName(user.id, plan))
    rememberRoom(user.id, fieldRoom)
    setPendingChanges(user.id, fieldRoom, true)

    const dropped = await dropLocalCopies(user.id, [fieldRoom, diagnosis])

    expect(dropped).toEqual([fieldRoom])
    const names = await databaseNames()
    expect(names).not.toContain(roomDatabaseName(user.id, fieldRoom))
    expect(names).not.toContain(roomDatabaseName(user.id, diagnosis))
    expect(names).toContain(roomDatabaseName(user.id, plan))
    expect(isRoomRemembered(user.id, fieldRoom)).toBe(false)
    expect(hadPendingChanges(user.id, fieldRoom)).toBe(false)
  })
})
