/**
 * Where a relay's memory per open room goes (issue 21, `npm run bench:memory`;
 * not part of npm test). Starts one relay (built Fallbuch on SQLite, or a
 * reference) with its inspector open, makes MEMORY_ROOMS rooms, then opens
 * them with one client each that types one short paragraph (small
 * documents), and measures:
 *
 * - RSS and process.memoryUsage() of the relay process before any socket,
 *   with every room open (as the bench reads it, and after a forced GC),
 *   and after every client left and the rooms unloaded;
 * - in a second relay process (a heap snapshot makes RSS grow), two V8 heap
 *   snapshots (before the sockets and with every room open), compared by
 *   constructor: what each open room adds to the heap, biggest first; and
 *   the retained size of the relay's per-room and per-connection objects.
 *   Time figures are not measured here (a shared machine makes them
 *   unreliable; memory is not).
 *
 *   MEMORY_ROOMS=n        rooms (default 1000)
 *   MEMORY_RELAY=name     Fallbuch (default) or y-websocket-server or Hocuspocus
 *   MEMORY_TOP=n          rows of the heap comparison (default 30)
 *   MEMORY_SNAPSHOTS=0    RSS only, without the heap comparison
 *
 * Needs the server's build (`npm run bench:memory` makes it).
 */
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { setTimeout as sleep } from 'node:timers/promises'
import WebSocket from 'ws'
import { closeAll, inBatches, openWriter } from './protocol.mjs'
import { FallbuchName, rssKiB, startRelay } from './relays.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const rooms = Number(process.env.MEMORY_ROOMS ?? 1_000)
const relayName = process.env.MEMORY_RELAY ?? FallbuchName
const top = Number(process.env.MEMORY_TOP ?? 30)
const snapshots = process.env.MEMORY_SNAPSHOTS !== '0'

/** Sockets opened at once. */
const ConnectConcurrency = 20

function log(line = '') {
  process.stdout.write(`${line}\n`)
}

/**
 * A Chrome DevTools Protocol session with the relay (started with
 * --inspect=127.0.0.1:0 through NODE_OPTIONS): forced garbage
 * collections, process.memoryUsage() and heap snapshots.
 */
async function inspect(relay) {
  let address = null
  for (let waited = 0; address === null && waited < 10_000; waited += 100) {
    address = /Debugger listening on (ws:\/\/\S+)/.exec(relay.logLines().join('\n'))?.[1] ?? null
    if (address === null) {
      await sleep(100)
    }
  }
  if (address === null) {
    throw new Error('the relay printed no inspector address')
  }
  const ws = new WebSocket(address, { perMessageDeflate: false, maxPayload: 2 ** 31 })
  await new Promise((resolve, reject) => {
    ws.once('open', resolve)
    ws.once('error', reject)
  })
  let nextId = 1
  const waiting = new Map()
  let chunks = null
  ws.on('message', (data) => {
    const message = JSON.parse(data.toString())
    if (message.method === 'HeapProfiler.addHeapSnapshotChunk') {
      chunks?.push(message.params.chunk)
    } else if (message.id !== undefined) {
      waiting.get(message.id)?.(message)
      waiting.delete(message.id)
    }
  })
  const call = (method, params = {}) =>
    new Promise((resolve, reject) => {
      const id = nextId
      nextId += 1
      waiting.set(id, (message) => (message.error ? reject(new Error(`${method}: ${message.error.message}`)) : resolve(message.result)))
      ws.send(JSON.stringify({ id, method, params }))
    })
  return {
    async gc() {
      await call('HeapProfiler.collectGarbage')
    },
    /** process.memoryUsage() of the relay, in bytes. */
    async memoryUsage() {
      const result = await call('Runtime.evaluate', { expression: 'JSON.stringify(process.memoryUsage())', returnByValue: true })
      return JSON.parse(result.result.value)
    },
    /** A heap snapshot, parsed (taking it makes the relay's RSS grow: measure RSS before). */
    async snapshot() {
      chunks = []
      await call('HeapProfiler.takeHeapSnapshot', { reportProgress: false })
      const text = chunks.join('')
      chunks = null
      return JSON.parse(text)
    },
    close: () => ws.close(),
  }
}

