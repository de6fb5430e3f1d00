import * as awarenessProtocol from 'y-protocols/awareness'
import * as encoding from 'lib0/encoding'
import { beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { NotesSchemaVersion } from '../../shared/src/caseDocument/notes.js'
import { AccessRevoked, MalformedMessage, MessageTooLarge, SessionEnded } from '../../shared/src/protocol/closeCodes.js'
import { MessageType } from '../../shared/src/protocol/messageTypes.js'
import { createCase, createStaff, login, setupAdmin, type LoggedIn } from '../helpers/apiClient.js'
import { startRelay, type TestRelay } from '../helpers/startRelay.js'
import { until } from '../helpers/until.js'
import {
  connectProvider,
  connectRaw,
  metricValue,
  readSyncFrame,
  receivedUpdates,
  roundTrip,
  storedDoc,
  storedUpdates,
  syncFrame,
  SyncMessageType,
  textUpdate,
  freeText,
  freeTextOf,
  UpgradeRefused,
} from './support/syncClients.js'

let relay: TestRelay
let miriam: LoggedIn
let tobias: LoggedIn

beforeAll(async () => {
  relay = await startRelay()
  miriam = await setupAdmin(relay)
  tobias = await createStaff(miriam)
})

async function refusalStatus(room: string, cookie: string): Promise<number> {
  try {
    await connectRaw(relay.wsUrl, room, cookie)
  } catch (err) {
    if (err instanceof UpgradeRefused) {
      return err.status
    }
    throw err
  }
  return 101
}

describe('sync upgrade', () => {
  it('is refused with 401 without a session, 403 for a foreign case, 400 for a bad room name', async () => {
    const kase = await createCase(miriam)
    expect(await refusalStatus(`cases/${kase.id}/plan`, '')).toBe(401)
    expect(await refusalStatus(`cases/${kase.id}/plan`, 'fb_session=made-up')).toBe(401)
    expect(await refusalStatus(`cases/${kase.id}/plan`, tobias.client.cookie)).toBe(403)
    expect(await refusalStatus(`cases/${kase.id}/secrets`, miriam.client.cookie)).toBe(400)
    expect(await refusalStatus('anything', miriam.client.cookie)).toBe(400)
    expect(await refusalStatus(`cases/${kase.id}/plan`, miriam.client.cookie)).toBe(101)
  })

  it("answers a client's sync step 1 only after its earlier update is committed and applied", async () => {
    const kase = await createCase(miriam)
    const room = `cases/${kase.id}/notes`
    const client = await connectRaw(relay.wsUrl, room, miriam.client.cookie)

    const local = new Y.Doc()
    freeText(local).insert(0, 'Checkliste für den Kassenabschluss')
    const update = Y.encodeStateAsUpdate(local)
    let storedWhenAcked: string | undefined
    let ackedContent: string | undefined
    client.socket.on('message', (data: Buffer) => {
      const frame = readSyncFrame(new Uint8Array(data))
      if (frame?.type !== SyncMessageType.Step2 || storedWhenAcked !== undefined) {
        return
      }
      // Read storage right as the acknowledgement arrives.
      storedWhenAcked = freeTextOf(storedDoc(relay.dataDir, room))
      const reply = new Y.Doc()
      Y.applyUpdate(reply, frame.payload)
      ackedContent = freeTextOf(reply)
    })
    // The update and the step 1 go out back to back, as a client does after local edits.
    client.send(syncFrame(SyncMessageType.Update, update))
    client.send(syncFrame(SyncMessageType.Step1, Y.encodeStateVector(new Y.Doc())))

    await until(() => storedWhenAcked !== undefined, { message: 'the sync step 2 reply' })
    expect(storedWhenAcked).toBe('Checkliste für den Kassenabschluss')
    expect(ackedContent).toBe('Checkliste für den Kassenabschluss')
  })
})

describe('a fast writer', () => {
  it('has a burst of queued updates merged into few commits, all stored in order; a broken frame in a burst still closes 4400 and keeps the updates before it', async () => {
    const kase = await createCase(miriam)
    const room = `cases/${kase.id}/notes`
    const writer = await connectRaw(relay.wsUrl, room, miriam.client.cookie)
    const local = new Y.Doc()
    const updates: Uint8Array[] = []
    local.on('update', (update: Uint8Array) => updates.push(update))
    const typed = 'Wechselgeld zählen, Bon prüfen, Kasse schließen. '
    for (let i = 0; i < 300; i += 1) {
      freeText(local).insert(i, typed[i % typed.length] ?? '.')
    }
    const rowsBefore = storedUpdates(relay.dataDir, room).length
    // Sent back to back, as a client that was offline replays its edits.
    for (const update of updates) {
      writer.send(syncFrame(SyncMessageType.Update, update))
    }
    await roundTrip(writer)
    expect(freeTextOf(storedDoc(relay.dataDir, room))).toBe(freeTextOf(local))
    // Far fewer rows than frames: queued updates went in together.
    expect(storedUpdates(relay.dataDir, room).length - rowsBefore).toBeLessThan(100)

    const more: Uint8Array[] = []
    local.on('update', (update: Uint8Array) => more.push(update))
    for (let i = 0; i < 50; i += 1) {
      freeText(local).insert(0, 'x')
    }
    for (const update of more.slice(0, 25)) {
      writer.send(syncFrame(SyncMessageType.Update, update))
    }
    writer.send(syncFrame(SyncMessageType.Update, new Uint8Array([0xff, 0xff, 0xff, 0x01, 0x02])))
    for (const update of more.slice(25)) {
      writer.send(syncFrame(SyncMessageType.Update, update))
    }
    expect((await writer.closed).code).toBe(MalformedMessage.code)
    await until(() => freeTextOf(storedDoc(relay.dataDir, room)).startsWith('x'.repeat(25)), { message: 'the 25 updates before the broken frame' })
    expect(freeTextOf(storedDoc(relay.dataDir, room))).toBe(`${'x'.repeat(25)}${updates.length > 0 ? freeTextOf(local).slice(50) : ''}`)
  })
})

describe('malformed frames', () => {
  it('close only the sender with 4400; others keep working and the document is unchanged', async () => {
    const kase = await createCase(miriam)
    const room = `cases/${kase.id}/plan`
    const a = await connectProvider(relay.wsUrl, room, miriam.client.cookie)
    const b = await connectProvider(relay.wsUrl, room, miriam.client.cookie)
    freeText(a.doc, 'plan').insert(0, 'Ziel 1: 18 Artikel pro Minute')
    await until(() => freeTextOf(b.doc, 'plan') === 'Ziel 1: 18 Artikel pro Minute', { message: 'first edit to sync' })
    const before = freeTextOf(storedDoc(relay.dataDir, room), 'plan')

    const junk = new Y.Doc()
    freeText(junk, 'plan').insert(0, 'this must never be stored anywhere')
    const fullUpdate = Y.encodeStateAsUpdate(junk)
    const bad: Array<Uint8Array | string> = [
      new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]),
      'hello, I am a text frame',
      syncFrame(SyncMessageType.Update, fullUpdate.slice(0, fullUpdate.length - 4)),
      syncFrame(SyncMessageType.Update, fullUpdate).slice(0, 12),
      new Uint8Array([7, 1, 2, 3]),
    ]
    for (const frame of bad) {
      const raw = await connectRaw(relay.wsUrl, room, miriam.client.cookie)
      raw.send(frame)
      expect((await raw.closed).code).toBe(MalformedMessage.code)
    }

    freeText(a.doc, 'plan').insert(0, 'Neu: ')
    await until(() => freeTextOf(b.doc, 'plan') === 'Neu: Ziel 1: 18 Artikel pro Minute', { message: 'edits after the bad frames' })
    expect(before).toBe('Ziel 1: 18 Artikel pro Minute')
    const stored = freeTextOf(storedDoc(relay.dataDir, room), 'plan')
    expect(stored).toBe('Neu: Ziel 1: 18 Artikel pro Minute')
    expect(stored).not.toContain('never be stored')
  })
})

