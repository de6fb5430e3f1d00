/**
 * Convergence under faults (a seeded property test in the style of the Yjs
 * tests): several coach devices, each with its own local copy (y-indexeddb
 * over fake-indexeddb), make random edits in every kind of room of a case
 * while going offline, reloading from their local copy, reconnecting, and
 * while the relay restarts. In the end every replica and the relay's stored
 * state are identical and valid. Replay a failure with CONVERGENCE_SEED=<seed>.
 */
import 'fake-indexeddb/auto'
import * as prng from 'lib0/prng'
import { describe, expect, it } from 'vitest'
import { IndexeddbPersistence } from 'y-indexeddb'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { readNotes } from '../../shared/src/caseDocument/notes.js'
import { addGoal, emptyGoal, planApproach, planGoals, readPlan, removeGoal, setGoalField, setPlanMetaField } from '../../shared/src/caseDocument/plan.js'
import { Phases } from '../../shared/src/caseDocument/plan.js'
import { createCase, createStaff, setupAdmin, type LoggedIn } from '../helpers/apiClient.js'
import { startRelay, type TestRelay } from '../helpers/startRelay.js'
import { until } from '../helpers/until.js'
import { cookieWebSocket, storedDoc } from './support/syncClients.js'

const seed = Number(process.env.CONVERGENCE_SEED ?? Math.floor(Math.random() * 2 ** 31))
const steps = Number(process.env.CONVERGENCE_STEPS ?? 160)

/** One room on one device: its doc, local copy and (while online) provider. */
interface Replica {
  room: string
  doc: Y.Doc
  local: IndexeddbPersistence
  provider: WebsocketProvider
}

/** A coach's device: a browser profile with a local copy of each room. */
class Device {
  replicas: Replica[] = []
  online = true
  reloads = 0

  constructor(
    readonly name: string,
    readonly person: LoggedIn,
    readonly rooms: string[],
    private relay: () => TestRelay,
  ) {}

  async open(): Promise<void> {
    this.replicas = []
    for (const room of this.rooms) {
      const doc = new Y.Doc()
      const local = new IndexeddbPersistence(`${this.name}:${room}`, doc)
      await local.whenSynced
      const provider = new WebsocketProvider(this.relay().wsUrl, room, doc, {
        connect: this.online,
        disableBc: true,
        WebSocketPolyfill: cookieWebSocket(this.person.client.cookie) as unknown as typeof globalThis.WebSocket,
      })
      this.replicas.push({ room, doc, local, provider })
    }
  }

  /** Closes everything; the local copies stay (a closed tab). */
  async close(): Promise<void> {
    for (const replica of this.replicas) {
      replica.provider.destroy()
      await replica.local.destroy()
      replica.doc.destroy()
    }
    this.replicas = []
  }

  async reload(): Promise<void> {
    this.reloads += 1
    await this.close()
    await this.open()
  }

  setOnline(online: boolean): void {
    this.online = online
    for (const replica of this.replicas) {
      if (online) {
        replica.provider.connect()
      } else {
        replica.provider.disconnect()
      }
    }
  }

  /** Points the providers at a restarted relay (same port, so nothing to do but reconnect). */
  replica(room: string): Replica {
    const replica = this.replicas.find((candidate) => candidate.room === room)
    if (!replica) {
      throw new Error(`no replica of ${room}`)
    }
    return replica
  }
}

/** Everything a person could see of a room, as comparable JSON. */
function contentOf(room: string, doc: Y.Doc): unknown {
  if (room.endsWith('/plan')) {
    const plan = readPlan(doc)
    return { plan, approach: planApproach(doc).toJSON() }
  }
  if (room.endsWith('/notes')) {
    return { notes: readNotes(doc), phases: Phases.map((phase) => doc.getXmlFragment(`phase:${phase}`).toJSON()) }
  }
  return { content: doc.getXmlFragment('content').toJSON(), meta: doc.getMap('meta').toJSON() }
}

function randomWord(gen: prng.PRNG): string {
  return prng.oneOf(gen, ['Kasse', 'Pause', 'Schicht', 'Check-in', 'Feedback', 'Liste', 'Demir', 'Tempo', 'ruhig', 'gut'])
}

/** One random edit a coach could make in a room. */
function randomEdit(gen: prng.PRNG, room: string, doc: Y.Doc): void {
  if (room.endsWith('/plan')) {
    const goals = planGoals(doc).toArray()
    const choice = prng.int32(gen, 0, 4)
    if (choice === 0 || goals.length === 0) {
      addGoal(doc, { ...emptyGoal(`g${prng.uint32(gen, 0, 2 ** 31)}`), title: randomWord(gen) })
    } else if (choice === 1) {
      const goal = prng.oneOf(gen, goals)
      setGoalField(doc, String(goal.get('id')), 'status', prng.oneOf(gen, ['open', 'achieved', 'partlyAchieved'] as const))
    } else if (choice === 2 && goals.length > 2) {
      removeGoal(doc, String(prng.oneOf(gen, goals).get('id')))
    } else if (choice === 3) {
      setPlanMetaField(doc, 'hoursBudget', prng.int32(gen, 10, 200))
    } else {
      insertText(gen, planApproach(doc))
    }
    return
  }
  if (room.endsWith('/notes')) {
    insertText(gen, doc.getXmlFragment(`phase:${prng.oneOf(gen, [...Phases])}`))
    return
  }
  insertText(gen, doc.getXmlFragment('content'))
}

