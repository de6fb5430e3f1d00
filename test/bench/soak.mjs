/**
 * The busy-hour soak (issue 21, `npm run bench:soak`; not part of npm test):
 * 150 cases, 3 clients each typing in bursts into the case's notes with a
 * cursor (awareness) update per keystroke, 10 % of the clients dropping
 * offline (typing on) and coming back every 20 s, then everyone leaving at
 * once. Reports the edit round trip between partners (p50/p99), the longest
 * stall of a /healthz request timed every 100 ms (during the load and
 * during the mass disconnect), the relay's RSS (all connected, at the end
 * of the load, after the rooms unloaded and after 30 s idle), the database
 * file's size, and whether every room converged.
 *
 *   SOAK_SECONDS=n   length of the load (default 180)
 *   SOAK_CASES=n     cases (default 150; 3 clients each)
 *   SOAK_ROOT=dir    another checkout's build to soak (comparisons)
 */
import { statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as encoding from 'lib0/encoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import { decodeFrame, encodeSyncStep1, encodeSyncUpdate, MessageSync, nowMs, openSocket, stampsInUpdate, SyncStep1, SyncUpdate } from './protocol.mjs'
import { rssKiB, startFallbuch } from './relays.mjs'
import { quantile } from './stats.mjs'

const root = process.env.SOAK_ROOT ?? join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const seconds = Number(process.env.SOAK_SECONDS ?? 180)
const cases = Number(process.env.SOAK_CASES ?? 150)
const ClientsPerCase = 3
const DropShare = 0.1
const DropEveryMs = 20_000
const OfflineMs = 4_000
const MessageAwareness = 1
/** How long the relay idles after the rooms unloaded before its RSS is read again. */
const IdleAfterUnloadMs = 30_000
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/** One client of a case: a Y.Doc that survives going offline, a socket while online. */
class SoakClient {
  constructor(target, onDelay) {
    this.target = target
    this.onDelay = onDelay
    this.doc = new Y.Doc()
    this.awareness = new awarenessProtocol.Awareness(this.doc)
    this.note = this.doc.getXmlFragment('phase:analysis')
    this.text = null
    this.ws = null
    this.seq = 0
    this.leaving = false
    this.closedByRelay = 0
    this.doc.on('update', (update, origin) => {
      if (origin !== 'relay' && this.online) {
        this.ws.send(encodeSyncUpdate(update))
      }
    })
  }

  get online() {
    return this.ws !== null && this.ws.readyState === 1
  }

  async connect() {
    const ws = await openSocket(this.target, {
      timeoutMs: 60_000,
      // A frame may come in before the await below returns: handled one turn later.
      onMessage: (data) => setImmediate(() => ws === this.ws && this.receive(new Uint8Array(data))),
    })
    this.ws = ws
    ws.on('close', () => {
      // Closed by the relay (not dropped or left here): back after a second, as a provider does.
      if (ws === this.ws && !this.leaving) {
        this.closedByRelay += 1
        this.ws = null
        setTimeout(() => void (this.leaving ? undefined : this.connect().catch(() => {})), 1_000)
      }
    })
    ws.send(encodeSyncStep1(Y.encodeStateVector(this.doc)))
  }

  receive(data) {
    const frame = decodeFrame(data)
    if (frame.type !== MessageSync) {
      return
    }
    if (frame.syncType === SyncStep1) {
      // The relay's step 1: answered with what this client has and the relay lacks (edits typed offline).
      const encoder = encoding.createEncoder()
      encoding.writeVarUint(encoder, MessageSync)
      encoding.writeVarUint(encoder, 1)
      encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdate(this.doc, frame.payload))
      this.ws.send(encoding.toUint8Array(encoder))
      return
    }
    if (frame.syncType === SyncUpdate) {
      // Live updates only: a step 2 after a reconnect carries old stamps.
      const at = nowMs()
      for (const stamp of stampsInUpdate(frame.payload)) {
        this.onDelay(at - stamp.sentAt)
      }
    }
    Y.applyUpdate(this.doc, frame.payload, 'relay')
  }

  /** One keystroke: a stamped insert (offline ones unstamped) and a cursor update. */
  type() {
    this.seq += 1
    const online = this.online
    this.doc.transact(() => {
      if (this.text === null) {
        const paragraph = new Y.XmlElement('paragraph')
        this.note.insert(this.note.length, [paragraph])
        this.text = new Y.XmlText()
        paragraph.insert(0, [this.text])
      }
      this.text.insert(this.text.length, online ? ` ${this.seq}:${nowMs().toFixed(3)}` : ' offline')
    })
    this.awareness.setLocalState({ user: { name: 'x', color: '#336699' }, cursor: { index: this.text.length } })
    if (online) {
      const encoder = encoding.createEncoder()
      encoding.writeVarUint(encoder, MessageAwareness)
      encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.awareness, [this.doc.clientID]))
      this.ws.send(encoding.toUint8Array(encoder))
    }
  }

  drop() {
    const ws = this.ws
    this.ws = null
    ws?.terminate()
  }

  leave() {
    this.leaving = true
    return new Promise((resolve) => {
      if (!this.online) {
        resolve()
        return
      }
      this.ws.once('close', resolve)
      this.ws.close(1000)
    })
  }
}

