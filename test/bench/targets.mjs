/**
 * The issues' targets, judged on the medians of a run: issue 8's, made
 * stricter by issue 21 (the provider's day at most 5 ms and never above
 * either reference, the ramp at least 15,000/s and above both). Each
 * target is `{ name, goal, measured, status }` with status 'pass', 'fail',
 * 'floor' (below the target, above its floor) or 'n/a' (not measured in
 * this run).
 */
import { FallbuchName, FallbuchScaledOutName, HocuspocusName, WsForwarderName, YWebsocketServerName } from './relays.mjs'
import { formatNumber, summarize } from './stats.mjs'
import { PlainOneLineName, PlainSameNoteName } from './typingProbe.mjs'

/** Median of one metric of one relay in one scenario; NaN when not run. */
function median(results, scenario, relay, key) {
  const runs = results[scenario]?.samples[relay] ?? []
  return summarize(runs.map((metrics) => metrics[key])).median
}

function judge(value, ok) {
  return Number.isFinite(value) ? (ok(value) ? 'pass' : 'fail') : 'n/a'
}

/** KiB (what /proc reports) to the KB. */
const KBPerKiB = 1.024

/** Evaluates every target against a run's results (run.mjs `results`). */
export function evaluateTargets(results) {
  const targets = []
  const add = (name, goal, measured, status) => targets.push({ name, goal, measured, status })
  // The same figure of the ws forwarder (a relay that does nothing but forward), when it ran.
  const forwarder = (scenario, key, unit, scale = 1) => {
    const value = median(results, scenario, WsForwarderName, key) * scale
    return Number.isFinite(value) ? ` (ws forwarder ${formatNumber(value)}${unit})` : ''
  }
  // Fallbuch's figure against each reference's in the same run; `holds(mine, theirs)` is the goal.
  const versusReferences = (name, goal, scenario, key, mine, unit, holds, scale = 1) => {
    for (const reference of [YWebsocketServerName, HocuspocusName]) {
      const theirs = median(results, scenario, reference, key) * scale
      add(`${name} vs ${reference}`, goal, `${formatNumber(mine)} vs ${formatNumber(theirs)}${unit}`, judge(theirs, (v) => holds(mine, v)))
    }
  }

  const fanP99 = median(results, 'fan-out', FallbuchName, 'delayP99')
  add('fan-out p99', 'at most 10 ms', `${formatNumber(fanP99)} ms${forwarder('fan-out', 'delayP99', ' ms')}`, judge(fanP99, (v) => v <= 10))
  versusReferences('fan-out p99', 'never worse', 'fan-out', 'delayP99', fanP99, ' ms', (mine, theirs) => mine <= theirs)

  // The same targets for the embedded mode and, when it ran, the scaled-out one (issue 21).
  for (const [relay, prefix] of [
    [FallbuchName, ''],
    [FallbuchScaledOutName, 'scaled out: '],
  ]) {
    const ran = (results["provider's day"]?.samples[relay] ?? []).length > 0 || (results.ramp?.samples[relay] ?? []).length > 0
    if (relay === FallbuchScaledOutName && !ran) {
      continue
    }
    const dayP99 = median(results, "provider's day", relay, 'delayP99')
    add(`${prefix}provider's day p99`, 'at most 5 ms', `${formatNumber(dayP99)} ms${forwarder("provider's day", 'delayP99', ' ms')}`, judge(dayP99, (v) => v <= 5))
    versusReferences(`${prefix}day p99`, 'never above', "provider's day", 'delayP99', dayP99, ' ms', (mine, theirs) => mine <= theirs)
    const perRoom = median(results, "provider's day", relay, 'rssPerRoom') * KBPerKiB
    add(
      `${prefix}provider's day memory / open room`,
      'at most 60 KB',
      `${formatNumber(perRoom)} KB${forwarder("provider's day", 'rssPerRoom', ' KB', KBPerKiB)}`,
      judge(perRoom, (v) => v <= 60),
    )
    versusReferences(`${prefix}memory / room`, 'below', "provider's day", 'rssPerRoom', perRoom, ' KB', (mine, theirs) => mine < theirs, KBPerKiB)
    const sustained = median(results, 'ramp', relay, 'sustainedRate')
    add(
      `${prefix}ramp: highest sustained rate`,
      'at least 15,000/s (floor 5,000)',
      `${formatNumber(sustained)}/s${forwarder('ramp', 'sustainedRate', '/s')}`,
      Number.isFinite(sustained) ? (sustained >= 15_000 ? 'pass' : sustained >= 5_000 ? 'floor' : 'fail') : 'n/a',
    )
    versusReferences(`${prefix}ramp`, 'above', 'ramp', 'sustainedRate', sustained, '/s', (mine, theirs) => mine > theirs)
  }

  const compacted = median(results, 'cold open', FallbuchName, 'compactedOpenMs')
  add('cold open, compacted', 'under 50 ms', `${formatNumber(compacted)} ms`, judge(compacted, (v) => v < 50))
  const rowsAfter = median(results, 'cold open', FallbuchName, 'rowsAtCompactedOpen')
  add('log short after unload', '1 row after the last client left', `${formatNumber(rowsAfter)} row(s)`, judge(rowsAfter, (v) => v <= 1))

  const editable = median(results, 'browser', FallbuchName, 'editableMs')
  add('browser: editable from IndexedDB', 'under 500 ms', `${formatNumber(editable)} ms`, judge(editable, (v) => v < 500))
  const typing = median(results, 'browser', FallbuchName, 'typingP99')
  const plain = (name, key) => formatNumber(median(results, 'browser', name, key))
  const typingContext = ` (plain pages, same run: 1 line ${plain(PlainOneLineName, 'typingP99')} ms, same note ${plain(PlainSameNoteName, 'typingP99')} ms)`
  add('browser: typing p99', 'under 16 ms', `${formatNumber(typing)} ms${typingContext}`, judge(typing, (v) => v < 16))
  const typingP50 = median(results, 'browser', FallbuchName, 'typingP50')
  add(
    'browser: typing p50',
    'under 8 ms',
    `${formatNumber(typingP50)} ms (plain pages: 1 line ${plain(PlainOneLineName, 'typingP50')} ms, same note ${plain(PlainSameNoteName, 'typingP50')} ms)`,
    judge(typingP50, (v) => v < 8),
  )
  return targets
}

/** The targets as aligned lines. */
export function renderTargets(targets) {
  const width = Math.max(...targets.map((target) => target.name.length))
  const goalWidth = Math.max(...targets.map((target) => target.goal.length))
  return targets
    .map((target) => `  ${target.status.toUpperCase().padEnd(5)} ${target.name.padEnd(width)}  ${target.goal.padEnd(goalWidth)}  measured ${target.measured}`)
    .join('\n')
}
