/**
 * The three scenarios. Each takes a started relay (see relays.mjs) and
 * returns one repetition's metrics as `{ metricName: number }` plus `notes`
 * (things worth printing, such as dropped deliveries). Every loop is
 * bounded: fixed send counts, fixed drain deadlines.
 */
import Database from 'better-sqlite3'
import { join } from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { setTimeout as sleep } from 'node:timers/promises'
import * as Y from 'yjs'
import { closeAll, inBatches, nowMs, openReader, openWriter, parseStamp, stringsInUpdate } from './protocol.mjs'
import { quantile } from './stats.mjs'
import { cpuSeconds, rssKiB } from './relays.mjs'

/** Opens of an unrelated room before a cold open is measured. */
const WarmUpOpens = 5

/** Sockets opened at once while setting up many clients. */
const ConnectConcurrency = 20

/** Waits until `done()` or the deadline; returns whether `done()` became true. */
async function waitFor(done, timeoutMs, pollMs = 20) {
  const deadline = nowMs() + timeoutMs
  while (!done()) {
    if (nowMs() >= deadline) {
      return false
    }
    await sleep(pollMs)
  }
  return true
}

/** `promise`, or a rejection with `message` after `ms` (the timer never outlives the promise). */
function withTimeout(promise, ms, message) {
  let timer
  const timeout = new Promise((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

/** Collects delivery delays (ms) into a preallocated array. */
function delayCollector(capacity) {
  const delays = new Float64Array(Math.max(1, capacity))
  let count = 0
  return {
    add(delay) {
      if (count < delays.length) {
        delays[count] = delay
      }
      count += 1
    },
    get count() {
      return count
    },
    values: () => delays.subarray(0, Math.min(count, delays.length)),
  }
}

/**
 * CPU use while load runs, in % of one core: the relay's child process and
 * this harness process (the load generator). Near 100 % means that process
 * was the bottleneck; the machine has os.availableParallelism() cores.
 */
function cpuMonitor(relayPid) {
  const startedAt = nowMs()
  const relayStart = cpuSeconds(relayPid)
  const harnessStart = process.cpuUsage()
  return () => {
    const seconds = (nowMs() - startedAt) / 1000
    const harness = process.cpuUsage(harnessStart)
    return {
      relayCpuPct: (100 * (cpuSeconds(relayPid) - relayStart)) / seconds,
      harnessCpuPct: (100 * (harness.user + harness.system)) / 1e6 / seconds,
    }
  }
}

/** Event-loop delay of the harness itself while it generates load (high values mean the load generator lagged). */
function harnessLagMonitor() {
  const resolutionMs = 5
  const histogram = monitorEventLoopDelay({ resolution: resolutionMs })
  histogram.enable()
  return () => {
    histogram.disable()
    // The histogram records whole sampling intervals; the lag is what exceeds the resolution.
    return Math.max(0, histogram.percentile(99) / 1e6 - resolutionMs)
  }
}

/**
 * Scenario 1, fan-out: one room, one writer, `readers` raw readers; the
 * writer appends `rate` updates/s for `seconds`. Each update carries
 * `"<seq>:<sentAtMs>"`; readers take the stamp from the update's structs.
 */
export async function fanOut(relay, { readers, rate, seconds, drainMs }) {
  const { url } = await relay.newRoom()
  const total = Math.round(rate * seconds)
  const expected = total * readers
  const delays = delayCollector(expected)
  const onUpdate = (payload, at) => {
    for (const { value } of stringsInUpdate(payload)) {
      const stamp = parseStamp(value)
      if (stamp) {
        delays.add(at - stamp.sentAt)
      }
    }
  }
  const readerClients = await inBatches(readers, ConnectConcurrency, () => openReader(url, { cookie: relay.cookie, onUpdate }))
  await Promise.all(readerClients.map((reader) => reader.synced))
  const writer = await openWriter(url, { cookie: relay.cookie })
  const lag = harnessLagMonitor()
  const cpu = cpuMonitor(relay.pid)

  let sent = 0
  const start = nowMs()
  await new Promise((resolve) => {
    const tick = () => {
      const due = Math.min(total, Math.floor(((nowMs() - start) * rate) / 1000) + 1)
      while (sent < due) {
        writer.push(`${sent}:${nowMs().toFixed(3)}`)
        sent += 1
      }
      if (sent >= total) {
        resolve()
      } else {
        setTimeout(tick, 1)
      }
    }
    tick()
  })
  const sendSeconds = (nowMs() - start) / 1000
  await waitFor(() => delays.count >= expected, drainMs)
  const drained = delays.count >= expected
  const harnessLagP99 = lag()
  const cpuUse = cpu()
  const droppedReaders = readerClients.filter((reader) => reader.closedUnexpectedly).length
  await closeAll([writer, ...readerClients])

  const values = delays.values()
  const notes = []
  if (!drained) {
    notes.push(`${expected - delays.count} of ${expected} deliveries not yet received when the ${drainMs / 1000} s drain ended`)
  }
  if (droppedReaders > 0) {
    notes.push(`${droppedReaders} reader socket(s) closed by the relay during the run`)
  }
  if (writer.closedUnexpectedly) {
    notes.push('the writer socket was closed by the relay during the run')
  }
  return {
    metrics: {
      delayP50: quantile(values, 0.5),
      delayP99: quantile(values, 0.99),
      delayMax: quantile(values, 1),
      deliveredPct: (100 * delays.count) / expected,
      writerRate: total / sendSeconds,
      ...cpuUse,
      harnessLagP99,
    },
    notes,
  }
}

/**
 * Scenario 2, many rooms: `rooms` rooms with one writer and two readers
 * each; every writer sends one update per second for `seconds`, the rooms'
 * send times spread evenly over each second. RSS of the relay process after
 * the load (clients still connected), per room.
 */
export async function manyRooms(relay, { rooms, seconds, drainMs }) {
  const targets = await inBatches(rooms, 10, () => relay.newRoom())
  const rssBefore = rssKiB(relay.pid)
  const readersPerRoom = 2
  const expected = rooms * seconds * readersPerRoom
  const delays = delayCollector(expected)
  const onUpdate = (payload, at) => {
    for (const { value } of stringsInUpdate(payload)) {
      const stamp = parseStamp(value)
      if (stamp) {
        delays.add(at - stamp.sentAt)
      }
    }
  }
  const clients = await inBatches(rooms, ConnectConcurrency, async (i) => {
    const { url } = targets[i]
    const writer = await openWriter(url, { cookie: relay.cookie })
    const readers = []
    for (let r = 0; r < readersPerRoom; r += 1) {
      readers.push(await openReader(url, { cookie: relay.cookie, onUpdate }))
    }
    await Promise.all(readers.map((reader) => reader.synced))
    return { writer, readers }
  })
  const lag = harnessLagMonitor()
  const cpu = cpuMonitor(relay.pid)

  // One schedule for all rooms: room i sends at start + k s + i/rooms s.
  const schedule = []
  for (let k = 0; k < seconds; k += 1) {
    for (let i = 0; i < rooms; i += 1) {
      schedule.push({ at: k * 1000 + (i * 1000) / rooms, room: i, seq: k })
    }
  }
  schedule.sort((a, b) => a.at - b.at)
  let next = 0
  const start = nowMs()
  await new Promise((resolve) => {
    const tick = () => {
      const elapsed = nowMs() - start
      while (next < schedule.length && schedule[next].at <= elapsed) {
        const { room, seq } = schedule[next]
        clients[room].writer.push(`${seq}:${nowMs().toFixed(3)}`)
        next += 1
      }
      if (next >= schedule.length) {
        resolve()
      } else {
        setTimeout(tick, 1)
      }
    }
    tick()
  })
  await waitFor(() => delays.count >= expected, drainMs)
  const drained = delays.count >= expected
  const harnessLagP99 = lag()
  const cpuUse = cpu()
  const rssAfter = rssKiB(relay.pid)
  const all = clients.flatMap(({ writer, readers }) => [writer, ...readers])
  const dropped = all.filter((client) => client.closedUnexpectedly).length
  await closeAll(all)

  const values = delays.values()
  const notes = []
  if (!drained) {
    notes.push(`${expected - delays.count} of ${expected} deliveries not yet received when the ${drainMs / 1000} s drain ended`)
  }
  if (dropped > 0) {
    notes.push(`${dropped} socket(s) closed by the relay during the run`)
  }
  return {
    metrics: {
      delayP50: quantile(values, 0.5),
      delayP99: quantile(values, 0.99),
      deliveredPct: (100 * delays.count) / expected,
      rssPerRoom: rssAfter / rooms,
      rssDeltaPerRoom: (rssAfter - rssBefore) / rooms,
      ...cpuUse,
      harnessLagP99,
    },
    notes,
  }
}

/** Stored log rows of a Fallbuch room, read from its SQLite file (read-only). */
function storedRows(dataDir, room) {
  const db = new Database(join(dataDir, 'fallbuch.sqlite'), { readonly: true, fileMustExist: true })
  try {
    return db.prepare('SELECT COUNT(*) AS n FROM room_updates WHERE room = ?').get(room).n
  } finally {
    db.close()
  }
}

/** Waits until a Fallbuch relay holds no room in memory (GET /metrics); throws after `timeoutMs`. */
async function waitUntilUnloaded(relay, timeoutMs) {
  const deadline = nowMs() + timeoutMs
  let loaded = await relay.loadedRooms()
  while (loaded !== 0 && nowMs() < deadline) {
    await sleep(100)
    loaded = await relay.loadedRooms()
  }
  if (loaded !== 0) {
    throw new Error(`Fallbuch still holds ${loaded} room(s) in memory ${timeoutMs / 1000} s after the last client left`)
  }
}

/**
 * Scenario 3, cold open: one client writes `updates` small updates through
 * the relay and leaves; then, `opens` times, a new client opens the room and
 * the time from its upgrade request until sync step 2 arrives is measured
 * (then it leaves again). Fallbuch: before each open the harness waits until
 * the room is unloaded (GET /metrics), so every open loads it from SQLite.
 * Reference: an idle client stays connected throughout so the room stays in
 * memory. Returns one result per open; the write rate is in the first.
 */
export async function coldOpen(relay, { updates, opens, unloadTimeoutMs }) {
  const { url, room } = await relay.newRoom()
  const isFallbuch = relay.name === 'Fallbuch'
  const keeper = isFallbuch ? null : await openReader(url)
  if (keeper) {
    await withTimeout(keeper.synced, 30_000, `${relay.name}: no sync step 2 within 30 s (idle client)`)
  }

  const writer = await openWriter(url, { cookie: relay.cookie })
  const writeStart = nowMs()
  const chunk = 1_000
  for (let i = 0; i < updates; i += chunk) {
    for (let j = i; j < Math.min(updates, i + chunk); j += 1) {
      writer.push(`u${j}`)
    }
    // Bounded backlog: wait until the relay has handled this chunk.
    await withTimeout(writer.roundTrip(), 60_000, `${relay.name}: a chunk of ${chunk} updates was not handled within 60 s`)
  }
  const writeSeconds = (nowMs() - writeStart) / 1000
  await closeAll([writer])

  const results = []
  for (let open = 0; open < opens; open += 1) {
    // Warm up the upgrade path of relay and harness (JIT) on another, empty
    // room, so the measured open is about the room, not the first upgrades.
    const warmUp = await relay.newRoom()
    for (let i = 0; i < WarmUpOpens; i += 1) {
      const reader = await openReader(warmUp.url, { cookie: relay.cookie })
      await withTimeout(reader.synced, 30_000, `${relay.name}: no sync step 2 within 30 s (warm-up)`)
      await closeAll([reader])
    }

    let rowsAtOpen = Number.NaN
    if (isFallbuch) {
      await waitUntilUnloaded(relay, unloadTimeoutMs)
      rowsAtOpen = storedRows(relay.dataDir, room)
    }

    const openStart = nowMs()
    const reader = await openReader(url, { cookie: relay.cookie })
    const syncedAt = await withTimeout(reader.synced, 30_000, `${relay.name}: no sync step 2 within 30 s of a cold open`)
    const openMs = syncedAt - openStart

    // Check what arrived: the whole log, in one piece.
    const notes = []
    const doc = new Y.Doc()
    Y.applyUpdate(doc, reader.step2)
    const length = doc.getArray('bench').length
    doc.destroy()
    if (length !== updates) {
      notes.push(`cold open delivered ${length} of ${updates} entries`)
    }
    await closeAll([reader])
    results.push({
      metrics: {
        openMs,
        stateBytes: reader.step2.length,
        rowsAtOpen,
        writeRate: open === 0 ? updates / writeSeconds : Number.NaN,
      },
      notes,
    })
  }
  if (keeper) {
    await closeAll([keeper])
  }
  return results
}