/**
 * Self sizes of a snapshot's nodes summed by kind: objects by constructor
 * name, everything else (arrays, strings, code, native memory such as
 * ArrayBuffer backing stores) by node type, with counts.
 */
function heapByKind(snapshot) {
  const fields = snapshot.snapshot.meta.node_fields
  const types = snapshot.snapshot.meta.node_types[0]
  const typeAt = fields.indexOf('type')
  const nameAt = fields.indexOf('name')
  const sizeAt = fields.indexOf('self_size')
  const stride = fields.length
  const { nodes, strings } = snapshot
  const kinds = new Map()
  let total = 0
  for (let i = 0; i < nodes.length; i += stride) {
    const type = types[nodes[i + typeAt]]
    const size = nodes[i + sizeAt]
    const name = strings[nodes[i + nameAt]]
    const kind =
      type === 'object' || type === 'closure'
        ? `${type === 'closure' ? 'closure ' : ''}${name}`
        : type === 'native' || type === 'hidden'
          ? `(${type}) ${name.length > 40 ? `${name.slice(0, 40)}…` : name}`
          : `(${type})`
    const entry = kinds.get(kind) ?? { count: 0, bytes: 0 }
    entry.count += 1
    entry.bytes += size
    kinds.set(kind, entry)
    total += size
  }
  return { kinds, total }
}

/** Classes whose retained size is printed: the relay's per-room and per-connection structures. */
const RetainerClasses = [
  'Room',
  'Doc',
  'Awareness',
  'UpdateJudge',
  'CommitQueue',
  'AwarenessAccounts',
  'CompactionPolicy',
  'TaskChain',
  'Connection',
  'WaitingUpdates',
  'TokenBucket',
  'RelayWebSocket',
  'WebSocket',
  'Socket',
  'Receiver',
  'Sender',
  'IncomingMessage',
  'Timeout',
  'WSConnection',
  'Hocuspocus',
  'Document',
  'WSSharedDoc',
]

/**
 * Retained size (what would be freed with it) of every object of the
 * classes above, from the snapshot's dominator tree (Cooper, Harvey and
 * Kennedy's iterative algorithm; weak edges do not retain).
 */
