/**
 * Issue 9, frame fuzzing: at least 10,000 random and mutated frames (bit
 * flips, truncations, varUint overflows, huge length prefixes, splices,
 * text frames, unknown types) from several connections that reconnect when
 * closed, at a live relay. Throughout, an honest coach keeps editing and an
 * observer keeps receiving; afterwards the honest room's document and log
 * hold exactly the honest edits, and the room that writers fuzzed holds
 * nothing that would not integrate. Prints its seed (FUZZ_SEED replays it).
 */
import * as encoding from 'lib0/encoding'
import { beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { readNotes } from '../../shared/src/caseDocument/notes.js'
import { MessageType } from '../../shared/src/protocol/messageTypes.js'
import { createCase, createStaff, inviteAndAccept, setupAdmin, type LoggedIn } from '../helpers/apiClient.js'
import { startRelay, type TestRelay } from '../helpers/startRelay.js'
import { until } from '../helpers/until.js'
import {
  connectProvider,
  connectRaw,
  freeText,
  freeTextOf,
  readSyncFrame,
  roundTrip,
  storedDoc,
  syncFrame,
  SyncMessageType,
  type RawClient,
} from './support/syncClients.js'

/** A small seeded PRNG (mulberry32). */
function prng(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000)
const random = prng(seed)
const int = (n: number): number => Math.floor(random() * n)
const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T

function awarenessFrame(clientId: number, clock: number, state: unknown): Uint8Array {
  const inner = encoding.createEncoder()
  encoding.writeVarUint(inner, 1)
  encoding.writeVarUint(inner, clientId)
  encoding.writeVarUint(inner, clock)
  encoding.writeVarString(inner, JSON.stringify(state))
  const outer = encoding.createEncoder()
  encoding.writeVarUint(outer, MessageType.Awareness)
  encoding.writeVarUint8Array(outer, encoding.toUint8Array(inner))
  return encoding.toUint8Array(outer)
}

/** Valid frames of every kind, the material the mutations start from. */
function baseFrames(): Uint8Array[] {
  const frames: Uint8Array[] = []
  for (let i = 0; i < 12; i += 1) {
    const doc = new Y.Doc()
    freeText(doc).insert(0, `Notiz ${i}`)
    // Valid for the notes schema (contract §8.2), so unmutated frames land: a map key, an array of maps.
    if (i % 3 === 0) {
      doc.getMap('reportLog').set('interimEveryMonths', 3 + (i % 4))
    }
    if (i % 4 === 0) {
      const fragment = doc.getXmlFragment('phase:analysis')
      const paragraph = new Y.XmlElement('paragraph')
      paragraph.insert(0, [new Y.XmlText('Absatz')])
      fragment.insert(0, [paragraph])
    }
    if (i % 5 === 0) {
      doc.getArray('hours').insert(0, [new Y.Map<unknown>([['id', `h${i}`], ['date', '2026-03-02'], ['hours', 2], ['activity', 'Begleitung'], ['coachId', 'c1']])])
    }
    const before = Y.encodeStateVector(doc)
    freeText(doc).delete(0, 2)
    freeText(doc).insert(1, 'xy')
    frames.push(syncFrame(SyncMessageType.Update, Y.encodeStateAsUpdate(doc)))
    frames.push(syncFrame(SyncMessageType.Step2, Y.encodeStateAsUpdate(doc, before)))
    frames.push(syncFrame(SyncMessageType.Step1, Y.encodeStateVector(doc)))
  }
  frames.push(awarenessFrame(4242, 1, { user: { name: 'Eve', color: '#ff0000' }, cursor: { anchor: 1, head: 2 } }))
  frames.push(awarenessFrame(4243, 7, null))
  frames.push(new Uint8Array([MessageType.QueryAwareness]))
  return frames
}

function writeHugeVarUint(bytes: number[]): void {
  // 2^53 - 1 and beyond: lib0 must refuse, not allocate.
  bytes.push(...pick([[0xff, 0xff, 0xff, 0xff, 0x0f], [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x0f], [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]]))
}

/** One hostile frame: a mutation of a valid one, or random bytes. */
function mutate(base: readonly Uint8Array[]): Uint8Array | string {
  const frame = [...pick(base)]
  switch (int(9)) {
    case 0: {
      for (let flips = 1 + int(8); flips > 0; flips -= 1) {
        const at = int(frame.length)
        frame[at] = (frame[at] ?? 0) ^ (1 << int(8))
      }
      return Uint8Array.from(frame)
    }
    case 1:
      return Uint8Array.from(frame.slice(0, int(frame.length)))
    case 2: {
      const at = int(frame.length + 1)
      const overflow = Array.from({ length: 10 + int(4) }, () => 0xff)
      return Uint8Array.from([...frame.slice(0, at), ...overflow, ...frame.slice(at)])
    }
    case 3: {
      // A huge length prefix in place of the payload's.
      const head = frame.slice(0, frame[0] === MessageType.Sync ? 2 : 1)
      const bytes = [...head]
      writeHugeVarUint(bytes)
      return Uint8Array.from([...bytes, ...frame.slice(head.length + 1, head.length + 1 + int(64))])
    }
    case 4:
      return Uint8Array.from({ length: int(256) }, () => int(256))
    case 5: {
      const other = pick(base)
      return Uint8Array.from([...frame.slice(0, int(frame.length)), ...other.slice(int(other.length))])
    }
    case 6:
      return pick(['hallo', '{"type":"sync"}', '\u0000', 'x'.repeat(int(1000))])
    case 7:
      return Uint8Array.from([pick([2, 4, 5, 99, 127]), ...frame.slice(1)])
    default: {
      // Several byte changes in the payload only, keeping the frame's header.
      for (let changes = 1 + int(4); changes > 0; changes -= 1) {
        const at = 3 + int(Math.max(1, frame.length - 3))
        if (at < frame.length) {
          frame[at] = int(256)
        }
      }
      return Uint8Array.from(frame)
    }
  }
}

let relay: TestRelay
let miriam: LoggedIn
let tobias: LoggedIn
let employer: LoggedIn

beforeAll(async () => {
  relay = await startRelay()
  miriam = await setupAdmin(relay)
  tobias = await createStaff(miriam)
})

describe('frame fuzzing', () => {
  it('survives 10,000 hostile frames with bounded memory; honest syncing goes on and only honest edits land', { timeout: 60_000 }, async () => {
    process.stdout.write(`frame fuzz seed: ${seed} (FUZZ_SEED=${seed} replays it)\n`)
    const kase = await createCase(miriam)
    await inviteAndAccept(miriam, kase.id, 'coach', tobias)
    employer = await inviteAndAccept(miriam, kase.id, 'employer')
    const honestRoom = `cases/${kase.id}/plan` // read-only for the employer
    const fuzzedRoom = `cases/${kase.id}/notes` // writable for the fuzzing coach

    const honest = await connectProvider(relay.wsUrl, honestRoom, miriam.client.cookie)
    const observer = await connectProvider(relay.wsUrl, honestRoom, miriam.client.cookie)
    const rssBefore = process.memoryUsage().rss

    const base = baseFrames()
    const target = 10_000
    let sent = 0
    let reconnects = 0
    let fuzzing = true

    async function fuzzer(room: string, cookie: string): Promise<void> {
      while (fuzzing && sent < target) {
        let client: RawClient
        try {
          client = await connectRaw(relay.wsUrl, room, cookie)
        } catch {
          continue // refused while a limit was reached; try again
        }
        reconnects += 1
        let open = true
        void client.closed.then(() => {
          open = false
        })
        while (open && fuzzing && sent < target) {
          const frame = random() < 0.15 ? pick(base) : mutate(base)
          client.send(frame)
          sent += 1
          // Wait until the relay handled the frame: a step 1's answer, or the close.
          const seen = client.received.length
          client.send(syncFrame(SyncMessageType.Step1, new Uint8Array([0])))
          await until(() => !open || client.received.slice(seen).some((f) => readSyncFrame(f)?.type === SyncMessageType.Step2), {
            timeoutMs: 10_000,
            message: 'the relay to handle a fuzz frame',
          })
        }
        client.socket.terminate()
      }
    }

    // The honest coach types throughout; the observer must keep up.
    let edits = 0
    const typing = (async () => {
      while (fuzzing) {
        freeText(honest.doc, 'plan').insert(freeTextOf(honest.doc, 'plan').length, `${edits % 10}`)
        edits += 1
        await new Promise((resolve) => setTimeout(resolve, 40))
      }
    })()
    let checks = 0
    const watching = (async () => {
      while (fuzzing) {
        const expected = freeTextOf(honest.doc, 'plan')
        await until(() => freeTextOf(observer.doc, 'plan').startsWith(expected), { timeoutMs: 5_000, message: 'the observer to receive the honest edits' })
        checks += 1
        await new Promise((resolve) => setTimeout(resolve, 250))
      }
    })()

    const started = Date.now()
    await Promise.all([
      ...Array.from({ length: 5 }, () => fuzzer(fuzzedRoom, tobias.client.cookie)),
      ...Array.from({ length: 2 }, () => fuzzer(fuzzedRoom, miriam.client.cookie)),
      ...Array.from({ length: 5 }, () => fuzzer(honestRoom, employer.client.cookie)),
    ])
    fuzzing = false
    await Promise.all([typing, watching])
    const seconds = (Date.now() - started) / 1000
    process.stdout.write(`frame fuzz: ${sent} frames over ${reconnects} connections in ${seconds.toFixed(1)} s, ${edits} honest edits, ${checks} observer checks\n`)
    expect(sent).toBeGreaterThanOrEqual(target)
    expect(checks).toBeGreaterThan(3)

    // Memory: generous bound on the whole test process (relay and clients).
    const rssGrowth = process.memoryUsage().rss - rssBefore
    expect(rssGrowth).toBeLessThan(400 * 1024 * 1024)

    // The honest room: served state, stored log and the honest doc agree exactly.
    const text = freeTextOf(honest.doc, 'plan')
    await until(() => freeTextOf(observer.doc, 'plan') === text, { message: 'the observer to converge' })
    const probe = await connectRaw(relay.wsUrl, honestRoom, miriam.client.cookie)
    const served = new Y.Doc()
    Y.applyUpdate(served, await roundTrip(probe))
    expect(Y.encodeStateVector(served)).toEqual(Y.encodeStateVector(honest.doc))
    expect(freeTextOf(served, 'plan')).toBe(text)
    const stored = storedDoc(relay.dataDir, honestRoom)
    expect(Y.encodeStateVector(stored)).toEqual(Y.encodeStateVector(honest.doc))
    expect(freeTextOf(stored, 'plan')).toBe(text)

    // The fuzzed room took whatever valid updates the mutations produced, but nothing that would not integrate.
    const fuzzedProbe = await connectRaw(relay.wsUrl, fuzzedRoom, miriam.client.cookie)
    const fuzzedServed = new Y.Doc()
    Y.applyUpdate(fuzzedServed, await roundTrip(fuzzedProbe))
    expect(fuzzedServed.store.pendingStructs).toBeNull()
    expect(fuzzedServed.store.pendingDs).toBeNull()
    const fuzzedStored = storedDoc(relay.dataDir, fuzzedRoom)
    expect(fuzzedStored.store.pendingStructs).toBeNull()
    expect(fuzzedStored.store.pendingDs).toBeNull()
    expect(Y.encodeStateVector(fuzzedStored)).toEqual(Y.encodeStateVector(fuzzedServed))
    // Contract §8.2: what landed fits the notes schema (every update was judged before commit).
    expect(readNotes(fuzzedStored)).toMatchObject({ ok: true })
  })
})