describe('access changes on open connections', () => {
  it("closes a removed member's connection with 4403 within a second", async () => {
    const kase = await createCase(miriam)
    const added = await miriam.client.request('POST', `/api/cases/${kase.id}/members`, { userId: tobias.user.id, role: 'coach' })
    const raw = await connectRaw(relay.wsUrl, `cases/${kase.id}/notes`, tobias.client.cookie)
    const miriamsOwn = await connectRaw(relay.wsUrl, `cases/${kase.id}/notes`, miriam.client.cookie)
    let closedAt = 0
    void raw.closed.then(() => {
      closedAt = Date.now()
    })

    const removedAt = Date.now()
    expect((await miriam.client.request('DELETE', `/api/cases/${kase.id}/members/${added.body.member.id}`)).status).toBe(204)
    const closed = await raw.closed
    expect(closed.code).toBe(AccessRevoked.code)
    expect(closedAt - removedAt).toBeLessThan(1_000)
    expect(miriamsOwn.socket.readyState).toBe(miriamsOwn.socket.OPEN)
  })

  it("closes a logged-out session's connections with 4401", async () => {
    const kase = await createCase(tobias)
    const session = await login(relay, tobias.user.email, tobias.password)
    const raw = await connectRaw(relay.wsUrl, `cases/${kase.id}/plan`, session.client.cookie)
    const other = await connectRaw(relay.wsUrl, `cases/${kase.id}/plan`, tobias.client.cookie)
    await session.client.request('POST', '/api/auth/logout')
    expect((await raw.closed).code).toBe(SessionEnded.code)
    expect(other.socket.readyState).toBe(other.socket.OPEN)
  })

  it('drops updates from a read-only (employer) connection and still answers its sync step 1; employerCanEdit switches it live', async () => {
    const kase = await createCase(miriam)
    const room = `cases/${kase.id}/plan`
    const employer = await createStaff(miriam, { name: 'Sabine Keller' })
    const added = await miriam.client.request('POST', `/api/cases/${kase.id}/members`, { userId: employer.user.id, role: 'employer' })
    expect(added.status).toBe(201)

    const coach = await connectProvider(relay.wsUrl, room, miriam.client.cookie)
    freeText(coach.doc, 'plan').insert(0, 'Ziel 1: Kassenabschluss allein')
    await until(() => freeTextOf(storedDoc(relay.dataDir, room), 'plan') === 'Ziel 1: Kassenabschluss allein', {
      message: "the coach's text to be stored",
    })
    // A second coach connection sees everything the relay forwards.
    const observer = await connectRaw(relay.wsUrl, room, miriam.client.cookie)
    await roundTrip(observer)
    const textOf = (update: Uint8Array): string => {
      const doc = new Y.Doc()
      Y.applyUpdate(doc, update)
      return freeTextOf(doc, 'plan')
    }

    // Read-only: step 1 answered with the coach's content ...
    const raw = await connectRaw(relay.wsUrl, room, employer.client.cookie)
    expect(textOf(await roundTrip(raw))).toBe('Ziel 1: Kassenabschluss allein')

    // ... but its step 2 and update messages are dropped (counted), not stored, not forwarded.
    const droppedBefore = await metricValue(relay.url, 'fallbuch_dropped_read_only_messages_total')
    const storedBefore = storedUpdates(relay.dataDir, room).length
    const observed = observer.received.length
    raw.send(syncFrame(SyncMessageType.Step2, textUpdate('Arbeitgeber als Schritt 2', 'plan')))
    raw.send(syncFrame(SyncMessageType.Update, textUpdate('Arbeitgeber als Update', 'plan')))
    // The step 2 answering this step 1 comes after both were handled.
    expect(textOf(await roundTrip(raw))).toBe('Ziel 1: Kassenabschluss allein')
    await roundTrip(observer)
    expect(await metricValue(relay.url, 'fallbuch_dropped_read_only_messages_total')).toBe(droppedBefore + 2)
    expect(receivedUpdates(observer, observed)).toEqual([])
    expect(storedUpdates(relay.dataDir, room)).toHaveLength(storedBefore)
    expect(freeTextOf(storedDoc(relay.dataDir, room), 'plan')).toBe('Ziel 1: Kassenabschluss allein')
    expect(freeTextOf(coach.doc, 'plan')).toBe('Ziel 1: Kassenabschluss allein')
    expect(raw.socket.readyState).toBe(raw.socket.OPEN)

    // Its awareness is still relayed.
    const employerAwareness = new awarenessProtocol.Awareness(new Y.Doc())
    employerAwareness.setLocalStateField('user', { name: 'Sabine Keller' })
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MessageType.Awareness)
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(employerAwareness, [employerAwareness.clientID]))
    raw.send(encoding.toUint8Array(encoder))
    await until(
      () => (coach.provider.awareness.getStates().get(employerAwareness.clientID)?.user as { name?: string } | undefined)?.name === 'Sabine Keller',
      { message: "the employer's awareness state at the coach" },
    )
    employerAwareness.destroy()

    // employerCanEdit on: the same open connection writes.
    expect((await miriam.client.request('PATCH', `/api/cases/${kase.id}`, { employerCanEdit: true })).status).toBe(200)
    raw.send(syncFrame(SyncMessageType.Update, textUpdate('Arbeitgeber darf schreiben. ', 'plan')))
    await until(() => freeTextOf(coach.doc, 'plan').includes('Arbeitgeber darf schreiben.'), {
      message: "the employer's update to reach the coach",
    })
    await roundTrip(raw)
    expect(freeTextOf(storedDoc(relay.dataDir, room), 'plan')).toContain('Arbeitgeber darf schreiben.')
    await roundTrip(observer)
    expect(receivedUpdates(observer, observed).map(textOf)).toEqual(['Arbeitgeber darf schreiben. '])

    // employerCanEdit off again: read-only again, without reconnecting.
    expect((await miriam.client.request('PATCH', `/api/cases/${kase.id}`, { employerCanEdit: false })).status).toBe(200)
    const observedAfterWrite = observer.received.length
    const storedAfterWrite = storedUpdates(relay.dataDir, room).length
    raw.send(syncFrame(SyncMessageType.Update, textUpdate('Wieder nur lesen', 'plan')))
    expect(textOf(await roundTrip(raw))).not.toContain('Wieder nur lesen')
    await roundTrip(observer)
    expect(await metricValue(relay.url, 'fallbuch_dropped_read_only_messages_total')).toBe(droppedBefore + 3)
    expect(receivedUpdates(observer, observedAfterWrite)).toEqual([])
    expect(storedUpdates(relay.dataDir, room)).toHaveLength(storedAfterWrite)
    expect(freeTextOf(storedDoc(relay.dataDir, room), 'plan')).not.toContain('Wieder nur lesen')
    expect(freeTextOf(coach.doc, 'plan')).not.toContain('Wieder nur lesen')
    expect(raw.socket.readyState).toBe(raw.socket.OPEN)

    // The notes are coaches only: the employer's upgrade is refused.
    expect(await refusalStatus(`cases/${kase.id}/notes`, employer.client.cookie)).toBe(403)
  })

  it("an employer's change dropped while the plan was read-only reaches the coach once employerCanEdit is on, without a reconnect", async () => {
    // The employer's client may learn of the switch (or type) before the relay
    // does: scaled out, the switch reaches the other process through Redis.
    const kase = await createCase(miriam)
    const room = `cases/${kase.id}/plan`
    const employer = await createStaff(miriam, { name: 'Sabine Keller' })
    expect((await miriam.client.request('POST', `/api/cases/${kase.id}/members`, { userId: employer.user.id, role: 'employer' })).status).toBe(201)
    const coach = await connectProvider(relay.wsUrl, room, miriam.client.cookie)
    const sabine = await connectProvider(relay.wsUrl, room, employer.client.cookie)
    try {
      const droppedBefore = await metricValue(relay.url, 'fallbuch_dropped_read_only_messages_total')
      const earlier = 'Pausen nach Absprache. '
      freeText(sabine.doc, 'plan').insert(0, earlier)
      await until(async () => (await metricValue(relay.url, 'fallbuch_dropped_read_only_messages_total')) > droppedBefore, {
        message: "the relay to drop the employer's change",
      })
      expect((await miriam.client.request('PATCH', `/api/cases/${kase.id}`, { employerCanEdit: true })).status).toBe(200)
      await until(() => freeTextOf(coach.doc, 'plan') === 'Pausen nach Absprache. ', { message: "the employer's earlier change at the coach" })
      // What she writes on top of it is not held back waiting for it either.
      freeText(sabine.doc, 'plan').insert(earlier.length, 'Mit Frau Keller besprochen.')
      await until(() => freeTextOf(coach.doc, 'plan') === 'Pausen nach Absprache. Mit Frau Keller besprochen.', { message: 'her next change at the coach' })
      await until(() => freeTextOf(storedDoc(relay.dataDir, room), 'plan') === 'Pausen nach Absprache. Mit Frau Keller besprochen.', { message: 'both stored' })
    } finally {
      sabine.provider.destroy()
      coach.provider.destroy()
    }
  })
})

