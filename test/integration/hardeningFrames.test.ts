/**
 * Issue 9, hostile frames and limits: updates that would not integrate,
 * oversized or too deeply nested updates, floods, clients that stop reading,
 * connection and room limits, and client ids bound to accounts.
 */
import * as encoding from 'lib0/encoding'
import { beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { MalformedMessage, MessageTooLarge, RateLimited } from '../../shared/src/protocol/closeCodes.js'
import { MessageType } from '../../shared/src/protocol/messageTypes.js'
import { loadConfig } from '../../server/src/config/loadConfig.js'
import type { RelayLimits } from '../../server/src/config/relay.js'
import { createCase, createStaff, inviteAndAccept, setupAdmin, type LoggedIn } from '../helpers/apiClient.js'
import { startRelay, type TestRelay } from '../helpers/startRelay.js'
import { until } from '../helpers/until.js'
import { querySql } from './support/database.js'
import {
  connectRaw,
  freeText,
  freeTextOf,
  metricValue,
  roundTrip,
  storedUpdates,
  syncFrame,
  SyncMessageType,
  textUpdate,
  type RawClient,
  UpgradeRefused,
} from './support/syncClients.js'

const defaults = loadConfig({}).limits
const limits: RelayLimits = {
  ...defaults,
  maxUpdateStructs: 500,
  maxUpdateDepth: 16,
  syncMessageBurst: 40,
  syncMessagesPerSecond: 5,
  awarenessMessageBurst: 20,
  awarenessMessagesPerSecond: 5,
  maxSendBufferBytes: 512 * 1024,
  maxConnectionsPerAccount: 6,
}

let relay: TestRelay
let miriam: LoggedIn
let tobias: LoggedIn

beforeAll(async () => {
  relay = await startRelay({ limits })
  miriam = await setupAdmin(relay)
  tobias = await createStaff(miriam)
})

/** The room's full state as a fresh client receives it. */
async function servedText(room: string, cookie: string): Promise<string> {
  const probe = await connectRaw(relay.wsUrl, room, cookie)
  const doc = new Y.Doc()
  Y.applyUpdate(doc, await roundTrip(probe))
  probe.socket.close()
  return freeTextOf(doc)
}

async function closeCode(client: RawClient): Promise<number> {
  return (await client.closed).code
}

describe('hostile updates', () => {
  it('closes with 4400 an update that references structs the room lacks; nothing is stored or applied', async () => {
    const kase = await createCase(miriam)
    const room = `cases/${kase.id}/notes`
    const writer = await connectRaw(relay.wsUrl, room, miriam.client.cookie)
    writer.send(syncFrame(SyncMessageType.Update, textUpdate('Arbeitszeiten 8-12')))
    await roundTrip(writer)
    const logBefore = storedUpdates(relay.dataDir, room)

    // An edit made on top of content the relay never saw.
    const elsewhere = new Y.Doc()
    freeText(elsewhere).insert(0, 'unbekannt')
    const before = Y.encodeStateVector(elsewhere)
    freeText(elsewhere).insert(4, 'XX')
    const dangling = Y.encodeStateAsUpdate(elsewhere, before)

    const attacker = await connectRaw(relay.wsUrl, room, miriam.client.cookie)
    attacker.send(syncFrame(SyncMessageType.Update, dangling))
    expect(await attacker.closed).toEqual({ code: MalformedMessage.code, reason: MalformedMessage.reason })
    expect(storedUpdates(relay.dataDir, room)).toEqual(logBefore)
    expect(await servedText(room, miriam.client.cookie)).toBe('Arbeitszeiten 8-12')
    // The room holds nothing pending that it would re-send: a full sync yields exactly the stored state.
    const probe = await connectRaw(relay.wsUrl, room, miriam.client.cookie)
    const doc = new Y.Doc()
    Y.applyUpdate(doc, await roundTrip(probe))
    expect(doc.store.pendingStructs).toBeNull()
    expect(doc.store.pendingDs).toBeNull()
  })

  it('closes with 4400 a deletion of structs the room lacks, and a truncated update', async () => {
    const kase = await createCase(miriam)
    const room = `cases/${kase.id}/notes`
    const seeded = storedUpdates(relay.dataDir, room)
    const other = new Y.Doc()
    freeText(other).insert(0, 'abc')
    const before = Y.encodeStateVector(other)
    freeText(other).delete(0, 2)
    const deletion = Y.encodeStateAsUpdate(other, before)
    const a = await connectRaw(relay.wsUrl, room, miriam.client.cookie)
    a.send(syncFrame(SyncMessageType.Update, deletion))
    expect(await closeCode(a)).toBe(MalformedMessage.code)

    const full = textUpdate('Pausenregelung')
    const b = await connectRaw(relay.wsUrl, room, miriam.client.cookie)
    b.send(syncFrame(SyncMessageType.Update, full.slice(0, full.length - 3)))
    expect(await closeCode(b)).toBe(MalformedMessage.code)
    expect(storedUpdates(relay.dataDir, room)).toEqual(seeded)
  })

  it('bounds updates: too many structs close with 4413, too deep nesting with 4400', async () => {
    const kase = await createCase(miriam)
    const room = `cases/${kase.id}/notes`
    const seeded = storedUpdates(relay.dataDir, room)
    const many = new Y.Doc()
    for (let i = 0; i < 600; i += 1) {
      many.getArray<number>('a').insert(0, [i])
    }
    const a = await connectRaw(relay.wsUrl, room, miriam.client.cookie)
    a.send(syncFrame(SyncMessageType.Update, Y.encodeStateAsUpdate(many)))
    expect(await closeCode(a)).toBe(MessageTooLarge.code)

    const deep = new Y.Doc()
    let map = deep.getMap('root')
    for (let i = 0; i < 40; i += 1) {
      const child = new Y.Map<unknown>()
      map.set('child', child)
      map = child
    }
    const b = await connectRaw(relay.wsUrl, room, miriam.client.cookie)
    b.send(syncFrame(SyncMessageType.Update, Y.encodeStateAsUpdate(deep)))
    // Refused by the depth bound, before the schema check would (its reason is 'update refused').
    expect(await b.closed).toEqual({ code: MalformedMessage.code, reason: MalformedMessage.reason })
    expect(storedUpdates(relay.dataDir, room)).toEqual(seeded)
  })
})

describe('rate limits', () => {
  it('closes an update flood with 4429, and the honest client in the room keeps syncing', async () => {
    const kase = await createCase(miriam)
    const room = `cases/${kase.id}/notes`
    const honest = await connectRaw(relay.wsUrl, room, tobias.client.cookie).catch(async () => {
      await inviteAndAccept(miriam, kase.id, 'coach', tobias)
      return connectRaw(relay.wsUrl, room, tobias.client.cookie)
    })
    const flooder = await connectRaw(relay.wsUrl, room, miriam.client.cookie)
    const doc = new Y.Doc()
    doc.on('update', (update: Uint8Array) => flooder.send(syncFrame(SyncMessageType.Update, update)))
    for (let i = 0; i < 200; i += 1) {
      freeText(doc).insert(0, 'x')
    }
    expect(await closeCode(flooder)).toBe(RateLimited.code)
    honest.send(syncFrame(SyncMessageType.Update, textUpdate('noch da')))
    await roundTrip(honest)
    expect(await servedText(room, tobias.client.cookie)).toContain('noch da')
  })

  it('closes an awareness flood with 4429', async () => {
    const kase = await createCase(miriam)
    const flooder = await connectRaw(relay.wsUrl, `cases/${kase.id}/plan`, miriam.client.cookie)
    for (let i = 0; i < 100; i += 1) {
      const encoder = encoding.createEncoder()
      encoding.writeVarUint(encoder, MessageType.Awareness)
      const inner = encoding.createEncoder()
      encoding.writeVarUint(inner, 1)
      encoding.writeVarUint(inner, 4242)
      encoding.writeVarUint(inner, i + 1)
      encoding.writeVarString(inner, JSON.stringify({ cursor: i }))
      encoding.writeVarUint8Array(encoder, encoding.toUint8Array(inner))
      flooder.send(encoding.toUint8Array(encoder))
    }
    expect(await closeCode(flooder)).toBe(RateLimited.code)
  })

  it('lets a client within the rate keep writing (steady edits, one round trip each)', async () => {
    const kase = await createCase(miriam)
    const client = await connectRaw(relay.wsUrl, `cases/${kase.id}/notes`, miriam.client.cookie)
    const doc = new Y.Doc()
    doc.on('update', (update: Uint8Array) => client.send(syncFrame(SyncMessageType.Update, update)))
    for (let i = 0; i < 15; i += 1) {
      freeText(doc).insert(0, 'y')
      await roundTrip(client) // 2 sync messages per round, well inside burst 40
    }
    expect(client.socket.readyState).toBe(client.socket.OPEN)
  })
})

describe('slow readers', () => {
  it('drops a connection that stops reading once its send buffer passes the limit, with a metric', async () => {
    // Default message rates: this test sends large updates, not many.
    const own = await startRelay({ limits: { ...defaults, maxSendBufferBytes: 512 * 1024 } })
    const admin = await setupAdmin(own)
    const kase = await createCase(admin)
    const room = `cases/${kase.id}/notes`
    const sleeper = await connectRaw(own.wsUrl, room, admin.client.cookie)
    sleeper.socket.pause()
    const writer = await connectRaw(own.wsUrl, room, admin.client.cookie)
    const doc = new Y.Doc()
    doc.on('update', (update: Uint8Array) => writer.send(syncFrame(SyncMessageType.Update, update)))
    const chunk = 'x'.repeat(256 * 1024)
    await until(
      async () => {
        freeText(doc).insert(0, chunk)
        return (await metricValue(own.url, 'fallbuch_closed_for_slow_reader_total')) > 0
      },
      { timeoutMs: 20_000, intervalMs: 50, message: 'the sleeping client to be dropped' },
    )
    expect(await metricValue(own.url, 'fallbuch_open_connections')).toBe(1)
    await roundTrip(writer)
    expect(writer.socket.readyState).toBe(writer.socket.OPEN)
  })
})

describe('connection and room limits', () => {
  it('refuses more connections per account than allowed with HTTP 429 and accepts again after one closes', async () => {
    const admin = await createStaff(miriam)
    const kase = await createCase(admin)
    const room = `cases/${kase.id}/plan`
    const open: RawClient[] = []
    for (let i = 0; i < limits.maxConnectionsPerAccount; i += 1) {
      open.push(await connectRaw(relay.wsUrl, room, admin.client.cookie))
    }
    const refused = await connectRaw(relay.wsUrl, room, admin.client.cookie).catch((err: unknown) => err)
    expect(refused).toBeInstanceOf(UpgradeRefused)
    expect((refused as UpgradeRefused).status).toBe(429)
    open[0]?.socket.close()
    await open[0]?.closed
    await until(async () => {
      const again = await connectRaw(relay.wsUrl, room, admin.client.cookie).catch(() => null)
      again?.socket.close()
      return again !== null
    })
  })

  it('refuses a new room with HTTP 503 when the process holds MAX_LOADED_ROOMS, and still opens loaded ones', async () => {
    const small = await startRelay({ limits: { ...defaults, maxLoadedRooms: 2 }, roomIdleMs: 60_000 })
    const admin = await setupAdmin(small)
    const kase = await createCase(admin)
    await connectRaw(small.wsUrl, `cases/${kase.id}/plan`, admin.client.cookie)
    await connectRaw(small.wsUrl, `cases/${kase.id}/notes`, admin.client.cookie)
    const refused = await connectRaw(small.wsUrl, `cases/${kase.id}/confidential/diagnosis`, admin.client.cookie).catch((err: unknown) => err)
    expect((refused as UpgradeRefused).status).toBe(503)
    await connectRaw(small.wsUrl, `cases/${kase.id}/plan`, admin.client.cookie)
  })
})

describe('client id binding', () => {
  it("refuses with 4400 an update from another account that writes with a bound client id; the binding is stored and survives a restart", async () => {
    const kase = await createCase(miriam)
    const room = `cases/${kase.id}/notes`
    await inviteAndAccept(miriam, kase.id, 'coach', tobias)
    const doc = new Y.Doc()
    doc.clientID = 777_001
    freeText(doc).insert(0, 'Miriam schreibt')
    const mine = await connectRaw(relay.wsUrl, room, miriam.client.cookie)
    mine.send(syncFrame(SyncMessageType.Update, Y.encodeStateAsUpdate(doc)))
    await roundTrip(mine)
    const rows = querySql<{ user_id: string }>(relay.dataDir, 'SELECT user_id FROM yjs_client_ids WHERE room = ? AND client_id = ?', room, 777_001)
    expect(rows).toEqual([{ user_id: miriam.user.id }])

    const before = Y.encodeStateVector(doc)
    freeText(doc).insert(0, 'Tobias als Miriam: ')
    const forged = Y.encodeStateAsUpdate(doc, before)
    const logBefore = storedUpdates(relay.dataDir, room)
    const impostor = await connectRaw(relay.wsUrl, room, tobias.client.cookie)
    impostor.send(syncFrame(SyncMessageType.Update, forged))
    expect(await closeCode(impostor)).toBe(MalformedMessage.code)
    expect(storedUpdates(relay.dataDir, room)).toEqual(logBefore)
    expect(await servedText(room, miriam.client.cookie)).toBe('Miriam schreibt')

    // The owner may go on writing with it.
    mine.send(syncFrame(SyncMessageType.Update, forged))
    await roundTrip(mine)
    expect(await servedText(room, miriam.client.cookie)).toBe('Tobias als Miriam: Miriam schreibt')
  })
})
