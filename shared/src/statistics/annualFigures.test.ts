import { describe, expect, it } from 'vitest'
import { annualFigures, GenderColumns, type StatisticsCase, type StatisticsTableId } from './annualFigures.js'

function item(overrides: Partial<StatisticsCase> = {}): StatisticsCase {
  return { type: 'placement', gender: 'female', start: '2025-03-01', end: null, outcome: undefined, hours: [], ...overrides }
}

function many(count: number, overrides: Partial<StatisticsCase>): StatisticsCase[] {
  return Array.from({ length: count }, () => item(overrides))
}

const table = (figures: ReturnType<typeof annualFigures>, id: StatisticsTableId) => figures.tables.find((entry) => entry.id === id)!
const column = (gender: (typeof GenderColumns)[number]): number => GenderColumns.indexOf(gender)
const total = GenderColumns.length

describe('annual figures', () => {
  const cases = [
    ...many(6, { gender: 'female', start: '2025-02-01' }),
    ...many(5, { gender: 'male', start: '2025-04-01', end: '2025-10-01', outcome: 'employmentPermanent', hours: [{ date: '2025-05-01', hours: 2 }, { date: '2024-12-01', hours: 9 }] }),
    ...many(7, { type: 'retention', gender: 'male', start: '2024-05-01', end: '2025-05-01', outcome: 'jobSecured', hours: [{ date: '2025-01-10', hours: 1.5 }] }),
    ...many(8, { type: 'retention', gender: undefined, start: '2024-01-01' }),
    item({ gender: 'diverse', start: '2025-06-01' }),
  ]
  const figures = annualFigures(cases, 2025, 5)

  it('counts intake, closures and open cases by case type and gender, with totals', () => {
    const intake = table(figures, 'intake')
    expect(intake.rows).toEqual(['placement', 'retention'])
    // 6 female + 5 male + 1 diverse placements started in 2025; the single diverse case is hidden, and with it a second cell.
    expect(intake.cells[0]![column('diverse')]).toBeNull()
    expect(intake.cells[0]![total]).toBe(12)
    expect(table(figures, 'closures').cells[1]![column('male')]).toBe(7)
    expect(table(figures, 'closures').cells[2]![total]).toBe(12)
    const open = table(figures, 'openAtYearEnd')
    expect(open.cells[1]![column('unknown')]).toBe(8)
    expect(open.cells[2]![total]).toBe(15)
  })

  it('counts the outcomes of the year\'s closures by category', () => {
    const outcomes = table(figures, 'outcomes')
    const row = (kind: string): (number | null)[] => outcomes.cells[outcomes.rows.indexOf(kind)]!
    expect(row('employmentPermanent')[column('male')]).toBe(5)
    expect(row('jobSecured')[column('male')]).toBe(7)
    expect(row('none')[total]).toBe(0)
  })

  it('gives the mean duration in months and the hours of the year only', () => {
    const duration = table(figures, 'durationMonths')
    expect(duration.measure).toBe('mean')
    expect(duration.cells[0]![column('male')]).toBe(6)
    expect(duration.cells[1]![column('male')]).toBe(12)
    const hours = table(figures, 'hours')
    expect(hours.cells[0]![column('male')]).toBe(10)
    expect(hours.cells[1]![column('male')]).toBe(10.5)
    expect(hours.cells[2]![total]).toBe(20.5)
  })

  it('suppresses small groups so no person can be recognised, also in durations and hours', () => {
    const few = annualFigures([item({ gender: 'diverse', end: '2025-09-01', outcome: 'notPlaced', hours: [{ date: '2025-04-01', hours: 3 }] }), ...many(9, { gender: 'female' })], 2025, 5)
    const intake = table(few, 'intake')
    expect(intake.cells[0]![column('diverse')]).toBeNull()
    expect(intake.cells[0]![column('female')]).toBeNull()
    expect(table(few, 'closures').cells.flat().every((value) => value === null || value === 0)).toBe(true)
    expect(table(few, 'durationMonths').cells[0]![column('diverse')]).toBeNull()
    expect(table(few, 'hours').cells[0]![column('diverse')]).toBeNull()
  })
})
