/** Percentiles, min/median/max summaries and the aligned plain-text table. */

/** The q-quantile (0..1) of numbers by nearest rank; NaN when empty. */
export function quantile(values, q) {
  if (values.length === 0) {
    return Number.NaN
  }
  const sorted = Float64Array.from(values).sort()
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))
  return sorted[rank]
}

/** min/median/max of repeated measurements (NaN ignored). */
export function summarize(samples) {
  const values = samples.filter((value) => Number.isFinite(value))
  if (values.length === 0) {
    return { min: Number.NaN, median: Number.NaN, max: Number.NaN, n: 0 }
  }
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  const median = sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
  return { min: sorted[0], median, max: sorted[sorted.length - 1], n: sorted.length }
}

/** A number with about three significant digits, '-' for NaN. */
export function formatNumber(value) {
  if (!Number.isFinite(value)) {
    return '-'
  }
  const abs = Math.abs(value)
  if (abs >= 100) {
    return value.toFixed(0)
  }
  if (abs >= 10) {
    return value.toFixed(1)
  }
  if (abs >= 1) {
    return value.toFixed(2)
  }
  return value.toFixed(3)
}

function triple({ min, median, max }) {
  return `${formatNumber(min)} / ${formatNumber(median)} / ${formatNumber(max)}`
}

function ratio(a, b) {
  if (!Number.isFinite(a) || !Number.isFinite(b) || b === 0) {
    return '-'
  }
  return `${(a / b).toFixed(2)}`
}

/** Short column names of the relays in ratio headers. */
const ShortNames = {
  'y-websocket-server': 'yws',
  Hocuspocus: 'hp',
  'Fallbuch, log off': 'log off',
  'Fallbuch (log on)': 'log on',
  'Fallbuch, PG+Redis x2': 'PG',
  'ws forwarder': 'fwd',
  'plain page, 1 line': 'plain 1 line',
  'plain page, same note': 'plain note',
}
const short = (name) => ShortNames[name] ?? name

/**
 * Renders rows `{ metric, values: { relayName: number[] } }` as an aligned
 * table: min / median / max per relay (the first relay is the one under
 * test), then the ratio of its median to each other relay's median, and for
 * Fallbuch scaled out (a second relay under test) its ratio to each
 * reference (a relay whose name is not Fallbuch's).
 */
export function renderTable(rows) {
  const names = [...new Set(rows.flatMap((row) => Object.keys(row.values)))]
  const [first, ...others] = names
  const header = ['metric', ...names.map((name) => `${name} min/med/max`), ...others.map((name) => `F/${short(name)}`)]
  if (first !== 'Fallbuch') {
    // Durability cost: the first column is the log-off variant; ratios read "log on / log off".
    header.splice(1 + names.length, others.length, ...others.map((name) => `${short(name)}/${short(first)}`))
  }
  const scaledOut = first === 'Fallbuch' && names.includes('Fallbuch, PG+Redis x2') ? 'Fallbuch, PG+Redis x2' : null
  const references = names.filter((name) => !name.startsWith('Fallbuch'))
  if (scaledOut !== null) {
    header.push(...references.map((name) => `${short(scaledOut)}/${short(name)}`))
  }
  const lines = rows.map((row) => {
    const summaries = names.map((name) => summarize(row.values[name] ?? []))
    const medianOf = (name) => summaries[names.indexOf(name)].median
    const ratios =
      first === 'Fallbuch'
        ? others.map((_name, index) => ratio(summaries[0].median, summaries[index + 1].median))
        : others.map((_name, index) => ratio(summaries[index + 1].median, summaries[0].median))
    const scaledRatios = scaledOut === null ? [] : references.map((name) => ratio(medianOf(scaledOut), medianOf(name)))
    return [row.metric, ...summaries.map(triple), ...ratios, ...scaledRatios]
  })
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => line[column].length)))
  const render = (cells) =>
    cells
      .map((cell, column) => (column >= 1 ? cell.padStart(widths[column]) : cell.padEnd(widths[column])))
      .join('  ')
      .trimEnd()
  const rule = widths.map((width) => '-'.repeat(width)).join('  ')
  return [render(header), rule, ...lines.map(render)].join('\n')
}
