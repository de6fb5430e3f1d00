import * as encoding from 'lib0/encoding'
import { beforeAll, describe, expect, it } from 'vitest'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import { MalformedMessage } from '../../shared/src/protocol/closeCodes.js'
import { MessageType } from '../../shared/src/protocol/messageTypes.js'
import { createCase, createStaff, inviteAndAccept, setupAdmin, type LoggedIn } from '../helpers/apiClient.js'
import { startRelay, type TestRelay } from '../helpers/startRelay.js'
import { until } from '../helpers/until.js'
import { connectProvider, connectRaw, freeText, metricValue, roundTrip, syncFrame, SyncMessageType } from './support/syncClients.js'

let relay: TestRelay
let miriam: LoggedIn

beforeAll(async () => {
  relay = await startRelay()
  miriam = await setupAdmin(relay)
})

/** An awareness frame with hand-written entries [clientId, clock, JSON]. */
function awarenessFrame(entries: Array<[number, number, string]>): Uint8Array {
  const update = encoding.createEncoder()
  encoding.writeVarUint(update, entries.length)
  for (const [id, clock, json] of entries) {
    encoding.writeVarUint(update, id)
    encoding.writeVarUint(update, clock)
    encoding.writeVarString(update, json)
  }
  const frame = encoding.createEncoder()
  encoding.writeVarUint(frame, MessageType.Awareness)
  encoding.writeVarUint8Array(frame, encoding.toUint8Array(update))
  return encoding.toUint8Array(frame)
}

type User = { name?: string; color?: string; id?: string } | undefined