/** Times GET /healthz every 100 ms; `stop()` resolves with the longest answer (ms) per phase. */
function healthProbe(url) {
  const longest = new Map()
  let phase = 'load'
  let running = true
  const loop = (async () => {
    while (running) {
      const started = nowMs()
      const currentPhase = phase
      try {
        await (await fetch(`${url}/healthz`)).arrayBuffer()
      } catch {
        // A refused request counts with its time like an answered one.
      }
      const ms = nowMs() - started
      longest.set(currentPhase, Math.max(longest.get(currentPhase) ?? 0, ms))
      await sleep(Math.max(0, 100 - ms))
    }
  })()
  return {
    setPhase: (name) => {
      phase = name
    },
    stop: async () => {
      running = false
      await loop
      return longest
    },
  }
}

/** Bursts of 5–15 keystrokes 120 ms apart, then 2–6 s of thinking, until `until`. */
async function typeInBursts(client, until) {
  await sleep(Math.random() * 3_000)
  while (nowMs() < until) {
    const burst = 5 + Math.floor(Math.random() * 11)
    for (let key = 0; key < burst && nowMs() < until; key += 1) {
      client.type()
      await sleep(120)
    }
    await sleep(2_000 + Math.random() * 4_000)
  }
}

/** Every 20 s, 10 % of the clients go offline for 4 s (typing on) and reconnect. */
async function dropAndReturn(clients, until) {
  let dropped = 0
  while (nowMs() + DropEveryMs < until) {
    await sleep(DropEveryMs)
    const chosen = clients.filter(() => Math.random() < DropShare)
    for (const client of chosen) {
      client.drop()
    }
    dropped += chosen.length
    await sleep(OfflineMs)
    await Promise.all(chosen.map((client) => client.connect()))
  }
  return dropped
}

async function main() {
  const relay = await startFallbuch(root)
  try {
    console.log(`soak: ${cases} cases x ${ClientsPerCase} clients, ${seconds} s, relay pid ${relay.pid}`)
    const delays = []
    const clients = []
    for (let i = 0; i < cases; i += 1) {
      const target = await relay.newRoom()
      for (let c = 0; c < ClientsPerCase; c += 1) {
        clients.push(new SoakClient(target, (delay) => delays.push(delay)))
      }
    }
    for (let i = 0; i < clients.length; i += 50) {
      await Promise.all(clients.slice(i, i + 50).map((client) => client.connect()))
    }
    const rssLoaded = rssKiB(relay.pid)
    const probe = healthProbe(relay.url)
    const until = nowMs() + seconds * 1_000
    const [dropped] = await Promise.all([dropAndReturn(clients, until), ...clients.map((client) => typeInBursts(client, until))])
    await sleep(3_000)
    const converged = countConverged(clients)
    // At the end of the load, with everyone still connected: the peak to compare the unloaded relay with.
    const rssEndOfLoad = rssKiB(relay.pid)
    probe.setPhase('leave')
    const leaveStarted = nowMs()
    await Promise.all(clients.map((client) => client.leave()))
    // Rooms compact on the last leave and unload after ROOM_IDLE_MS (1 s in the bench).
    while ((await relay.loadedRooms()) > 0 && nowMs() - leaveStarted < 60_000) {
      await sleep(200)
    }
    const unloadMs = nowMs() - leaveStarted
    await sleep(2_000)
    const longest = await probe.stop()
    const rssAfterUnload = rssKiB(relay.pid)
    // V8 gives memory back by itself once allocation has been low for a while (its memory reducer).
    await sleep(IdleAfterUnloadMs)
    const rssIdle = rssKiB(relay.pid)
    const file = join(relay.dataDir, 'fallbuch.sqlite')
    const sizeOf = (path) => {
      try {
        return statSync(path).size
      } catch {
        return 0
      }
    }
    const sorted = Float64Array.from(delays).sort()
    const report = {
      roundTripP50Ms: round(quantile(sorted, 0.5)),
      roundTripP99Ms: round(quantile(sorted, 0.99)),
      roundTrips: delays.length,
      longestHealthStallMs: { load: round(longest.get('load') ?? 0), massDisconnect: round(longest.get('leave') ?? 0) },
      roomsConverged: `${converged} of ${cases}`,
      clientDropsOffline: dropped,
      closedByRelay: clients.reduce((sum, client) => sum + client.closedByRelay, 0),
      unloadSeconds: round(unloadMs / 1_000),
      rssConnectedMiB: round(rssLoaded / 1024),
      rssEndOfLoadMiB: round(rssEndOfLoad / 1024),
      rssAfterUnloadMiB: round(rssAfterUnload / 1024),
      [`rssIdle${IdleAfterUnloadMs / 1000}sMiB`]: round(rssIdle / 1024),
      fileMiB: round(sizeOf(file) / 2 ** 20),
      walMiB: round(sizeOf(`${file}-wal`) / 2 ** 20),
    }
    console.log(JSON.stringify(report, null, 2))
    const logged = relay.logLines().filter((line) => !line.includes('master key'))
    if (logged.length > 0) {
      console.log(`relay logged ${logged.length} line(s), first: ${logged[0]}`)
    }
  } finally {
    await relay.stop()
  }
}

/** Rooms whose clients hold the same text (the relay holds what they sent; offline edits came back). */
function countConverged(clients) {
  let converged = 0
  for (let i = 0; i < clients.length; i += ClientsPerCase) {
    const texts = clients.slice(i, i + ClientsPerCase).map((client) => client.note.toString())
    if (texts.every((text) => text === texts[0])) {
      converged += 1
    }
  }
  return converged
}

function round(value) {
  return Math.round(value * 10) / 10
}

await main()
// The clients' awareness instances keep a timer each.
process.exit(0)