function retainedByClass(snapshot) {
  const fields = snapshot.snapshot.meta.node_fields
  const edgeFields = snapshot.snapshot.meta.edge_fields
  const edgeTypes = snapshot.snapshot.meta.edge_types[0]
  const stride = fields.length
  const edgeStride = edgeFields.length
  const { nodes, edges, strings } = snapshot
  const count = nodes.length / stride
  const edgeCountAt = fields.indexOf('edge_count')
  const sizeAt = fields.indexOf('self_size')
  const nameAt = fields.indexOf('name')
  const typeAt = fields.indexOf('type')
  const edgeTypeAt = edgeFields.indexOf('type')
  const toAt = edgeFields.indexOf('to_node')
  const weak = edgeTypes.indexOf('weak')
  const firstEdge = new Uint32Array(count + 1)
  for (let n = 0, e = 0; n < count; n += 1) {
    firstEdge[n] = e
    e += nodes[n * stride + edgeCountAt] * edgeStride
    firstEdge[n + 1] = e
  }
  const strong = (e) => edges[e + edgeTypeAt] !== weak
  // Reverse postorder from the root (node 0), iteratively.
  const order = new Int32Array(count).fill(-1)
  const postorder = new Uint32Array(count)
  let visited = 0
  const stack = [0]
  const next = new Uint32Array(count)
  const seen = new Uint8Array(count)
  seen[0] = 1
  for (let n = 0; n < count; n += 1) {
    next[n] = firstEdge[n]
  }
  while (stack.length > 0) {
    const n = stack[stack.length - 1]
    if (next[n] < firstEdge[n + 1]) {
      const e = next[n]
      next[n] += edgeStride
      const to = edges[e + toAt] / stride
      if (strong(e) && !seen[to]) {
        seen[to] = 1
        stack.push(to)
      }
    } else {
      stack.pop()
      order[n] = visited
      postorder[visited] = n
      visited += 1
    }
  }
  // Predecessors (strong edges, reachable nodes only).
  const predCount = new Uint32Array(count + 1)
  for (let n = 0; n < count; n += 1) {
    if (order[n] < 0) {continue}
    for (let e = firstEdge[n]; e < firstEdge[n + 1]; e += edgeStride) {
      if (strong(e)) {predCount[edges[e + toAt] / stride + 1] += 1}
    }
  }
  for (let n = 0; n < count; n += 1) {predCount[n + 1] += predCount[n]}
  const preds = new Uint32Array(predCount[count])
  const fill = predCount.slice(0, count)
  for (let n = 0; n < count; n += 1) {
    if (order[n] < 0) {continue}
    for (let e = firstEdge[n]; e < firstEdge[n + 1]; e += edgeStride) {
      if (strong(e)) {
        const to = edges[e + toAt] / stride
        preds[fill[to]] = n
        fill[to] += 1
      }
    }
  }
  const idom = new Int32Array(count).fill(-1)
  idom[0] = 0
  const intersect = (a, b) => {
    while (a !== b) {
      while (order[a] < order[b]) {a = idom[a]}
      while (order[b] < order[a]) {b = idom[b]}
    }
    return a
  }
  for (let changed = true; changed; ) {
    changed = false
    for (let i = visited - 2; i >= 0; i -= 1) {
      const n = postorder[i]
      let dom = -1
      for (let p = predCount[n]; p < predCount[n + 1]; p += 1) {
        const pred = preds[p]
        if (idom[pred] < 0) {continue}
        dom = dom < 0 ? pred : intersect(pred, dom)
      }
      if (dom >= 0 && idom[n] !== dom) {
        idom[n] = dom
        changed = true
      }
    }
  }
  const retained = new Float64Array(count)
  for (let i = 0; i < visited; i += 1) {
    const n = postorder[i]
    retained[n] += nodes[n * stride + sizeAt]
    if (n !== 0 && idom[n] >= 0) {retained[idom[n]] += retained[n]}
  }
  const objectType = snapshot.snapshot.meta.node_types[0].indexOf('object')
  const byClass = new Map()
  for (let n = 0; n < count; n += 1) {
    if (nodes[n * stride + typeAt] !== objectType || order[n] < 0) {continue}
    const name = strings[nodes[n * stride + nameAt]]
    if (!RetainerClasses.includes(name)) {continue}
    const entry = byClass.get(name) ?? { count: 0, retained: 0, self: 0 }
    entry.count += 1
    entry.retained += retained[n]
    entry.self += nodes[n * stride + sizeAt]
    byClass.set(name, entry)
  }
  return byClass
}

/** Per open room: what the second snapshot holds beyond the first, by kind. */
function compare(before, after, count) {
  const names = new Set([...before.kinds.keys(), ...after.kinds.keys()])
  const rows = []
  for (const name of names) {
    const a = before.kinds.get(name) ?? { count: 0, bytes: 0 }
    const b = after.kinds.get(name) ?? { count: 0, bytes: 0 }
    rows.push({ name, perRoomBytes: (b.bytes - a.bytes) / count, perRoomCount: (b.count - a.count) / count })
  }
  rows.sort((x, y) => y.perRoomBytes - x.perRoomBytes)
  return { rows, perRoom: (after.total - before.total) / count }
}

async function waitUntilUnloaded(relay, timeoutMs) {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const loaded = await relay.loadedRooms()
    if (loaded === 0 || Number.isNaN(loaded) || Date.now() > deadline) {
      return loaded
    }
    await sleep(200)
  }
}

/** Opens every room with one writer that types one paragraph; resolves once each round trip is done. */
function openRooms(targets) {
  return inBatches(targets.length, ConnectConcurrency, async (i) => {
    const writer = await openWriter(targets[i])
    writer.push(`Gesprächsnotiz ${i}: Termin mit der Teamleitung vereinbart.`)
    await writer.roundTrip()
    return writer
  })
}