describe('verified awareness', () => {
  it("shows a client that claims another person's name with its account name", async () => {
    const kase = await createCase(miriam)
    const employer = await inviteAndAccept(miriam, kase.id, 'employer')
    const room = `cases/${kase.id}/plan`
    const coach = await connectProvider(relay.wsUrl, room, miriam.client.cookie)
    const spoofer = await connectProvider(relay.wsUrl, room, employer.client.cookie)
    spoofer.provider.awareness.setLocalStateField('user', { name: 'Miriam Roth', color: '#ff0000' })

    const seen = await until(() => coach.provider.awareness.getStates().get(spoofer.doc.clientID)?.user as User, {
      message: "the employer's awareness state at the coach",
    })
    expect(seen).toEqual({ name: 'Sabine Keller', color: '#ff0000', id: employer.user.id })

    // A colour that is no #rrggbb is replaced too.
    spoofer.provider.awareness.setLocalStateField('user', { name: 'Admin', color: 'url(javascript:x)' })
    await until(() => (coach.provider.awareness.getStates().get(spoofer.doc.clientID)?.user as User)?.color === '#23527c', {
      message: 'the default colour',
    })
    expect((coach.provider.awareness.getStates().get(spoofer.doc.clientID)?.user as User)?.name).toBe('Sabine Keller')
  })

  it("refuses entries claiming another account's client id; the owner's state stays", async () => {
    const kase = await createCase(miriam)
    const tobias = await createStaff(miriam)
    await inviteAndAccept(miriam, kase.id, 'coach', tobias)
    const room = `cases/${kase.id}/notes`
    const owner = await connectProvider(relay.wsUrl, room, miriam.client.cookie)
    const observer = await connectProvider(relay.wsUrl, room, tobias.client.cookie)
    owner.provider.awareness.setLocalStateField('user', { name: 'Miriam Roth', color: '#00aa00' })
    await until(() => observer.provider.awareness.getStates().get(owner.doc.clientID)?.user, { message: "the owner's state" })

    const dropped = await metricValue(relay.url, 'fallbuch_dropped_awareness_messages_total')
    const thief = await connectRaw(relay.wsUrl, room, tobias.client.cookie)
    thief.send(awarenessFrame([[owner.doc.clientID, 999, JSON.stringify({ user: { name: 'Tobias' }, cursor: 'hijacked' })]]))
    thief.send(awarenessFrame([[owner.doc.clientID, 1000, 'null']]))
    await roundTrip(thief)
    expect(await metricValue(relay.url, 'fallbuch_dropped_awareness_messages_total')).toBe(dropped + 2)
    const state = observer.provider.awareness.getStates().get(owner.doc.clientID)
    expect(state).toMatchObject({ user: { name: 'Miriam Roth', color: '#00aa00' } })
    expect(state?.cursor).toBeUndefined()
    expect(thief.socket.readyState).toBe(thief.socket.OPEN)
  })

  it('takes the echoes stock providers send of each other\'s states as normal traffic, not as spoofing', async () => {
    const kase = await createCase(miriam)
    const tobias = await createStaff(miriam)
    await inviteAndAccept(miriam, kase.id, 'coach', tobias)
    const room = `cases/${kase.id}/notes`
    const refusedBefore = await metricValue(relay.url, 'fallbuch_dropped_awareness_messages_total')
    const a = await connectProvider(relay.wsUrl, room, miriam.client.cookie)
    const b = await connectProvider(relay.wsUrl, room, tobias.client.cookie)
    // Each provider re-broadcasts what it receives from the other.
    for (let round = 0; round < 3; round += 1) {
      a.provider.awareness.setLocalStateField('cursor', { round })
      b.provider.awareness.setLocalStateField('cursor', { round })
      await until(() => (b.provider.awareness.getStates().get(a.doc.clientID)?.cursor as { round: number } | undefined)?.round === round)
      await until(() => (a.provider.awareness.getStates().get(b.doc.clientID)?.cursor as { round: number } | undefined)?.round === round)
    }
    expect(await metricValue(relay.url, 'fallbuch_dropped_awareness_messages_total')).toBe(refusedBefore)
  })

  it("applies a sender's own entry from a message that also carries someone else's", async () => {
    const kase = await createCase(miriam)
    const tobias = await createStaff(miriam)
    await inviteAndAccept(miriam, kase.id, 'coach', tobias)
    const room = `cases/${kase.id}/notes`
    const owner = await connectProvider(relay.wsUrl, room, miriam.client.cookie)
    const observer = await connectProvider(relay.wsUrl, room, tobias.client.cookie)
    owner.provider.awareness.setLocalStateField('cursor', 'mine')
    await until(() => observer.provider.awareness.getStates().get(owner.doc.clientID)?.cursor === 'mine')
    const raw = await connectRaw(relay.wsUrl, room, tobias.client.cookie)
    raw.send(awarenessFrame([
      [owner.doc.clientID, 5_000, JSON.stringify({ cursor: 'stolen' })],
      [777_777, 1, JSON.stringify({ cursor: 'own' })],
    ]))
    await roundTrip(raw)
    await until(() => observer.provider.awareness.getStates().get(777_777)?.cursor === 'own', { message: "the sender's own entry" })
    expect(observer.provider.awareness.getStates().get(owner.doc.clientID)?.cursor).toBe('mine')
  })

  it("still removes a tab's presence when it dies after another tab of the same account echoed it", async () => {
    const kase = await createCase(miriam)
    const tobias = await createStaff(miriam)
    await inviteAndAccept(miriam, kase.id, 'coach', tobias)
    const room = `cases/${kase.id}/notes`
    const tab1 = await connectProvider(relay.wsUrl, room, miriam.client.cookie)
    const tab2 = await connectProvider(relay.wsUrl, room, miriam.client.cookie)
    const observer = await connectProvider(relay.wsUrl, room, tobias.client.cookie)
    tab1.provider.awareness.setLocalStateField('cursor', 'tab1')
    // Tab 2 receives tab 1's state and, being a stock provider, echoes it.
    await until(() => tab2.provider.awareness.getStates().get(tab1.doc.clientID)?.cursor === 'tab1')
    await until(() => observer.provider.awareness.getStates().get(tab1.doc.clientID)?.cursor === 'tab1')
    await roundTrip(await connectRaw(relay.wsUrl, room, tobias.client.cookie))
    // Tab 1 dies without saying goodbye: the relay must still clear its presence.
    tab1.provider.shouldConnect = false
    const socket = tab1.provider.ws as unknown as { terminate(): void } | null
    socket?.terminate()
    await until(() => !observer.provider.awareness.getStates().has(tab1.doc.clientID), {
      timeoutMs: 5_000,
      message: "tab 1's presence removed by the relay",
    })
    expect(tab2.provider.awareness.getStates().get(tab2.doc.clientID)).toBeDefined()
  })

  it.each([
    ['an oversized state', [[424242, 1, JSON.stringify({ blob: 'x'.repeat(5_000) })]]],
    ['a state that is not an object', [[424242, 1, '"just a string"']]],
    ['a state that is not JSON', [[424242, 1, '{not json']]],
    ['too many entries', Array.from({ length: 17 }, (_, i) => [500_000 + i, 1, '{}'])],
  ] as Array<[string, Array<[number, number, string]>]>)('closes a connection sending %s with 4400', async (_what, entries) => {
    const kase = await createCase(miriam)
    const raw = await connectRaw(relay.wsUrl, `cases/${kase.id}/plan`, miriam.client.cookie)
    raw.send(awarenessFrame(entries))
    expect((await raw.closed).code).toBe(MalformedMessage.code)
  })

  it('still relays a valid awareness update from y-protocols unchanged apart from the user', async () => {
    const kase = await createCase(miriam)
    const room = `cases/${kase.id}/plan`
    const coach = await connectProvider(relay.wsUrl, room, miriam.client.cookie)
    const raw = await connectRaw(relay.wsUrl, room, miriam.client.cookie)
    const local = new awarenessProtocol.Awareness(new Y.Doc())
    local.setLocalState({ cursor: { anchor: 3, head: 5 } })
    const frame = encoding.createEncoder()
    encoding.writeVarUint(frame, MessageType.Awareness)
    encoding.writeVarUint8Array(frame, awarenessProtocol.encodeAwarenessUpdate(local, [local.clientID]))
    raw.send(encoding.toUint8Array(frame))
    const state = await until(() => coach.provider.awareness.getStates().get(local.clientID), { message: 'the raw client state' })
    expect(state).toEqual({ cursor: { anchor: 3, head: 5 }, user: { name: 'Miriam Roth', color: '#23527c', id: miriam.user.id } })
    local.destroy()
  })
})

