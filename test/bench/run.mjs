/**
 * The benchmark harness (`npm run bench`, after scripts/bench.mjs made sure
 * the build is current). Runs each scenario against Fallbuch and the
 * reference relays, each relay in its own fresh child process, repeats it,
 * prints one table per scenario with min / median / max and the ratios of
 * medians, then the issue's targets as pass/fail, and writes everything as
 * JSON to bench-results/.
 *
 *   --quick (or BENCH_QUICK=1)  smoke run under a minute: small loads, one repetition
 *   BENCH_REPEAT=n              repetitions per scenario (default 3, quick 1)
 *   BENCH_SCENARIOS='fan-out,ramp'  a subset (development); names as in `scenarios` below
 *   BENCH_BROWSER_PARTS=typing  only these parts of the browser scenario (typing, editable)
 *   BENCH_EDITABLE_CLICK=1      the editable part also clicks the notes tab after the reload (as before 2026-12-03)
 *   BENCH_BROWSER_PROFILE=dir   a CPU profile and a trace of the browser parts (browser.mjs); with
 *   BENCH_BROWSER_PROFILE_SECOND=1 also of the second offline open
 *   BENCH_RUN_TIMEOUT_S=n       a run not finished after n s is reported as failed (default 120 quick, 900 full)
 *   BENCH_DAY_ROOMS=n           rooms of the provider's day (default 1000, quick 30)
 *   BENCH_RAMP_ROOMS=n          rooms of the ramp (default 100, quick 20)
 *   BENCH_RELAYS='Fallbuch;Fallbuch, PG+Redis x2'  only these relays (names as in the tables, separated by ';')
 *   BENCH_RAMP_RATES=2000,2000,3000  the ramp's steps (default 2,000 .. 30,000/s)
 *   BENCH_RAMP_TIMELINE=1       the ramp prints, per step, where in it the late deliveries were (100 ms bins)
 *   BENCH_RELAY_LOG_LEVEL=debug Fallbuch's log level in the bench (default warn; see BENCH_RELAY_OUTPUT in README)
 *
 * The provider's day and the ramp also run Fallbuch scaled out (two relay
 * processes on PostgreSQL + Redis) when DATABASE_URL and REDIS_URL are set;
 * without them its runs are reported as not run. It uses a fresh schema and
 * channel prefix and drops them afterwards.
 *
 * Every run is bounded: one that does not finish in time (a relay that
 * refuses the harness's updates, a page that never loads) is stopped and
 * reported as a failed run, and the bench goes on with the next one.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { availableParallelism, cpus, loadavg } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { BrowserParts, browserBench } from './browser.mjs'
import { runWithDeadline } from './deadline.mjs'
import {
  FallbuchName,
  FallbuchRoomIdleMs,
  FallbuchScaledOutName,
  FallbuchWithoutPersistenceName,
  HocuspocusName,
  ReferenceNames,
  startRelay,
  WsForwarderName,
  YWebsocketServerName,
} from './relays.mjs'
import { coldOpen } from './coldOpen.mjs'
import { fanOut, providersDay, ramp } from './scenarios.mjs'
import { renderTable, summarize } from './stats.mjs'
import { evaluateTargets, renderTargets } from './targets.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const quick = process.argv.includes('--quick') || process.env.BENCH_QUICK === '1'
const repeatOverride = Number(process.env.BENCH_REPEAT)
const repeat = Number.isInteger(repeatOverride) && repeatOverride > 0 ? repeatOverride : quick ? 1 : 3

/** BENCH_SCENARIOS=fan-out,ramp (comma-separated) runs only those; for development. */
const only = process.env.BENCH_SCENARIOS ? process.env.BENCH_SCENARIOS.split(',').map((name) => name.trim()) : null
const browserParts = process.env.BENCH_BROWSER_PARTS ? process.env.BENCH_BROWSER_PARTS.split(',').map((name) => name.trim()) : BrowserParts
const runTimeoutOverride = Number(process.env.BENCH_RUN_TIMEOUT_S)
/** The longest one run of one scenario against one relay may take. */
const runTimeoutMs = Number.isFinite(runTimeoutOverride) && runTimeoutOverride > 0 ? runTimeoutOverride * 1_000 : quick ? 120_000 : 900_000