describe('message size limit', () => {
  it('closes a connection whose message exceeds MAX_MESSAGE_BYTES with 4413; nothing is stored, others keep syncing', async () => {
    const small = await startRelay({ maxMessageBytes: 64 * 1024 })
    const admin = await setupAdmin(small)
    const kase = await createCase(admin)
    const room = `cases/${kase.id}/plan`
    const a = await connectProvider(small.wsUrl, room, admin.client.cookie)
    const b = await connectProvider(small.wsUrl, room, admin.client.cookie)
    freeText(a.doc, 'plan').insert(0, 'Arbeitszeit: 6 Stunden')
    await until(() => freeTextOf(b.doc, 'plan') === 'Arbeitszeit: 6 Stunden', { message: 'first edit to sync' })

    const raw = await connectRaw(small.wsUrl, room, admin.client.cookie)
    const big = syncFrame(SyncMessageType.Update, textUpdate(`too large ${'x'.repeat(100 * 1024)}`, 'plan'))
    expect(big.length).toBeGreaterThan(64 * 1024)
    raw.send(big)
    const closed = await raw.closed
    expect(closed).toEqual({ code: MessageTooLarge.code, reason: MessageTooLarge.reason })

    freeText(a.doc, 'plan').insert(0, 'Neu: ')
    await until(() => freeTextOf(b.doc, 'plan') === 'Neu: Arbeitszeit: 6 Stunden', { message: 'edits after the big frame' })
    await until(() => freeTextOf(storedDoc(small.dataDir, room), 'plan') === 'Neu: Arbeitszeit: 6 Stunden', {
      message: 'the later edit to be stored',
    })
    expect(freeTextOf(storedDoc(small.dataDir, room), 'plan')).not.toContain('too large')
    expect(freeTextOf(a.doc, 'plan')).not.toContain('too large')
  })
})

