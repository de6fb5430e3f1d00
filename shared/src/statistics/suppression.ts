/**
 * Statistical disclosure control for the annual figures (issue 22): no
 * published cell may count so few people that someone could be recognised.
 * Primary suppression hides every count from 1 to `threshold - 1`. Secondary
 * suppression then hides more cells until no row or column of the table
 * (each with its total, an additive equation) has exactly one hidden cell:
 * with one, the hidden value is its total minus the others. Zeros are no
 * disclosure (nobody is counted) and stay, unless needed as a second cell.
 */

/** A cross table of counts: `cells[row][column]`, totals computed here. */
export interface CountTable {
  cells: readonly (readonly number[])[]
}

/**
 * Which cells to hide, on the table extended by its totals: index
 * `[row][column]`, the last row the column totals, the last column the row
 * totals, the corner the grand total.
 */
export type SuppressionMask = boolean[][]

/** The table with its row totals (last column), column totals (last row) and grand total (corner). */
export function withTotals(table: CountTable): number[][] {
  const columns = table.cells[0]?.length ?? 0
  const rows = table.cells.map((row) => [...row, row.reduce((sum, value) => sum + value, 0)])
  const totals = Array.from({ length: columns + 1 }, (_, column) => rows.reduce((sum, row) => sum + (row[column] ?? 0), 0))
  return [...rows, totals]
}

/** The smallest visible cell of a line to hide as well: a non-zero interior cell first, then a zero, then the total. */
function secondCell(values: readonly number[], hidden: readonly boolean[]): number {
  const last = values.length - 1
  const candidates = values.map((value, index) => ({ value, index })).filter(({ index }) => !hidden[index] && index !== last)
  const byValue = (a: { value: number }, b: { value: number }): number => a.value - b.value
  const nonZero = candidates.filter(({ value }) => value > 0).sort(byValue)
  const zero = candidates.filter(({ value }) => value === 0)
  return nonZero[0]?.index ?? zero[0]?.index ?? last
}

/** The suppression mask of a count table (see the file comment); `threshold` 1 or less hides nothing. */
export function suppressionMask(table: CountTable, threshold: number): SuppressionMask {
  const grid = withTotals(table)
  const mask = grid.map((row) => row.map((value) => value > 0 && value < threshold))
  const lines: Array<Array<[number, number]>> = [
    ...grid.map((row, r) => row.map((_, c): [number, number] => [r, c])),
    ...(grid[0] ?? []).map((_, c) => grid.map((__, r): [number, number] => [r, c])),
  ]
  // Each pass hides at least one more cell or stops: it ends within the table's size.
  for (let changed = true; changed; ) {
    changed = false
    for (const line of lines) {
      const hidden = line.map(([r, c]) => mask[r]![c]!)
      if (hidden.filter(Boolean).length === 1) {
        const [r, c] = line[secondCell(line.map(([row, column]) => grid[row]![column]!), hidden)]!
        mask[r]![c] = true
        changed = true
      }
    }
  }
  return mask
}

/** A table's values with the masked cells replaced by null (the mask of the extended table, values extended too). */
export function applyMask<T>(values: readonly (readonly T[])[], mask: SuppressionMask): (T | null)[][] {
  return values.map((row, r) => row.map((value, c) => (mask[r]?.[c] === true ? null : value)))
}

/** Whether a masked extended table lets any hidden cell be computed from a row or column total (what the tests check). */
export function hasLoneHiddenCell(mask: SuppressionMask): boolean {
  const rows = mask.some((row) => row.filter(Boolean).length === 1)
  const columns = (mask[0] ?? []).some((_, c) => mask.filter((row) => row[c] === true).length === 1)
  return rows || columns
}
