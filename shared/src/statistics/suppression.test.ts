import { describe, expect, it } from 'vitest'
import { applyMask, hasLoneHiddenCell, suppressionMask, withTotals } from './suppression.js'

describe('suppression of small cells', () => {
  it('hides counts under the threshold, never zeros, and keeps a table without small cells whole', () => {
    const table = { cells: [[12, 0], [7, 9]] }
    const mask = suppressionMask(table, 5)
    expect(mask.flat().some(Boolean)).toBe(false)
    expect(withTotals(table)).toEqual([[12, 0, 12], [7, 9, 16], [19, 9, 28]])
  })

  it('hides a second cell in the row and the column of a small one, so totals cannot give it away', () => {
    // 3 is small: alone hidden, 20 - 17 would reveal it.
    const table = { cells: [[3, 17], [10, 12]] }
    const mask = suppressionMask(table, 5)
    const shown = applyMask(withTotals(table), mask)
    expect(shown[0]![0]).toBeNull()
    // Row 0: the only other interior cell (17) goes too; column 0: 10 goes too; then 12 to protect 17 and 10.
    expect(shown).toEqual([[null, null, 20], [null, null, 22], [13, 29, 42]])
    expect(hasLoneHiddenCell(mask)).toBe(false)
  })

  it('hides the smallest other cell, a zero only when nothing else is left, and a total when the line has no other cell', () => {
    const mask = suppressionMask({ cells: [[2, 0, 30, 8]] }, 5)
    // Row: 2 hidden, then the smallest non-zero other (8); the one-row columns hide their totals.
    expect(mask[0]).toEqual([true, false, false, true, false])
    expect(mask[1]).toEqual([true, false, false, true, false])
    expect(hasLoneHiddenCell(mask)).toBe(false)
    const single = suppressionMask({ cells: [[4], [20]] }, 5)
    expect(single.map((row) => row[0])).toEqual([true, true, false])
    expect(hasLoneHiddenCell(single)).toBe(false)
  })

  it('hides small totals too, and never leaves a lone hidden cell in larger tables', () => {
    const table = { cells: [[1, 2, 0], [0, 0, 1], [6, 7, 30], [15, 4, 9]] }
    const mask = suppressionMask(table, 5)
    expect(mask[0]![3]).toBe(true) // row total 3
    expect(mask[1]![3]).toBe(true) // row total 1
    expect(hasLoneHiddenCell(mask)).toBe(false)
    for (let seed = 1; seed < 60; seed++) {
      const cells = Array.from({ length: 4 }, (_, r) => Array.from({ length: 4 }, (__, c) => ((seed * 7 + r * 13 + c * 5) * (r + c + seed)) % 11))
      expect(hasLoneHiddenCell(suppressionMask({ cells }, 5)), JSON.stringify(cells)).toBe(false)
    }
  })

  it('hides nothing with a threshold of 1', () => {
    expect(suppressionMask({ cells: [[1, 2]] }, 1).flat().some(Boolean)).toBe(false)
  })
})