describe('idle rooms', () => {
  it('unloads a room ROOM_IDLE_MS after its last client left; a later client still gets the full content', async () => {
    const idle = await startRelay({ roomIdleMs: 100 })
    const admin = await setupAdmin(idle)
    const kase = await createCase(admin)
    const room = `cases/${kase.id}/notes`
    const loadedRooms = () => metricValue(idle.url, 'fallbuch_loaded_rooms')
    // Case creation seeds the rooms; wait until those are unloaded too.
    await until(async () => (await loadedRooms()) === 0, { message: 'seeded rooms to unload' })

    const first = await connectProvider(idle.wsUrl, room, admin.client.cookie)
    freeText(first.doc).insert(0, 'Analyse: Arbeitsplatz ist gut erreichbar.')
    await until(() => freeTextOf(storedDoc(idle.dataDir, room)) === 'Analyse: Arbeitsplatz ist gut erreichbar.', {
      message: 'the text to be stored',
    })
    // Held while a client is connected, however long that is.
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(await loadedRooms()).toBe(1)

    first.provider.destroy()
    await until(async () => (await loadedRooms()) === 0, { message: 'the room to unload', timeoutMs: 2_000 })

    const later = await connectProvider(idle.wsUrl, room, admin.client.cookie)
    expect(await loadedRooms()).toBe(1)
    expect(freeTextOf(later.doc)).toBe('Analyse: Arbeitsplatz ist gut erreichbar.')
    expect(later.doc.getMap('meta').get('schemaVersion')).toBe(NotesSchemaVersion)
  })
})