const MiB = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`
const perRoomKB = (bytes) => `${(bytes / 1000 / rooms).toFixed(1)} KB`

/** One relay process: RSS and memoryUsage before the sockets, with every room open (before and after a GC), after the unload. */
async function measureRss() {
  const relay = await startRelay(relayName, root)
  try {
    const inspector = await inspect(relay)
    const targets = await inBatches(rooms, 10, () => relay.newRoom())
    await inspector.gc()
    await sleep(500)
    const before = { ...(await inspector.memoryUsage()), rss: rssKiB(relay.pid) * 1024 }
    const clients = await openRooms(targets)
    await sleep(1_500)
    // As the bench reads it: no forced GC.
    const openRss = rssKiB(relay.pid) * 1024
    await inspector.gc()
    const open = { ...(await inspector.memoryUsage()), rss: rssKiB(relay.pid) * 1024 }
    const loaded = await relay.loadedRooms()
    await closeAll(clients)
    const stillLoaded = await waitUntilUnloaded(relay, 60_000)
    await sleep(500)
    await inspector.gc()
    const unloaded = { ...(await inspector.memoryUsage()), rss: rssKiB(relay.pid) * 1024 }
    inspector.close()
    log('')
    log(`memory of the relay process (${relayName}, ${rooms} rooms, one client each)`)
    log(`                     before sockets   ${rooms} open (GC'd)   per open room   after unload`)
    for (const key of ['rss', 'heapTotal', 'heapUsed', 'external', 'arrayBuffers']) {
      log(`  ${key.padEnd(16)} ${MiB(before[key]).padStart(13)}   ${MiB(open[key]).padStart(17)}   ${perRoomKB(open[key] - before[key]).padStart(13)}   ${MiB(unloaded[key]).padStart(12)}`)
    }
    log(`  RSS / open room without a GC (the bench's figure: whole process / rooms): ${((openRss * 1.024) / 1024 / rooms).toFixed(1)} KB; growth ${perRoomKB(openRss - before.rss)}`)
    log(`  rooms loaded while open: ${loaded}; after everyone left: ${stillLoaded}`)
  } finally {
    await relay.stop()
  }
}

/** Another relay process: heap snapshots before the sockets and with every room open, compared by kind. */
async function compareSnapshots() {
  const relay = await startRelay(relayName, root)
  try {
    const inspector = await inspect(relay)
    const targets = await inBatches(rooms, 10, () => relay.newRoom())
    await sleep(500)
    const before = heapByKind(await inspector.snapshot())
    const clients = await openRooms(targets)
    await sleep(1_500)
    const openSnapshot = await inspector.snapshot()
    const open = heapByKind(openSnapshot)
    const retained = retainedByClass(openSnapshot)
    inspector.close()
    await closeAll(clients)
    const { rows, perRoom } = compare(before, open, rooms)
    log('')
    log(`heap snapshots: ${(before.total / 1e6).toFixed(1)} MB before the sockets, ${(open.total / 1e6).toFixed(1)} MB with ${rooms} rooms open: ${(perRoom / 1000).toFixed(1)} KB / open room`)
    log(`by kind (top ${top}): bytes / room, objects / room`)
    for (const row of rows.slice(0, top)) {
      log(`  ${row.perRoomBytes.toFixed(0).padStart(7)} B  ${row.perRoomCount.toFixed(2).padStart(7)}  ${row.name}`)
    }
    log('')
    log('retained size (freed with it; dominator tree) with the rooms open: objects, bytes retained / object, total / room')
    for (const [name, entry] of [...retained.entries()].sort((a, b) => b[1].retained - a[1].retained)) {
      log(`  ${name.padEnd(18)} ${String(entry.count).padStart(6)}  ${(entry.retained / entry.count).toFixed(0).padStart(8)} B  ${(entry.retained / rooms).toFixed(0).padStart(8)} B`)
    }
  } finally {
    await relay.stop()
  }
}

// Inherited by the relay processes (spawnRelay passes the environment on).
process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --inspect=127.0.0.1:0`.trim()
await measureRss()
if (snapshots) {
  await compareSnapshots()
}
process.exit(0)
