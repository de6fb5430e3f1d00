/**
 * Summarises a V8 CPU profile (.cpuprofile, as the bench's
 * BENCH_BROWSER_PROFILE writes): self time and total time per function,
 * the heaviest first, so a change can say what the profile showed.
 *
 *   node test/bench/profileSummary.mjs <file.cpuprofile> [rows] [fromMs] [toMs]
 *
 * fromMs / toMs: only the samples in that window (ms after the profile's start).
 */
import { readFileSync } from 'node:fs'

const [file, rowsArg, fromArg, toArg] = process.argv.slice(2)
if (!file) {
  process.stderr.write('usage: node test/bench/profileSummary.mjs <file.cpuprofile> [rows]\n')
  process.exit(2)
}
const rows = Number(rowsArg) > 0 ? Number(rowsArg) : 30
const profile = JSON.parse(readFileSync(file, 'utf8'))
const byId = new Map(profile.nodes.map((node) => [node.id, node]))
const parent = new Map()
for (const node of profile.nodes) {
  for (const child of node.children ?? []) {
    parent.set(child, node.id)
  }
}
// Sample time: timeDeltas[i] is the time before samples[i].
const from = Number(fromArg) || 0
const to = Number(toArg) || Number.POSITIVE_INFINITY
const selfMs = new Map()
let at = 0
for (let i = 0; i < profile.samples.length; i += 1) {
  at += (profile.timeDeltas[i] ?? 0) / 1_000
  if (at < from || at > to) {
    continue
  }
  const id = profile.samples[i]
  selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1_000)
}
const label = (node) => {
  const frame = node.callFrame
  const url = frame.url ? frame.url.split('/').pop() : ''
  return `${frame.functionName || '(anonymous)'} ${url}:${frame.lineNumber + 1}`
}
const self = new Map()
const total = new Map()
for (const [id, ms] of selfMs) {
  const node = byId.get(id)
  self.set(label(node), (self.get(label(node)) ?? 0) + ms)
  // Total: every distinct function on the stack once.
  const seen = new Set()
  for (let up = id; up !== undefined; up = parent.get(up)) {
    const name = label(byId.get(up))
    if (!seen.has(name)) {
      seen.add(name)
      total.set(name, (total.get(name) ?? 0) + ms)
    }
  }
}
const all = [...selfMs.values()].reduce((sum, ms) => sum + ms, 0)
const print = (title, map) => {
  process.stdout.write(`${title} (of ${all.toFixed(0)} ms sampled)\n`)
  for (const [name, ms] of [...map].sort((a, b) => b[1] - a[1]).slice(0, rows)) {
    process.stdout.write(`${ms.toFixed(1).padStart(9)} ms  ${name}\n`)
  }
}
print('self time', self)
print('total time', total)
