import { beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { ConfidentialFields, FrozenConfidentialFields } from '../../shared/src/caseDocument/confidential.js'
import { accessTo, type Access } from '../../shared/src/policy/access.js'
import { caseRoomNames, formatRoomName, type RoomName } from '../../shared/src/protocol/roomName.js'
import { createCase, createStaff, inviteAndAccept, setupAdmin, type LoggedIn } from '../helpers/apiClient.js'
import { startRelay, type TestRelay } from '../helpers/startRelay.js'
import { connectRaw, freeTextOf, roundTrip, storedDoc, syncFrame, SyncMessageType, textUpdate, UpgradeRefused } from './support/syncClients.js'

type Who = 'coach' | 'employer' | 'coachee' | 'staffNonMember'
type Kind = 'plan' | 'notes' | 'profile' | 'confidential'

/**
 * Contract §3 written out by hand (employerCanEdit off, no consent grants
 * yet), so this test fails if the shared policy or the relay drifts from it.
 */
const expected: Record<Who, Record<Kind, Access>> = {
  coach: { plan: 'write', notes: 'write', profile: 'write', confidential: 'write' },
  employer: { plan: 'read', notes: 'none', profile: 'none', confidential: 'none' },
  coachee: { plan: 'read', notes: 'none', profile: 'write', confidential: 'read' },
  staffNonMember: { plan: 'none', notes: 'none', profile: 'none', confidential: 'none' },
}

let relay: TestRelay
let caseId: string
const people = {} as Record<Who, LoggedIn>

beforeAll(async () => {
  relay = await startRelay()
  const miriam = await setupAdmin(relay)
  caseId = (await createCase(miriam)).id
  people.coach = miriam
  people.employer = await inviteAndAccept(miriam, caseId, 'employer')
  people.coachee = await inviteAndAccept(miriam, caseId, 'coachee')
  people.staffNonMember = await createStaff(miriam)
})

/** An update that types `text` into the wish `interests` of the stored profile (its seeded Y.Text). */
function wishUpdate(room: string, text: string): Uint8Array {
  const doc = storedDoc(relay.dataDir, room)
  const before = Y.encodeStateVector(doc)
  const interests = doc.getMap('wishes').get('interests')
  if (interests instanceof Y.Text) {
    interests.insert(0, text)
  } else {
    doc.getMap('wishes').set('interests', new Y.Text(text))
  }
  return Y.encodeStateAsUpdate(doc, before)
}

/** Opens the room and finds out what the relay lets the connection do: 'none' (403), 'read' (write dropped) or 'write'. */
async function observedAccess(who: Who, room: RoomName): Promise<Access | number> {
  const name = formatRoomName(room)
  let raw
  try {
    raw = await connectRaw(relay.wsUrl, name, people[who].client.cookie)
  } catch (err) {
    if (err instanceof UpgradeRefused) {
      return err.status === 403 ? 'none' : err.status
    }
    throw err
  }
  const marker = `probe by ${who}`
  if (room.kind === 'profile') {
    // The profile has no rich text (issue 19): into a wish, which the coachee may write too.
    raw.send(syncFrame(SyncMessageType.Update, wishUpdate(name, marker)))
    await roundTrip(raw)
    raw.socket.close()
    return String(storedDoc(relay.dataDir, name).getMap('wishes').get('interests') ?? '').includes(marker) ? 'write' : 'read'
  }
  // Into a fragment the room's schema names, so a write is judged by access alone.
  const kind = room.kind as Exclude<Kind, 'profile'>
  raw.send(syncFrame(SyncMessageType.Update, textUpdate(marker, kind)))
  // Answered only after the update was committed or dropped.
  await roundTrip(raw)
  raw.socket.close()
  return freeTextOf(storedDoc(relay.dataDir, name), kind).includes(marker) ? 'write' : 'read'
}

describe('access matrix on the sync endpoint', () => {
  it('matches the shared policy', () => {
    const roles = { coach: 'coach', employer: 'employer', coachee: 'coachee', staffNonMember: null } as const
    for (const who of Object.keys(expected) as Who[]) {
      for (const kind of ['plan', 'notes', 'profile', 'confidential'] as const) {
        expect(accessTo(kind, roles[who], { employerCanEdit: false, hasActiveConsent: false }), `${who} on ${kind}`).toBe(expected[who][kind])
      }
    }
  })

  it.each(Object.keys(expected) as Who[])('lets the %s open every room of the case exactly as the contract says', async (who) => {
    const rooms = caseRoomNames(caseId)
    expect(rooms).toHaveLength(3 + ConfidentialFields.length)
    const observed: Record<string, Access | number> = {}
    const wanted: Record<string, Access> = {}
    for (const room of rooms) {
      observed[formatRoomName(room)] = await observedAccess(who, room)
      const contract = expected[who][room.kind as Kind]
      // The old free-text release is read-only for everyone (issue 16).
      wanted[formatRoomName(room)] = room.kind === 'confidential' && FrozenConfidentialFields.has(room.field) && contract === 'write' ? 'read' : contract
    }
    expect(observed).toEqual(wanted)
  })

  it("switches the employer's plan access to write with employerCanEdit", async () => {
    await people.coach.client.request('PATCH', `/api/cases/${caseId}`, { employerCanEdit: true })
    try {
      expect(await observedAccess('employer', { kind: 'plan', caseId })).toBe('write')
      expect(await observedAccess('employer', { kind: 'notes', caseId })).toBe('none')
      expect(await observedAccess('coachee', { kind: 'plan', caseId })).toBe('read')
    } finally {
      await people.coach.client.request('PATCH', `/api/cases/${caseId}`, { employerCanEdit: false })
    }
  })
})
