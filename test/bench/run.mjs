/**
 * The benchmark harness (`npm run bench`, after scripts/bench.mjs made sure
 * the build is current). Runs each scenario against Fallbuch and the
 * reference relay, each relay in its own fresh child process, repeats it,
 * and prints one table plus a legend.
 *
 *   BENCH_QUICK=1   smoke run (~20-30 s): smaller loads, one repetition
 *   BENCH_REPEAT=n  repetitions per scenario (default 3, quick 1)
 *   BENCH_SCENARIOS='fan-out,many rooms,cold open'  a subset (development)
 */
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { FallbuchRoomIdleMs, startRelay } from './relays.mjs'
import { coldOpen, fanOut, manyRooms } from './scenarios.mjs'
import { renderTable } from './stats.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const quick = process.env.BENCH_QUICK === '1'
const repeatOverride = Number(process.env.BENCH_REPEAT)
const repeat = Number.isInteger(repeatOverride) && repeatOverride > 0 ? repeatOverride : quick ? 1 : 3

/** BENCH_SCENARIOS=fan-out,many rooms,cold open (comma-separated) runs only those; for development. */
const only = process.env.BENCH_SCENARIOS ? process.env.BENCH_SCENARIOS.split(',').map((name) => name.trim()) : null

const settings = quick
  ? {
      fanOut: { readers: 50, rate: 500, seconds: 3, drainMs: 3_000 },
      manyRooms: { rooms: 20, seconds: 3, drainMs: 3_000 },
      coldOpen: { updates: 2_000, opens: repeat, unloadTimeoutMs: 15_000 },
    }
  : {
      fanOut: { readers: 200, rate: 500, seconds: 10, drainMs: 5_000 },
      manyRooms: { rooms: 100, seconds: 10, drainMs: 5_000 },
      coldOpen: { updates: 20_000, opens: repeat, unloadTimeoutMs: 15_000 },
    }

const f = settings.fanOut
const m = settings.manyRooms
const c = settings.coldOpen
const scenarios = [
  {
    label: `fan-out (1 writer + ${f.readers} readers, ${f.rate}/s for ${f.seconds} s)`,
    short: 'fan-out',
    run: (relay) => fanOut(relay, f),
    metrics: [
      ['delayP50', 'delivery delay p50 (ms)'],
      ['delayP99', 'delivery delay p99 (ms)'],
      ['delayMax', 'delivery delay max (ms)'],
      ['deliveredPct', 'delivered (% of expected)'],
      ['writerRate', 'writer rate reached (updates/s)'],
      ['relayCpuPct', 'relay process CPU (% of a core)'],
      ['harnessCpuPct', 'harness (load) CPU (% of a core)'],
      ['harnessLagP99', 'harness event-loop lag p99 (ms)'],
    ],
  },
  {
    label: `many rooms (${m.rooms} rooms x 3 clients, 1 update/room/s for ${m.seconds} s)`,
    short: 'many rooms',
    run: (relay) => manyRooms(relay, m),
    metrics: [
      ['delayP50', 'delivery delay p50 (ms)'],
      ['delayP99', 'delivery delay p99 (ms)'],
      ['deliveredPct', 'delivered (% of expected)'],
      ['rssPerRoom', 'relay RSS after load / rooms (KiB)'],
      ['rssDeltaPerRoom', 'relay RSS growth / rooms (KiB)'],
      ['relayCpuPct', 'relay process CPU (% of a core)'],
      ['harnessCpuPct', 'harness (load) CPU (% of a core)'],
      ['harnessLagP99', 'harness event-loop lag p99 (ms)'],
    ],
  },
  {
    label: `cold open (room of ${c.updates} small updates)`,
    short: 'cold open',
    // One relay process per relay: the room is written once, then opened `repeat` times.
    once: true,
    run: (relay) => coldOpen(relay, c),
    metrics: [
      ['openMs', 'upgrade -> synced (ms)'],
      ['stateBytes', 'sync step 2 size (bytes)'],
      ['writeRate', `writing the ${c.updates} updates (updates/s)`],
    ],
  },
]

function log(line) {
  process.stdout.write(`${line}\n`)
}

function brief(metrics) {
  return Object.entries(metrics)
    .filter(([, value]) => Number.isFinite(value))
    .map(([name, value]) => `${name}=${Number.isInteger(value) ? value : value.toFixed(2)}`)
    .join(' ')
}

