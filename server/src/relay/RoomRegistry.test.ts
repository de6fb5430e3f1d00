import { pino } from 'pino'
import { describe, expect, it } from 'vitest'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import { parseRoomName, type RoomName } from '../../../shared/src/protocol/roomName.js'
import { gate } from '../../../test/helpers/gate.js'
import { Metrics } from '../metrics.js'
import type { RoomAppend, RoomAppendOutcome, RoomStorage } from '../storage/rooms/RoomStorage.js'
import { handleFrame } from './messageHandlers.js'
import { EmptyAwareness } from './messages.js'
import { OutgoingFrame } from './OutgoingFrame.js'
import type { Peer } from './Peer.js'
import { awarenessSweepState } from './room/awarenessSweep.js'
import { CompactionQueue } from './room/CompactionQueue.js'
import { GroupCommit } from './room/GroupCommit.js'
import type { RoomConnection } from './room/RoomConnection.js'
import { RoomRegistry } from './RoomRegistry.js'

const IdleMs = 30

/** A storage holding nothing: every room loads empty, every append commits. */
function emptyStorage(): RoomStorage & { bindClientIds(): Promise<number[]> } {
  let seq = 0
  const storage = {
    loadUpdates: () => Promise.resolve([]),
    appendToRooms: (appends: readonly RoomAppend[]): Promise<RoomAppendOutcome[]> =>
      Promise.resolve(appends.map(({ updates }) => ({ ok: true as const, result: { seqs: updates.map(() => (seq += 1)) } }))),
    compact: () => Promise.resolve(),
    replaceWithState: () => Promise.resolve(),
    bindClientIds: () => Promise.resolve([]),
  }
  return storage as unknown as RoomStorage & { bindClientIds(): Promise<number[]> }
}

function registry(storage = emptyStorage()): RoomRegistry {
  const logger = pino({ level: 'silent' })
  const metrics = new Metrics()
  return new RoomRegistry({
    room: { storage, groupCommit: new GroupCommit(storage), compactions: new CompactionQueue(logger), logger, metrics, compactAfterUpdates: 500, compactAfterBytes: 1_000_000 },
    metrics,
    roomIdleMs: IdleMs,
    migration: { storage, logger, metrics },
  })
}

function roomName(): RoomName {
  const parsed = parseRoomName(`cases/${crypto.randomUUID()}/confidential/diagnosis`)
  if (parsed === null) {
    throw new Error('bad room name')
  }
  return parsed
}

function connection(sent: Uint8Array[]): RoomConnection {
  return { userId: 'u1', send: (message) => sent.push(message instanceof OutgoingFrame ? message.message : message), awarenessIds: new Set(), close: () => undefined }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('RoomRegistry memory (issue 21)', () => {
  it('unloads a room after its last client left: gone from the registry, its document destroyed, no timer left', async () => {
    const rooms = registry()
    const room = await rooms.acquire(roomName())
    const other = await rooms.acquire(roomName())
    const writer = new Y.Doc()
    writer.getText('diagnosis').insert(0, 'Rückenbeschwerden')
    await room.submitUpdate(Y.encodeStateAsUpdate(writer), null)
    rooms.release(room)
    expect(rooms.idleTimerArmed).toBe(true)
    await sleep(IdleMs * 4)
    await room.settled()
    expect([...rooms.all()]).toEqual([other])
    expect(room.doc.isDestroyed).toBe(true)
    // The other room still has a client: nothing is armed for it.
    expect(rooms.idleTimerArmed).toBe(false)
    rooms.release(other)
    await sleep(IdleMs * 4)
    expect([...rooms.all()]).toEqual([])
    expect(rooms.idleTimerArmed).toBe(false)
  })

  it('keeps a room whose client came back within the idle period', async () => {
    const rooms = registry()
    const name = roomName()
    const room = await rooms.acquire(name)
    rooms.release(room)
    expect(await rooms.acquire(name)).toBe(room)
    await sleep(IdleMs * 4)
    expect([...rooms.all()]).toEqual([room])
    rooms.release(room)
    await sleep(IdleMs * 4)
    expect([...rooms.all()]).toEqual([])
  })

  it('makes no awareness for a room nobody sends awareness to, and drops it (and its timer) with the room', async () => {
    const rooms = registry()
    const room = await rooms.acquire(roomName())
    const sent: Uint8Array[] = []
    const reader = connection(sent)
    room.connections.add(reader)
    // An awareness query of a room without awareness is answered with no states, and makes none.
    handleFrame({ ...reader, room } as unknown as Peer, { type: 'query-awareness' })
    expect(sent).toEqual([EmptyAwareness])
    expect(room.hasAwareness).toBe(false)
    expect(room.awarenessClientIds()).toEqual([])
    expect(awarenessSweepState()).toEqual({ rooms: 0, timer: false })

    // A client's cursor makes it, and the one shared timer starts.
    const client = new awarenessProtocol.Awareness(new Y.Doc())
    client.setLocalState({ cursor: 1 })
    awarenessProtocol.applyAwarenessUpdate(room.awareness, awarenessProtocol.encodeAwarenessUpdate(client, [client.clientID]), reader)
    client.destroy()
    expect(room.hasAwareness).toBe(true)
    expect(room.awarenessClientIds()).toEqual([client.clientID])
    expect(awarenessSweepState()).toEqual({ rooms: 1, timer: true })

    room.removeConnection(reader)
    rooms.release(room)
    await sleep(IdleMs * 4)
    await room.settled()
    expect([...rooms.all()]).toEqual([])
    expect(room.hasAwareness).toBe(false)
    expect(awarenessSweepState()).toEqual({ rooms: 0, timer: false })
  })
})

describe('RoomRegistry shutdown', () => {
  it('waits in unloadAll for the compaction of a room unloaded before it, so none runs after the storage closed', async () => {
    const compaction = gate()
    const compacted: string[] = []
    const storage = emptyStorage()
    storage.replaceWithState = async (room: string) => {
      await compaction.opened
      compacted.push(room)
    }
    const rooms = registry(storage)
    const name = roomName()
    const room = await rooms.acquire(name)
    const writer = new Y.Doc()
    for (const word of ['Rückenbeschwerden', ', seit März']) {
      writer.getText('diagnosis').insert(writer.getText('diagnosis').length, word)
      await room.submitUpdate(Y.encodeStateAsUpdate(writer), null)
    }
    // The last client leaves: two rows, so its compaction is queued (and held at the gate); then the room unloads.
    rooms.release(room)
    await sleep(IdleMs * 4)
    expect([...rooms.all()]).toEqual([])

    let unloaded = false
    const shutdown = rooms.unloadAll().then(() => {
      unloaded = true
    })
    await sleep(IdleMs)
    expect(unloaded).toBe(false)
    compaction.open()
    await shutdown
    expect(compacted).toEqual([room.name])
  })
})