/** A positive integer from the environment, or undefined. */
function sizeFromEnv(name) {
  const value = Number(process.env[name])
  return Number.isInteger(value) && value > 0 ? value : undefined
}

const settings = quick
  ? {
      fanOut: { readers: 30, rate: 200, seconds: 2, drainMs: 1_500 },
      providersDay: { rooms: 30, seconds: 2, drainMs: 1_500 },
      coldOpen: { updates: 5_000, opens: 1, unloadTimeoutMs: 15_000 },
      ramp: { rooms: 20, rates: [1_000, 2_000, 4_000], stepSeconds: 1, drainMs: 1_000 },
      browser: { edits: 2_000, goals: 30, typingPages: 10, keys: 30, opens: 1 },
    }
  : {
      fanOut: { readers: 200, rate: 500, seconds: 10, drainMs: 5_000 },
      providersDay: { rooms: 1_000, seconds: 10, drainMs: 5_000 },
      coldOpen: { updates: 100_000, opens: repeat, unloadTimeoutMs: 30_000 },
      ramp: {
        rooms: 100,
        rates: [2_000, 3_000, 4_000, 5_000, 6_000, 8_000, 10_000, 12_000, 15_000, 18_000, 22_000, 26_000, 30_000],
        stepSeconds: 3,
        drainMs: 2_000,
      },
      browser: { edits: 100_000, goals: 30, typingPages: 200, keys: 200, opens: repeat },
    }

settings.providersDay.rooms = sizeFromEnv('BENCH_DAY_ROOMS') ?? settings.providersDay.rooms
settings.ramp.rooms = sizeFromEnv('BENCH_RAMP_ROOMS') ?? settings.ramp.rooms
if (process.env.BENCH_RAMP_RATES) {
  settings.ramp.rates = process.env.BENCH_RAMP_RATES.split(',').map(Number)
}

/** BENCH_RELAYS: only these relays (names as printed, separated by ';': names may hold commas). */
const onlyRelays = process.env.BENCH_RELAYS ? process.env.BENCH_RELAYS.split(';').map((name) => name.trim()) : null
const pick = (names) => (onlyRelays === null ? names : names.filter((name) => onlyRelays.includes(name)))

/** Cold open: the ws forwarder keeps no state to open. */
const AllRelays = pick([FallbuchName, ...ReferenceNames])
/** Fan-out also runs the ws forwarder (a relay that only forwards). */
const WithForwarder = pick([FallbuchName, ...ReferenceNames, WsForwarderName])
/** The provider's day and the ramp also measure the scaled-out mode, with the same targets. */
const WithScaledOut = pick([FallbuchName, ...ReferenceNames, WsForwarderName, FallbuchScaledOutName])
const f = settings.fanOut
const p = settings.providersDay
const c = settings.coldOpen
const r = settings.ramp
const b = settings.browser

/**
 * The scenarios, in order. `relays`: which relays run it (each in its own
 * process per repetition; `once`: one process, the scenario repeats inside).
 * `metrics`: [key, title] rows of the table.
 */