/** Inserts, extends or deletes text in a rich-text fragment (paragraphs of text). */
function insertText(gen: prng.PRNG, fragment: Y.XmlFragment): void {
  const paragraphs = fragment.toArray().filter((node): node is Y.XmlElement => node instanceof Y.XmlElement)
  const paragraph = paragraphs.length > 0 && prng.bool(gen) ? prng.oneOf(gen, paragraphs) : null
  const text = paragraph?.get(0)
  if (paragraph && text instanceof Y.XmlText) {
    if (text.length > 8 && prng.int32(gen, 0, 3) === 0) {
      const at = prng.int32(gen, 0, text.length - 4)
      text.delete(at, 3)
    } else {
      text.insert(prng.int32(gen, 0, text.length), ` ${randomWord(gen)}`)
    }
    return
  }
  const element = new Y.XmlElement('paragraph')
  element.insert(0, [new Y.XmlText(randomWord(gen))])
  fragment.insert(prng.int32(gen, 0, fragment.length), [element])
}

describe('convergence under faults', () => {
  it(`replicas with local copies converge through offline periods, reloads and relay restarts (seed ${seed})`, async () => {
    process.stdout.write(`convergence seed: ${seed} (replay with CONVERGENCE_SEED=${seed})\n`)
    const gen = prng.create(seed)
    let relay = await startRelay()
    const miriam = await setupAdmin(relay)
    const tobias = await createStaff(miriam)
    const kase = await createCase(miriam)
    expect((await miriam.client.request('POST', `/api/cases/${kase.id}/members`, { userId: tobias.user.id, role: 'coach' })).status).toBe(201)
    const rooms = [`cases/${kase.id}/plan`, `cases/${kase.id}/notes`, `cases/${kase.id}/confidential/healthRestrictions`]
    const devices = [
      new Device(`laptop-${seed}`, miriam, rooms, () => relay),
      new Device(`tablet-${seed}`, miriam, rooms, () => relay),
      new Device(`tobias-${seed}`, tobias, rooms, () => relay),
    ]
    for (const device of devices) {
      await device.open()
    }
    await until(() => devices.every((device) => device.replicas.every((replica) => replica.provider.synced)), {
      timeoutMs: 10_000,
      message: 'initial sync',
    })

    let restarts = 0
    for (let step = 0; step < steps; step += 1) {
      const device = prng.oneOf(gen, devices)
      const action = prng.int32(gen, 0, 99)
      if (action < 75) {
        const replica = prng.oneOf(gen, device.replicas)
        randomEdit(gen, replica.room, replica.doc)
      } else if (action < 87) {
        device.setOnline(!device.online)
      } else if (action < 96) {
        await device.reload()
      } else {
        // The relay restarts on the same port and data: clients reconnect on their own.
        await relay.stop()
        relay = await startRelay({ dataDir: relay.dataDir, port: relay.port })
        restarts += 1
      }
      if (prng.int32(gen, 0, 4) === 0) {
        await new Promise((resolve) => setTimeout(resolve, prng.int32(gen, 0, 30)))
      }
    }

    for (const device of devices) {
      device.setOnline(true)
    }
    const snapshot = (): string[] =>
      rooms.map((room) => {
        const contents = devices.map((device) => JSON.stringify(contentOf(room, device.replica(room).doc)))
        return contents.every((content) => content === contents[0]) ? (contents[0] ?? '') : ''
      })
    await until(() => snapshot().every((content) => content !== ''), { timeoutMs: 30_000, message: 'every replica of every room equal' })

    for (const room of rooms) {
      const replica = devices[0]!.replica(room)
      // Every replica is valid against the schema …
      const content = contentOf(room, replica.doc) as { plan?: { ok: boolean }; notes?: { ok: boolean } }
      if (content.plan) {
        expect(content.plan.ok).toBe(true)
      }
      if (content.notes) {
        expect(content.notes.ok).toBe(true)
      }
      // … and what the relay stored is the same state.
      await until(() => JSON.stringify(contentOf(room, storedDoc(relay.dataDir, room))) === JSON.stringify(contentOf(room, replica.doc)), {
        timeoutMs: 10_000,
        message: `stored state of ${room} equals the replicas`,
      })
    }
    process.stdout.write(
      `convergence: ${steps} steps, ${restarts} relay restarts, ${devices.reduce((sum, device) => sum + device.reloads, 0)} reloads\n`,
    )
    for (const device of devices) {
      await device.close()
    }
  }, 90_000)
})
