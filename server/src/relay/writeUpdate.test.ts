import { pino } from 'pino'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addParticipant, initPlanDoc } from '../../../shared/src/caseDocument/plan.js'
import { parseRoomName } from '../../../shared/src/protocol/roomName.js'
import { defaultRelayLimits } from '../config/relay.js'
import { Metrics } from '../metrics.js'
import type { RoomAppend, RoomAppendOutcome, RoomStorage } from '../storage/rooms/RoomStorage.js'
import type { Peer } from './Peer.js'
import { CompactionQueue } from './room/CompactionQueue.js'
import { GroupCommit } from './room/GroupCommit.js'
import { Room } from './room/Room.js'
import { WaitingUpdates } from './WaitingUpdates.js'
import { writeUpdate } from './writeUpdate.js'

/** A plan room on a storage that commits everything, and the case-member lookups it made. */
async function planRoom(): Promise<{ room: Room; caseId: string; lookups: string[] }> {
  const seeded = new Y.Doc()
  initPlanDoc(seeded, { title: 'Lager' })
  let seq = 0
  const storage = {
    loadUpdates: () => Promise.resolve([{ seq: (seq += 1), data: Y.encodeStateAsUpdate(seeded) }]),
    appendToRooms: (appends: readonly RoomAppend[]): Promise<RoomAppendOutcome[]> =>
      Promise.resolve(appends.map(({ updates }) => ({ ok: true as const, result: { seqs: updates.map(() => (seq += 1)) } }))),
  } as unknown as RoomStorage
  const logger = pino({ level: 'silent' })
  const lookups: string[] = []
  const caseId = crypto.randomUUID()
  const name = `cases/${caseId}/plan`
  const parsed = parseRoomName(name)
  if (parsed === null) {
    throw new Error('bad room name')
  }
  const room = await Room.load(name, parsed, {
    storage,
    groupCommit: new GroupCommit(storage),
    compactions: new CompactionQueue(logger),
    logger,
    metrics: new Metrics(),
    compactAfterUpdates: 500,
    compactAfterBytes: 1_000_000,
    caseMemberIds: async (caseId) => {
      lookups.push(caseId)
      return new Set(['member-1'])
    },
  })
  return { room, caseId, lookups }
}

function writer(room: Room, role: Peer['role']): Peer {
  return {
    userId: 'u1',
    role,
    access: 'write',
    room,
    limits: defaultRelayLimits(),
    waiting: new WaitingUpdates(() => undefined),
    bindClientIds: () => Promise.resolve(),
    noteWrite: () => undefined,
  } as unknown as Peer
}

function editOf(room: Room, edit: (doc: Y.Doc) => void): Uint8Array {
  const replica = new Y.Doc()
  Y.applyUpdate(replica, Y.encodeStateAsUpdate(room.doc))
  const before = Y.encodeStateVector(replica)
  edit(replica)
  return Y.encodeStateAsUpdate(replica, before)
}

describe('writeUpdate', () => {
  it('commits rich text without reading the case members; a participant is still checked against them', async () => {
    const { room, caseId, lookups } = await planRoom()
    const approach = editOf(room, (doc) => {
      const paragraph = new Y.XmlElement('paragraph')
      paragraph.insert(0, [new Y.XmlText('Schrittweise Einarbeitung')])
      doc.getXmlFragment('approach').insert(0, [paragraph])
    })
    await writeUpdate(writer(room, 'employer'), approach)
    expect(room.doc.getXmlFragment('approach').length).toBe(1)
    expect(lookups).toEqual([])
    const stranger = editOf(room, (doc) => addParticipant(doc, { id: 'p1', memberId: 'someone-else', name: 'Fremd', role: 'member', organisation: '' }))
    await expect(writeUpdate(writer(room, 'coach'), stranger)).rejects.toThrow(/no member of the case/)
    expect(lookups).toEqual([caseId])
    room.destroy()
  })
})
