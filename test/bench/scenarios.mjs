/**
 * The relay scenarios (the browser one is in browser.mjs, the cold open in
 * coldOpen.mjs). Each takes a started relay (see relays.mjs) and returns
 * one repetition's metrics as `{ metricName: number }` plus `notes` (things
 * worth printing, such as dropped deliveries). Every loop is bounded: fixed
 * send counts, fixed drain deadlines.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { setTimeout as sleep } from 'node:timers/promises'
import { closeAll, inBatches, nowMs, openReader, openWriter, stampsInUpdate } from './protocol.mjs'
import { quantile } from './stats.mjs'
import { cpuSeconds, rssKiB } from './relays.mjs'

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

/** Collects delivery delays (ms) and the send time of each (ms, as nowMs) into preallocated arrays. */
export function delayCollector(capacity) {
  const delays = new Float64Array(Math.max(1, capacity))
  const sentAts = new Float64Array(Math.max(1, capacity))
  let count = 0
  return {
    add(delay, sentAt = Number.NaN) {
      if (count < delays.length) {
        delays[count] = delay
        sentAts[count] = sentAt
      }
      count += 1
    },
    get count() {
      return count
    },
    values: () => delays.subarray(0, Math.min(count, delays.length)),
    /**
     * The delays by when they were sent, in `binMs` bins from the first:
     * `{ from, count, over, max }` per bin (over: delays above `overMs`).
     * Shows whether a step's p99 came from one stall or from all of it.
     */
    timeline(binMs, overMs) {
      const held = Math.min(count, delays.length)
      let first = Number.POSITIVE_INFINITY
      for (let index = 0; index < held; index += 1) {
        first = Math.min(first, sentAts[index])
      }
      const bins = new Map()
      for (let index = 0; index < held; index += 1) {
        const from = Math.floor((sentAts[index] - first) / binMs) * binMs
        const bin = bins.get(from) ?? { from, count: 0, over: 0, max: 0 }
        bin.count += 1
        bin.over += delays[index] > overMs ? 1 : 0
        bin.max = Math.max(bin.max, delays[index])
        bins.set(from, bin)
      }
      return [...bins.values()].sort((a, b) => a.from - b.from)
    },
    /** The delays of updates sent at or after `from` (ms, as nowMs). */
    valuesSentFrom: (from) => delays.subarray(0, Math.min(count, delays.length)).filter((_, index) => sentAts[index] >= from),
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


/** A reader callback that records the delay of every stamp it finds. */
export function stampRecorder(delays) {
  return (payload, at) => {
    for (const stamp of stampsInUpdate(payload)) {
      delays.add(at - stamp.sentAt, stamp.sentAt)
    }
  }
}

/**
 * Sends `total` stamped updates at `rate` per second in all, spread over
 * `writers` round-robin, on a 1 ms timer (several per tick when the timer
 * is late). Resolves with the seconds it took.
 */
async function sendAtRate(writers, rate, total) {
  let sent = 0
  const start = nowMs()
  await new Promise((resolve) => {
    const tick = () => {
      const due = Math.min(total, Math.floor(((nowMs() - start) * rate) / 1000) + 1)
      while (sent < due) {
        writers[sent % writers.length].push(`${sent}:${nowMs().toFixed(3)}`)
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
  return (nowMs() - start) / 1000
}

function socketNotes(clients, notes) {
  const dropped = clients.filter((client) => client.closedUnexpectedly).length
  if (dropped > 0) {
    notes.push(`${dropped} socket(s) closed by the relay during the run`)
  }
}

/**
 * Scenario 1, fan-out: one room, one writer, `readers` raw readers; the
 * writer appends `rate` updates/s for `seconds`. Each update carries
 * `"<seq>:<sentAtMs>"`; readers take the stamp from the update's bytes.
 */
export async function fanOut(relay, { readers, rate, seconds, drainMs }) {
  const target = await relay.newRoom()
  const total = Math.round(rate * seconds)
  const expected = total * readers
  const delays = delayCollector(expected)
  const onUpdate = stampRecorder(delays)
  const readerClients = await inBatches(readers, ConnectConcurrency, () => openReader(target, { onUpdate }))
  await Promise.all(readerClients.map((reader) => reader.synced))
  const writer = await openWriter(target)
  const lag = harnessLagMonitor()
  const cpu = cpuMonitor(relay.pids)

  const sendSeconds = await sendAtRate([writer], rate, total)
  await waitFor(() => delays.count >= expected, drainMs)
  const drained = delays.count >= expected
  const harnessLagP99 = lag()
  const cpuUse = cpu()
  const notes = []
  socketNotes([writer, ...readerClients], notes)
  await closeAll([writer, ...readerClients])

  const values = delays.values()
  if (!drained) {
    notes.push(`${expected - delays.count} of ${expected} deliveries not yet received when the ${drainMs / 1000} s drain ended`)
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
 * Opens `rooms` rooms with one writer and `readersPerRoom` readers each;
 * every reader records delays into `delays`.
 */
async function openRooms(relay, rooms, readersPerRoom, delays) {
  const targets = await inBatches(rooms, 10, () => relay.newRoom())
  const onUpdate = stampRecorder(delays)
  const clients = await inBatches(rooms, ConnectConcurrency, async (i) => {
    const writer = await openWriter(targets[i])
    const readers = []
    for (let r = 0; r < readersPerRoom; r += 1) {
      readers.push(await openReader(targets[i], { onUpdate }))
    }
    await Promise.all(readers.map((reader) => reader.synced))
    return { writer, readers }
  })
  return { targets, clients, all: clients.flatMap(({ writer, readers }) => [writer, ...readers]) }
}

/**
 * Scenario 2, a provider's day: `rooms` rooms with one writer and two
 * readers each; every writer sends one update per second for `seconds`,
 * the rooms' send times spread evenly over each second. RSS of the relay
 * process after the load (clients still connected), per room. Also run
 * against Fallbuch with its log off (scenario 3, durability cost).
 */
export async function providersDay(relay, { rooms, seconds, drainMs }) {
  const rssBefore = rssKiB(relay.pids)
  const readersPerRoom = 2
  const expected = rooms * seconds * readersPerRoom
  const delays = delayCollector(expected)
  const { clients, all } = await openRooms(relay, rooms, readersPerRoom, delays)
  const lag = harnessLagMonitor()
  const cpu = cpuMonitor(relay.pids)

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
  const rssAfter = rssKiB(relay.pids)
  const notes = []
  socketNotes(all, notes)
  await closeAll(all)

  const values = delays.values()
  if (!drained) {
    notes.push(`${expected - delays.count} of ${expected} deliveries not yet received when the ${drainMs / 1000} s drain ended`)
  }
  return {
    metrics: {
      delayP50: quantile(values, 0.5),
      delayP99: quantile(values, 0.99),
      // Without each room's first update (its cold start: client-id bind, the judge's scratch copy), so a report can tell the two apart.
      delayP99AfterFirstSecond: quantile(delays.valuesSentFrom(start + 1_000), 0.99),
      deliveredPct: (100 * delays.count) / expected,
      rssPerRoom: rssAfter / rooms,
      rssDeltaPerRoom: (rssAfter - rssBefore) / rooms,
      ...cpuUse,
      harnessLagP99,
    },
    notes,
  }
}

/**
 * Scenario 6, ramp: `rooms` rooms with one writer and one reader each; the
 * aggregate rate climbs through `rates` (updates/s over all rooms), each
 * step for `stepSeconds` plus a drain of at most `drainMs`. A step is
 * sustained when every update arrived (>= 99.9 %), p99 delay <= 50 ms and
 * the load generator reached 97 % of the rate; the first step that is not
 * ends the ramp. Result: the highest sustained rate. Before the first step
 * every room sends a few updates at half its rate (warm-up, not measured).
 */
/** Updates each room of the ramp sends before the first step (not measured). */
const RampWarmUpUpdatesPerRoom = 10

export async function ramp(relay, { rooms, rates, stepSeconds, drainMs }) {
  const holder = { delays: delayCollector(1) }
  const forward = { add: (delay, sentAt) => holder.delays.add(delay, sentAt) }
  const { clients, all } = await openRooms(relay, rooms, 1, forward)
  const writers = clients.map(({ writer }) => writer)
  // Warm-up, the same for every relay and not measured: each room's first
  // updates and the JIT's first passes are a cold start, not a rate; without
  // it the first step measured mostly that (Fallbuch: one room's first
  // update also makes its scratch copy and binds the writer's client id).
  const warmUp = rooms * RampWarmUpUpdatesPerRoom
  holder.delays = delayCollector(warmUp)
  await sendAtRate(writers, rates[0] / 2, warmUp)
  await waitFor(() => holder.delays.count >= warmUp, drainMs)
  await sleep(200)
  const cpu = cpuMonitor(relay.pids)
  const lag = harnessLagMonitor()
  const notes = []
  let sustained = 0
  let limitedBy = 'none (every step sustained)'
  const steps = []
  for (const rate of rates) {
    const total = Math.round(rate * stepSeconds)
    holder.delays = delayCollector(total)
    const sendSeconds = await sendAtRate(writers, rate, total)
    await waitFor(() => holder.delays.count >= total, drainMs)
    const values = holder.delays.values()
    const step = {
      rate,
      reached: total / sendSeconds,
      p99: quantile(values, 0.99),
      deliveredPct: (100 * holder.delays.count) / total,
    }
    steps.push(step)
    if (process.env.BENCH_RAMP_TIMELINE === '1') {
      // Bins with late deliveries only: where in the step its p99 came from.
      const late = holder.delays.timeline(100, 20).filter((bin) => bin.over > 0)
      const bins = late.map((bin) => `${bin.from} ms: ${bin.over} of ${bin.count}, max ${bin.max.toFixed(0)} ms`).join('; ')
      process.stdout.write(`   ramp ${rate}/s, late (> 20 ms) by 100 ms of the step: ${bins || 'none'}\n`)
    }
    if (step.reached < 0.97 * rate) {
      limitedBy = `load generator reached only ${step.reached.toFixed(0)}/s of ${rate}/s`
      break
    }
    if (step.deliveredPct < 99.9 || step.p99 > 50) {
      limitedBy = `at ${rate}/s: p99 ${step.p99.toFixed(1)} ms, delivered ${step.deliveredPct.toFixed(2)} %`
      break
    }
    sustained = rate
    // Let a backlog of the step drain before the next one starts.
    await sleep(200)
  }
  const cpuUse = cpu()
  const harnessLagP99 = lag()
  socketNotes(all, notes)
  await closeAll(all)
  notes.push(`ramp stopped: ${limitedBy}; steps ${steps.map((step) => `${step.rate}/s p99 ${step.p99.toFixed(1)} ms ${step.deliveredPct.toFixed(1)} %`).join(', ')}`)
  return {
    metrics: {
      sustainedRate: sustained,
      ...cpuUse,
      harnessLagP99,
    },
    notes,
  }
}