const scenarios = [
  {
    short: 'fan-out',
    label: `1. fan-out: 1 writer + ${f.readers} readers in one room, ${f.rate} updates/s for ${f.seconds} s`,
    relays: WithForwarder,
    run: (relay) => fanOut(relay, f),
    metrics: [
      ['delayP50', 'delay p50 (ms)'],
      ['delayP99', 'delay p99 (ms)'],
      ['delayMax', 'delay max (ms)'],
      ['deliveredPct', 'delivered (%)'],
      ['writerRate', 'writer rate reached (/s)'],
      ['relayCpuPct', 'relay CPU (% of a core)'],
      ['harnessCpuPct', 'load generator CPU (%)'],
      ['harnessLagP99', 'load generator lag p99 (ms)'],
    ],
  },
  {
    short: "provider's day",
    label: `2. a provider's day: ${p.rooms} rooms x 3 clients, 1 update/room/s for ${p.seconds} s`,
    relays: WithScaledOut,
    run: (relay) => providersDay(relay, p),
    metrics: [
      ['delayP50', 'delay p50 (ms)'],
      ['delayP99', 'delay p99 (ms)'],
      ['delayP99AfterFirstSecond', 'p99 after the 1st second (ms)'],
      ['deliveredPct', 'delivered (%)'],
      ['rssPerRoom', 'relay RSS / open room (KiB)'],
      ['rssDeltaPerRoom', 'relay RSS growth / room (KiB)'],
      ['relayCpuPct', 'relay CPU (% of a core)'],
      ['harnessLagP99', 'load generator lag p99 (ms)'],
    ],
  },
  {
    short: 'durability cost',
    label: `3. durability cost: scenario 2 with Fallbuch's room log on vs off`,
    relays: pick([FallbuchWithoutPersistenceName]),
    // Fallbuch with its log on is scenario 2's Fallbuch runs (same settings), not run again.
    reuse: { scenario: "provider's day", relay: FallbuchName },
    run: (relay) => providersDay(relay, p),
    metrics: [
      ['delayP50', 'delay p50 (ms)'],
      ['delayP99', 'delay p99 (ms)'],
      ['deliveredPct', 'delivered (%)'],
      ['relayCpuPct', 'relay CPU (% of a core)'],
    ],
  },
  {
    short: 'cold open',
    label: `4. cold open: a room of ${c.updates} small updates, upgrade -> synced`,
    relays: AllRelays,
    once: true,
    run: (relay) => coldOpen(relay, c),
    metrics: [
      ['logOpenMs', `open, log of ${c.updates} rows (ms)`],
      ['compactedOpenMs', 'open, compacted (ms)'],
      ['stateBytes', 'sync step 2 size (bytes)'],
      ['rowsAtLogOpen', 'stored rows at first open'],
      ['rowsAtCompactedOpen', 'stored rows after unload'],
    ],
  },
  {
    short: 'ramp',
    label: `6. ramp: ${r.rooms} rooms (1 writer + 1 reader each), aggregate rate ${r.rates[0]}..${r.rates.at(-1)}/s in ${r.stepSeconds} s steps after a warm-up of 10 updates per room`,
    relays: WithScaledOut,
    run: (relay) => ramp(relay, r),
    metrics: [
      ['sustainedRate', 'highest sustained rate (/s)'],
      ['relayCpuPct', 'relay CPU (% of a core)'],
      ['harnessLagP99', 'load generator lag p99 (ms)'],
    ],
  },
]

function log(line = '') {
  process.stdout.write(`${line}\n`)
}

function brief(metrics) {
  return Object.entries(metrics)
    .filter(([, value]) => Number.isFinite(value))
    .map(([name, value]) => `${name}=${Number.isInteger(value) ? value : value.toFixed(2)}`)
    .join(' ')
}

/** Runs one scenario over its relays and repetitions; returns samples per relay and notes. */
async function runScenario(scenario) {
  const samples = Object.fromEntries(scenario.relays.map((name) => [name, []]))
  const notes = []
  const rounds = scenario.once ? 1 : repeat
  for (let round = 0; round < rounds; round += 1) {
    // Rotate which relay goes first, against drift on a shared machine.
    const order = scenario.relays.map((_name, index) => scenario.relays[(index + round) % scenario.relays.length])
    for (const name of order) {
      let relay
      try {
        relay = await startRelay(name, root)
      } catch (err) {
        const reason = err instanceof Error ? err.message.split('\n')[0] : String(err)
        notes.push(`${scenario.short}, ${name}: the relay did not start: ${reason}`)
        log(`   run failed ${name}: ${reason}`)
        continue
      }
      let results
      try {
        // Stopping the relay ends whatever the run still waits for (its sockets close).
        const outcome = await runWithDeadline(`${scenario.short}, ${name}`, runTimeoutMs, () => scenario.run(relay), () => relay.stop())
        results = Array.isArray(outcome) ? outcome : [outcome]
        if (!relay.running()) {
          throw new Error(`${name} exited during the ${scenario.short} scenario`)
        }
      } catch (err) {
        // One failed run is reported, not the end of the whole bench.
        // fetch's own message says little ("fetch failed"); its cause says what happened.
        const reason = err instanceof Error ? `${err.message}${err.cause instanceof Error ? ` (${err.cause.message})` : ''}` : String(err)
        notes.push(`${scenario.short}, ${name}: the run failed: ${reason}`)
        log(`   run failed ${name}: ${reason}`)
        if (process.env.BENCH_DEBUG) {
          log(err instanceof Error ? (err.stack ?? '') : '')
        }
        results = []
      } finally {
        await relay.stop()
      }
      for (const result of results) {
        samples[name].push(result.metrics)
        const run = samples[name].length
        for (const note of result.notes) {
          notes.push(`${scenario.short}, run ${run}, ${name}: ${note}`)
        }
        log(`   run ${run} ${name.padEnd(18)} ${brief(result.metrics)}`)
      }
      const logged = relay.logLines()
      if (logged.length > 0) {
        notes.push(`${scenario.short}, ${name} logged ${logged.length} line(s), first: ${logged[0].slice(0, 300)}`)
      }
    }
  }
  return { samples, notes }
}