async function main() {
  const started = Date.now()
  log(`Fallbuch relay benchmark${quick ? ' (BENCH_QUICK=1: smaller loads)' : ''}: ${repeat} repetition(s) per scenario, loopback only`)
  const rows = []
  const notes = []
  const fallbuchRowsAtOpen = new Set()
  for (const scenario of scenarios.filter((candidate) => only === null || only.includes(candidate.short))) {
    log(`\n== ${scenario.label}`)
    const samples = { Fallbuch: [], reference: [] }
    const rounds = scenario.once ? 1 : repeat
    for (let round = 0; round < rounds; round += 1) {
      // Alternate which relay goes first, against drift on a shared machine.
      const order = round % 2 === 0 ? ['Fallbuch', 'reference'] : ['reference', 'Fallbuch']
      for (const name of order) {
        const relay = await startRelay(name, root)
        let results
        try {
          const outcome = await scenario.run(relay)
          results = Array.isArray(outcome) ? outcome : [outcome]
          if (!relay.running()) {
            throw new Error(`${name} relay exited during the ${scenario.short} scenario`)
          }
        } finally {
          await relay.stop()
        }
        for (const result of results) {
          const run = samples[name].length + 1
          samples[name].push(result.metrics)
          if (name === 'Fallbuch' && Number.isFinite(result.metrics.rowsAtOpen)) {
            fallbuchRowsAtOpen.add(result.metrics.rowsAtOpen)
          }
          for (const note of result.notes) {
            notes.push(`${scenario.short}, run ${run}, ${name}: ${note}`)
          }
          log(`   run ${run}/${repeat} ${name.padEnd(9)} ${brief(result.metrics)}`)
        }
        const logged = relay.logLines()
        if (logged.length > 0) {
          notes.push(`${scenario.short}, ${name} relay logged ${logged.length} line(s), first: ${logged[0].slice(0, 300)}`)
        }
      }
    }
    for (const [key, title] of scenario.metrics) {
      rows.push({
        scenario: scenario.short,
        metric: title,
        fallbuch: samples.Fallbuch.map((metrics) => metrics[key]),
        reference: samples.reference.map((metrics) => metrics[key]),
      })
    }
  }

  const rowsNote = fallbuchRowsAtOpen.size > 0 ? [...fallbuchRowsAtOpen].join(', ') : '?'
  log('')
  log(`Results (${repeat} run(s) each; min / median / max; last column = Fallbuch median / reference median)`)
  log('')
  log(renderTable(rows))
  log('')
  log('Legend')
  log('  Fallbuch   commits every update to SQLite (WAL, synchronous=NORMAL) before forwarding it: whatever a')
  log('             reader saw survives a killed relay. Checks the session cookie and room access at each upgrade,')
  log('             does not echo an update to its sender, compacts a room log past 500 rows and when its last')
  log(`             client leaves, unloads idle rooms (here ROOM_IDLE_MS=${FallbuchRoomIdleMs}; default 10000).`)
  log('             Its per-connection rate and connection limits are lifted for the bench (see relays.mjs).')
  log('  reference  @y/websocket-server 0.1.1 without YPERSISTENCE: in memory only, persists nothing (a restart')
  log('             or crash loses every room), no authentication, echoes each update to its sender too.')
  log('  fan-out / many rooms: delay = reader receive time - writer timestamp inside the update (one clock,')
  log('             load generator and all clients in the harness process; each relay in its own child process).')
  log('             "delivered" counts what arrived by the end of a bounded drain after the writer stopped')
  log(`             (${f.drainMs / 1000} s); the rest is late or lost. High CPU or harness event-loop lag means that`)
  log('             process (relay or load generator) was saturated; the machine is shared, so compare ratios.')
  log('  RSS        VmRSS of the relay process after the load with all clients connected, / rooms; "growth" subtracts')
  log('             the RSS measured before the clients connected (fresh relay process each run).')
  log(`  cold open  Fallbuch: the writer left, the room log was compacted (stored rows at open: ${rowsNote}) and the`)
  log('             harness waited until the room was unloaded (GET /metrics), so the open loads it from SQLite.')
  log('             reference: one idle client stayed connected so the room stayed in memory; the open encodes it')
  log('             from memory. Time runs from the new client\'s upgrade request to its sync step 2.')
  if (notes.length > 0) {
    log('')
    log('Problems seen')
    for (const note of notes) {
      log(`  - ${note}`)
    }
  }
  log('')
  log(`Done in ${((Date.now() - started) / 1000).toFixed(0)} s.`)
}

// Everything stops by itself; this is only the backstop for a hang.
const watchdogMs = quick ? 180_000 : 900_000
setTimeout(() => {
  process.stderr.write(`bench: still running after ${watchdogMs / 1000} s; giving up\n`)
  process.exit(2)
}, watchdogMs).unref()

try {
  await main()
  process.exit(0)
} catch (err) {
  process.stderr.write(`\nbench failed: ${err instanceof Error ? err.message : String(err)}\n`)
  process.exit(1)
}