describe('awareness client ids bound to accounts (issue 17)', () => {
  async function tandem(): Promise<{ room: string; tobias: LoggedIn }> {
    const kase = await createCase(miriam)
    const tobias = await createStaff(miriam)
    await inviteAndAccept(miriam, kase.id, 'coach', tobias)
    return { room: `cases/${kase.id}/notes`, tobias }
  }

  it("never shows a coach's client id under another account's name, also after the coach left", async () => {
    const { room, tobias } = await tandem()
    const coach = await connectProvider(relay.wsUrl, room, miriam.client.cookie)
    const observer = await connectProvider(relay.wsUrl, room, tobias.client.cookie)
    coach.provider.awareness.setLocalStateField('cursor', 'miriam')
    await until(() => observer.provider.awareness.getStates().get(coach.doc.clientID)?.cursor === 'miriam')
    const clientId = coach.doc.clientID
    coach.provider.destroy()
    await until(() => !observer.provider.awareness.getStates().has(clientId), { message: "the coach's presence removed" })

    const dropped = await metricValue(relay.url, 'fallbuch_dropped_awareness_messages_total')
    const thief = await connectRaw(relay.wsUrl, room, tobias.client.cookie)
    thief.send(awarenessFrame([[clientId, 10_000, JSON.stringify({ cursor: 'hijacked' })]]))
    await roundTrip(thief)
    expect(await metricValue(relay.url, 'fallbuch_dropped_awareness_messages_total')).toBe(dropped + 1)
    const late = await connectProvider(relay.wsUrl, room, miriam.client.cookie)
    await roundTrip(await connectRaw(relay.wsUrl, room, miriam.client.cookie))
    expect(late.provider.awareness.getStates().has(clientId)).toBe(false)
    expect(observer.provider.awareness.getStates().has(clientId)).toBe(false)
  })

  it('binds a claimed awareness id to its account like a document client id: another account can neither show nor write with it', async () => {
    const { room, tobias } = await tandem()
    const clientId = 731_000 + Math.floor(Math.random() * 1000)
    const claimer = await connectRaw(relay.wsUrl, room, tobias.client.cookie)
    claimer.send(awarenessFrame([[clientId, 1, JSON.stringify({ cursor: 'tobias' })]]))
    await roundTrip(claimer)
    claimer.socket.close()
    await claimer.closed

    const observer = await connectProvider(relay.wsUrl, room, tobias.client.cookie)
    const other = await connectRaw(relay.wsUrl, room, miriam.client.cookie)
    other.send(awarenessFrame([[clientId, 50, JSON.stringify({ cursor: 'miriam' })]]))
    await roundTrip(other)
    expect(observer.provider.awareness.getStates().has(clientId)).toBe(false)
    const doc = new Y.Doc()
    doc.clientID = clientId
    freeText(doc).insert(0, 'Miriam schreibt unter fremder Kennung')
    other.send(syncFrame(SyncMessageType.Update, Y.encodeStateAsUpdate(doc)))
    expect((await other.closed).code).toBe(MalformedMessage.code)

    // The account it is bound to takes it up again.
    const again = await connectRaw(relay.wsUrl, room, tobias.client.cookie)
    again.send(awarenessFrame([[clientId, 60, JSON.stringify({ cursor: 'tobias again' })]]))
    await until(() => observer.provider.awareness.getStates().get(clientId)?.cursor === 'tobias again', { message: "tobias's state back" })
    expect(observer.provider.awareness.getStates().get(clientId)?.user).toMatchObject({ id: tobias.user.id })
  })

  it("refuses awareness for an id another account wrote the document with", async () => {
    const { room, tobias } = await tandem()
    const writer = await connectRaw(relay.wsUrl, room, miriam.client.cookie)
    const doc = new Y.Doc()
    freeText(doc).insert(0, 'Miriam schreibt')
    writer.send(syncFrame(SyncMessageType.Update, Y.encodeStateAsUpdate(doc)))
    await roundTrip(writer)
    const observer = await connectProvider(relay.wsUrl, room, miriam.client.cookie)
    const thief = await connectRaw(relay.wsUrl, room, tobias.client.cookie)
    thief.send(awarenessFrame([[doc.clientID, 1, JSON.stringify({ cursor: 'tobias' })]]))
    await roundTrip(thief)
    expect(observer.provider.awareness.getStates().has(doc.clientID)).toBe(false)
    expect(thief.socket.readyState).toBe(thief.socket.OPEN)
  })
})