/** Table rows of a scenario: per metric, the samples of every relay. */
function tableRows(scenario, samples) {
  return scenario.metrics.map(([key, title]) => ({
    metric: title,
    key,
    values: Object.fromEntries(Object.entries(samples).map(([name, runs]) => [name, runs.map((metrics) => metrics[key])])),
  }))
}

function machineLine() {
  const [one, five] = loadavg()
  return `${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown CPU'}), load average ${one.toFixed(2)} / ${five.toFixed(2)} (1 / 5 min) at the start`
}

async function main() {
  const started = new Date()
  log(`Fallbuch benchmark${quick ? ' (--quick: small loads, one repetition; not comparable with a full run)' : ''}: ${repeat} repetition(s), loopback only`)
  log(`Machine: ${machineLine()}`)
  const sections = []
  const notes = []
  const results = {}
  for (const scenario of scenarios.filter((candidate) => only === null || only.includes(candidate.short))) {
    log(`\n== ${scenario.label}`)
    const { samples, notes: scenarioNotes } = await runScenario(scenario)
    notes.push(...scenarioNotes)
    if (scenario.reuse && results[scenario.reuse.scenario]) {
      samples[`${scenario.reuse.relay} (log on)`] = results[scenario.reuse.scenario].samples[scenario.reuse.relay]
    }
    results[scenario.short] = { label: scenario.label, samples }
    sections.push({ label: scenario.label, rows: tableRows(scenario, samples) })
  }
  if (only === null || only.includes('browser')) {
    const label = `5. browser (Fallbuch only; Chromium): large case from IndexedDB offline; typing in a ${b.typingPages}-page note while another client edits`
    log(`\n== ${label}`)
    const outcome = await browserBench(root, b, log, { parts: browserParts, runTimeoutMs })
    notes.push(...outcome.notes.map((note) => `browser: ${note}`))
    // The plain pages are the typing's same-run references (typingProbe.mjs).
    const samples = { [FallbuchName]: outcome.samples, ...outcome.references }
    results.browser = { label, samples, details: outcome.details }
    sections.push({
      label,
      rows: tableRows(
        {
          metrics: [
            ['editableMs', `editable from IndexedDB, ${outcome.details.edits} edits (ms)`],
            ['editableSecondMs', 'editable from IndexedDB, second open (ms)'],
            ['typingP50', 'typing keypress -> painted p50 (ms)'],
            ['typingP99', 'typing keypress -> painted p99 (ms)'],
            ['typingMax', 'typing keypress -> painted max (ms)'],
            ['typingCpuPerKey', 'typing main-thread CPU per key (ms)'],
          ],
        },
        samples,
      ),
    })
  }

  const targets = evaluateTargets(results)
  log('')
  log(`Results ${started.toISOString().slice(0, 10)} (${repeat} run(s) each; min / median / max; "F/x" = Fallbuch median / x median)`)
  for (const section of sections) {
    log('')
    log(section.label)
    log(renderTable(section.rows))
  }
  log('')
  log('Targets (issues 8 and 21), on the Fallbuch medians')
  log(renderTargets(targets))
  log('')
  log('Legend')
  log('  Fallbuch            commits every update to SQLite (WAL, synchronous=NORMAL) before forwarding it; checks the')
  log('                      session cookie and room access at each upgrade; no echo to the sender; compacts a room log')
  log(`                      past 500 rows and when its last client leaves; ROOM_IDLE_MS=${FallbuchRoomIdleMs} here (default 10000);`)
  log('                      per-connection rate and connection limits lifted for the load (relays.mjs).')
  log(`  ${FallbuchWithoutPersistenceName.padEnd(20)}the same build with its room log replaced by a counter (fallbuchWithoutPersistence.mjs); bench only.`)
  // The name is longer than the legend's column: the text starts on the next line.
  log(`  ${FallbuchScaledOutName}`)
  log(`                      the same build as two processes on PostgreSQL (DATABASE_URL) + Redis (REDIS_URL), a fresh schema dropped`)
  log('                      afterwards; each room\'s clients alternate between the processes (no sticky sessions); RSS and CPU')
  log('                      are the sums of both processes; "PG/x" = its median / x median.')
  log(`  ${YWebsocketServerName.padEnd(20)}@y/websocket-server 0.1.1, no YPERSISTENCE: memory only, no auth, echoes updates to the sender.`)
  log(`  ${HocuspocusName.padEnd(20)}@hocuspocus/server 3.4.4, new Server() without extensions: memory only, no auth.`)
  log(`  ${WsForwarderName.padEnd(20)}wsForwarderServer.mjs: frames each message once and writes it to the room's other sockets, answers`)
  log('                      sync step 1 with an empty step 2; no Yjs, no state, no auth: what Node, ws and the loopback alone')
  log('                      cost here. It sends every message; Fallbuch, when behind, merges waiting updates into one frame per')
  log('                      reader, so in the fan-out the load generator receiving its 100,000 messages/s can be the limit.')
  log('                      Not in the cold open (it keeps nothing).')
  log('  delay               reader receive time - writer timestamp inside the update; load generator = this process,')
  log('                      each relay its own child process. "delivered" counts arrivals by the end of a bounded drain.')
  log('                      High load-generator CPU or lag means the harness, not the relay, was the limit.')
  log('  RSS                 VmRSS of the relay process after the load, all clients connected, / rooms; "growth" subtracts')
  log('                      the RSS before the clients connected.')
  log('  cold open           Fallbuch: rooms not loaded; first open reads the raw log (rows written into SQLite directly,')
  log('                      as the relay would never keep them uncompacted), then the open after the relay compacted it on')
  log('                      unload. References keep rooms in memory only (an idle client holds them open).')
  if (notes.length > 0) {
    log('')
    log('Notes')
    for (const note of notes) {
      log(`  - ${note}`)
    }
  }
  const finished = new Date()
  const file = join(root, 'bench-results', `bench-${finished.toISOString().replace(/[:.]/g, '-')}${quick ? '-quick' : ''}.json`)
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(
    file,
    `${JSON.stringify(
      {
        started: started.toISOString(),
        finished: finished.toISOString(),
        quick,
        repeat,
        machine: machineLine(),
        node: process.version,
        settings,
        results,
        summary: Object.fromEntries(
          sections.map((section) => [
            section.label,
            section.rows.map((row) => ({ metric: row.metric, ...Object.fromEntries(Object.entries(row.values).map(([name, values]) => [name, summarize(values)])) })),
          ]),
        ),
        targets,
        notes,
      },
      null,
      1,
    )}\n`,
  )
  log('')
  log(`Raw figures: ${file.slice(root.length + 1)}`)
  log(`Done in ${((finished.getTime() - started.getTime()) / 1000).toFixed(0)} s.`)
}

// Every run is bounded (runTimeoutMs); this is only the backstop for a hang outside a run.
const watchdogMs = quick ? 1_800_000 : 4 * 3_600_000
setTimeout(() => {
  process.stderr.write(`bench: still running after ${watchdogMs / 1000} s; giving up\n`)
  process.exit(2)
}, watchdogMs).unref()

try {
  await main()
  process.exit(0)
} catch (err) {
  process.stderr.write(`\nbench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`)
  process.exit(1)
}
