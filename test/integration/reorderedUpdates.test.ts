/**
 * A live edit that overtakes the same client's sync step 2: right after a
 * reconnect the stock provider may send an edit typed in that moment before
 * its offline edits (which go out as the answer to the relay's step 1). The
 * edit depends on structs the relay does not have yet; it must wait, not get
 * the connection closed, and go in once the step 2 has arrived.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createCase, setupAdmin, type LoggedIn } from '../helpers/apiClient.js'
import { startRelay, type TestRelay } from '../helpers/startRelay.js'
import { until } from '../helpers/until.js'
import { connectProvider, connectRaw, freeText, freeTextOf, roundTrip, storedDoc, syncFrame, SyncMessageType } from './support/syncClients.js'

let relay: TestRelay
let miriam: LoggedIn

beforeAll(async () => {
  relay = await startRelay()
  miriam = await setupAdmin(relay)
})

describe('updates that arrive before the structs they build on', () => {
  it('waits for the step 2 that carries them, then stores and forwards both, without closing', async () => {
    const kase = await createCase(miriam)
    const room = `cases/${kase.id}/notes`
    const observer = await connectProvider(relay.wsUrl, room, miriam.client.cookie)

    // The offline device: its edits since the last sync, then a live edit on top.
    const device = new Y.Doc()
    Y.applyUpdate(device, Y.encodeStateAsUpdate(observer.doc))
    const synced = Y.encodeStateVector(device)
    freeText(device).insert(0, 'Offline notiert. ')
    const offlineEdits = Y.encodeStateAsUpdate(device, synced)
    const beforeLive = Y.encodeStateVector(device)
    freeText(device).insert(freeTextOf(device).length, 'Live getippt.')
    const liveEdit = Y.encodeStateAsUpdate(device, beforeLive)

    const raw = await connectRaw(relay.wsUrl, room, miriam.client.cookie)
    raw.send(syncFrame(SyncMessageType.Update, liveEdit))
    await roundTrip(raw)
    // Waiting, not stored or forwarded, and the connection is open.
    expect(freeTextOf(storedDoc(relay.dataDir, room))).toBe('')
    expect(freeTextOf(observer.doc)).toBe('')
    expect(raw.socket.readyState).toBe(raw.socket.OPEN)

    raw.send(syncFrame(SyncMessageType.Step2, offlineEdits))
    await roundTrip(raw)
    expect(freeTextOf(storedDoc(relay.dataDir, room))).toBe('Offline notiert. Live getippt.')
    await until(() => freeTextOf(observer.doc) === 'Offline notiert. Live getippt.', {
      message: 'both edits at the other client',
    })
    expect(raw.socket.readyState).toBe(raw.socket.OPEN)
  })

  it('closes with 4400 when the waiting updates pass their bound, and stores none of them', async () => {
    const kase = await createCase(miriam)
    const room = `cases/${kase.id}/notes`
    const raw = await connectRaw(relay.wsUrl, room, miriam.client.cookie)
    const device = new Y.Doc()
    freeText(device).insert(0, 'Basis')
    for (let i = 0; i < 70 && raw.socket.readyState === raw.socket.OPEN; i += 1) {
      const before = Y.encodeStateVector(device)
      freeText(device).insert(0, `${i} `)
      raw.send(syncFrame(SyncMessageType.Update, Y.encodeStateAsUpdate(device, before)))
    }
    await expect(raw.closed).resolves.toMatchObject({ code: 4400 })
    expect(freeTextOf(storedDoc(relay.dataDir, room))).toBe('')
  })
})
