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

/**
 * Renders rows `{ scenario, metric, fallbuch: number[], reference: number[] }`
 * as an aligned table with min / median / max per relay and the ratio of
 * medians (Fallbuch / reference).
 */
export function renderTable(rows) {
  const header = ['scenario', 'metric', 'Fallbuch min / median / max', 'reference min / median / max', 'F/ref (medians)']
  const lines = rows.map((row) => {
    const fallbuch = summarize(row.fallbuch)
    const reference = summarize(row.reference)
    return [row.scenario, row.metric, triple(fallbuch), triple(reference), ratio(fallbuch.median, reference.median)]
  })
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => line[column].length)))
  const render = (cells) =>
    cells
      .map((cell, column) => (column >= 2 ? cell.padStart(widths[column]) : cell.padEnd(widths[column])))
      .join('  ')
      .trimEnd()
  const rule = widths.map((width) => '-'.repeat(width)).join('  ')
  return [render(header), rule, ...lines.map(render)].join('\n')
}
