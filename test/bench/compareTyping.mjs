#!/usr/bin/env node
/**
 * `npm run bench:typing -- <before> [<after>]`: the browser scenario's typing
 * part (bench scenario 5: a 200-page phase note, 200 keys typed at its end
 * while another client appends five times a second) against two builds, to
 * say whether a change made typing slower.
 *
 * `<before>` and `<after>` are checkouts whose `dist/` is built (after
 * defaults to this one, built here when stale; build the other yourself,
 * e.g. a `git worktree` of the older commit with `npm run build`). The
 * harness is this checkout's, for both: only the relay and client under
 * test differ. Runs alternate in ABBA order (before, after, after, before,
 * …) so that load from elsewhere on a shared machine falls on both alike;
 * every run gets its own relay, Chromium and case, and is bounded like
 * every bench run (BENCH_RUN_TIMEOUT_S, default 300).
 *
 *   BENCH_COMPARE_RUNS=n   runs per build (default 6)
 *   --quick                10 pages, 30 keys (a smoke test of the comparison, not a figure)
 *
 * Prints per build the median and the spread (min, max, interquartile
 * range) of the runs' p50 and p99, and of the page's main-thread CPU time
 * per key (thread time: the work itself, which other load on a shared
 * machine does not stretch as it stretches wall-clock latency), and writes
 * the raw figures to
 * bench-results/typing-compare-<time>.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { availableParallelism, cpus, loadavg } from 'node:os'
import { basename, dirname, join, resolve } from 'node:path'
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { browserBench } from './browser.mjs'
import { formatNumber, quantile, summarize } from './stats.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const args = process.argv.slice(2).filter((arg) => !arg.startsWith('--'))
const quick = process.argv.includes('--quick')
if (args.length < 1) {
  process.stderr.write('usage: npm run bench:typing -- <before-checkout> [<after-checkout>] [--quick]\n')
  process.exit(2)
}
const builds = [
  { label: 'before', dir: resolve(args[0]) },
  { label: 'after', dir: resolve(args[1] ?? root) },
]
const runsOverride = Number(process.env.BENCH_COMPARE_RUNS)
const runs = Number.isInteger(runsOverride) && runsOverride > 0 ? runsOverride : 6
const timeoutOverride = Number(process.env.BENCH_RUN_TIMEOUT_S)
const runTimeoutMs = Number.isFinite(timeoutOverride) && timeoutOverride > 0 ? timeoutOverride * 1_000 : 300_000
const settings = quick ? { typingPages: 10, keys: 30 } : { typingPages: 200, keys: 200 }

/** The figures compared: latency key -> painted (wall time), and the page's main-thread CPU time per key. */
const Metrics = [
  ['typingP50', 'p50'],
  ['typingP99', 'p99'],
  ['typingMax', 'max'],
  ['typingCpuPerKey', 'CPU/key'],
  ['typingScriptPerKey', 'script/key'],
]

function log(line = '') {
  process.stdout.write(`${line}\n`)
}

/** The commit a checkout is at (for the record), or '?' outside git. */
function commitOf(dir) {
  try {
    return execFileSync('git', ['-C', dir, 'log', '-1', '--format=%h %cs %s'], { encoding: 'utf8' }).trim().slice(0, 100)
  } catch {
    return '?'
  }
}

function load() {
  return loadavg()[0]
}

/** ABBA order: round r runs before/after, the next after/before. */
function order(round) {
  return round % 2 === 0 ? builds : [...builds].reverse()
}

function spread(values) {
  const summary = summarize(values)
  return { ...summary, q1: quantile(values, 0.25), q3: quantile(values, 0.75) }
}

function row(label, values) {
  const s = spread(values)
  return `${label.padEnd(22)} ${formatNumber(s.median).padStart(7)}   ${formatNumber(s.min).padStart(7)} - ${formatNumber(s.max).padEnd(7)}   ${formatNumber(s.q1).padStart(7)} - ${formatNumber(s.q3).padEnd(7)}  ${s.n}`
}

async function main() {
  const started = new Date()
  if (builds[1].dir === root) {
    const { buildIfStale } = await import('../../scripts/buildIfStale.mjs')
    buildIfStale('bench:typing')
  }
  log(`Typing, before vs after: ${settings.typingPages}-page note, ${settings.keys} keys, another client appending 5/s; ${runs} runs each, ABBA order`)
  log(`Machine: ${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}, load average ${load().toFixed(2)} at the start`)
  for (const build of builds) {
    build.commit = commitOf(build.dir)
    build.samples = []
    build.loads = []
    log(`  ${build.label.padEnd(6)} ${build.dir} (${build.commit})`)
  }
  const notes = []
  for (let round = 0; round < runs; round += 1) {
    for (const build of order(round)) {
      const before = load()
      const outcome = await browserBench(build.dir, { ...settings, edits: 0, goals: 0, opens: 1 }, (line) => log(`   ${build.label.padEnd(6)} ${line.trim()}`), {
        parts: ['typing'],
        runTimeoutMs,
      })
      // A note every run gives alike (what the references are) is printed once.
      for (const note of outcome.notes) {
        if (!notes.some((earlier) => earlier.endsWith(`: ${note}`))) {
          notes.push(`${build.label}, round ${round + 1}: ${note}`)
        }
      }
      for (const sample of outcome.samples) {
        build.samples.push({ ...sample, loadAverage: before })
      }
      build.loads.push(before)
    }
  }
  log('')
  log(
    `Results ${started.toISOString().slice(0, 16)} UTC (ms; p50/p99/max: keydown -> first task after the next frame; CPU/key, script/key: the page's main-thread CPU time while typing / keys; per build: median of the runs, min - max, interquartile range, runs)`,
  )
  log(`${'metric'.padEnd(22)} ${'median'.padStart(7)}   ${'min - max'.padEnd(17)}   ${'IQR'.padEnd(17)}  n`)
  for (const build of builds) {
    for (const [key, name] of Metrics) {
      log(row(`${build.label} ${name}`, build.samples.map((sample) => sample[key])))
    }
  }
  const ratio = (key) => summarize(builds[1].samples.map((s) => s[key])).median / summarize(builds[0].samples.map((s) => s[key])).median
  log(`after / before (medians): ${Metrics.map(([key, name]) => `${name} ${ratio(key).toFixed(2)}`).join(', ')}`)
  log(
    `load average (1 min) before each run: before ${builds[0].loads.map((l) => l.toFixed(1)).join(' ')}; after ${builds[1].loads.map((l) => l.toFixed(1)).join(' ')}`,
  )
  if (notes.length > 0) {
    log('Notes')
    for (const note of notes) {
      log(`  - ${note}`)
    }
  }
  const file = join(root, 'bench-results', `typing-compare-${new Date().toISOString().replace(/[:.]/g, '-')}${quick ? '-quick' : ''}.json`)
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(
    file,
    `${JSON.stringify({ started: started.toISOString(), finished: new Date().toISOString(), quick, runs, settings, builds: builds.map(({ label, dir, commit, samples }) => ({ label, dir: basename(dir), commit, samples })), notes }, null, 1)}\n`,
  )
  log(`Raw figures: ${file.slice(root.length + 1)}`)
}

// Every run is bounded; this is the backstop for a hang outside one.
setTimeout(
  () => {
    process.stderr.write('bench:typing: still running after the longest time its runs may take; giving up\n')
    process.exit(2)
  },
  runs * 2 * runTimeoutMs + 300_000,
).unref()

try {
  await main()
  process.exit(0)
} catch (err) {
  process.stderr.write(`\nbench:typing failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`)
  process.exit(1)
}
