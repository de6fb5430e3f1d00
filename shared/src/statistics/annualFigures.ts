/**
 * The annual figures funders ask for (issue 22; cf. the reporting of
 * § 197 SGB IX): intake, closures, cases open at the year's end, outcomes by
 * category, mean duration and hours, each by case type (or outcome) and by
 * the coachee's gender. Computed from structured case data only (dates, the
 * case type, the outcome kind, hours entries, the gender scalar); every
 * table is suppressed (suppression.ts) so no single person can be
 * recognised. Mean durations and hour sums hide the cells whose case count
 * is hidden.
 */
import { z } from 'zod'
import type { CaseType } from '../api/cases.js'
import { CaseType as CaseTypeSchema } from '../api/cases.js'
import { CoacheeGenders, type CoacheeGender } from '../caseDocument/coacheeGender.js'
import { OutcomeKinds, type OutcomeKind } from '../caseDocument/notes.js'
import { dayNumber } from '../process/dates.js'
import { applyMask, suppressionMask, withTotals } from './suppression.js'

/** The gender columns: the recorded ones, and cases where none is recorded. */
export const GenderColumns = [...CoacheeGenders, 'unknown'] as const
export type GenderColumn = (typeof GenderColumns)[number]

/** A closed case without a recorded outcome kind is counted under this row. */
export const NoOutcomeRow = 'none'
export const OutcomeRows = [...OutcomeKinds, NoOutcomeRow] as const

/** What the figures read of one case. */
export interface StatisticsCase {
  type: CaseType
  gender: CoacheeGender | undefined
  /** The start (plan start date, else the day the case was made). */
  start: string
  /** The day the case was closed, or null while open. */
  end: string | null
  outcome: OutcomeKind | undefined
  hours: ReadonlyArray<{ date: string; hours: number }>
}

export const StatisticsTableIds = ['intake', 'closures', 'openAtYearEnd', 'outcomes', 'durationMonths', 'hours'] as const
export type StatisticsTableId = (typeof StatisticsTableIds)[number]

/** One published table: rows x gender columns, with totals; null is a suppressed cell. */
export const StatisticsTable = z.object({
  id: z.enum(StatisticsTableIds),
  /** count: people; mean: months, one decimal; sum: hours. */
  measure: z.enum(['count', 'mean', 'sum']),
  rows: z.array(z.string()),
  columns: z.array(z.enum(GenderColumns)),
  /** `cells[row][column]`; the last column is the row total, the last row the column totals. */
  cells: z.array(z.array(z.number().nullable())),
})
export type StatisticsTable = z.infer<typeof StatisticsTable>

export const AnnualFigures = z.object({
  year: z.number().int(),
  /** Cells counting fewer than this many cases are suppressed. */
  suppressBelow: z.number().int(),
  tables: z.array(StatisticsTable),
})
export type AnnualFigures = z.infer<typeof AnnualFigures>

function genderColumn(item: StatisticsCase): number {
  return GenderColumns.indexOf(item.gender ?? 'unknown')
}

/** A rows x genders table of the cases `rowOf` places (null: not counted), and the per-cell lists. */
function tabulate(cases: readonly StatisticsCase[], rows: readonly string[], rowOf: (item: StatisticsCase) => string | null): StatisticsCase[][][] {
  const cells = rows.map(() => GenderColumns.map((): StatisticsCase[] => []))
  for (const item of cases) {
    const row = rowOf(item)
    const r = row === null ? -1 : rows.indexOf(row)
    if (r >= 0) {
      cells[r]![genderColumn(item)]!.push(item)
    }
  }
  return cells
}

/** Every cell of the extended table (with totals) as the list of its cases. */
function extendLists(cells: StatisticsCase[][][]): StatisticsCase[][][] {
  const rows = cells.map((row) => [...row, row.flat()])
  const totals = (rows[0] ?? []).map((_, c) => rows.flatMap((row) => row[c]!))
  return [...rows, totals]
}

function countTable(id: StatisticsTableId, rows: readonly string[], cells: StatisticsCase[][][], threshold: number): StatisticsTable {
  const counts = { cells: cells.map((row) => row.map((list) => list.length)) }
  return { id, measure: 'count', rows: [...rows], columns: [...GenderColumns], cells: applyMask(withTotals(counts), suppressionMask(counts, threshold)) }
}

/** A table of a derived value per cell (mean, sum), hidden where the cell's case count is hidden. */
function derivedTable(
  id: StatisticsTableId,
  measure: 'mean' | 'sum',
  rows: readonly string[],
  cells: StatisticsCase[][][],
  threshold: number,
  value: (cases: StatisticsCase[]) => number,
): StatisticsTable {
  const mask = suppressionMask({ cells: cells.map((row) => row.map((list) => list.length)) }, threshold)
  const values = extendLists(cells).map((row) => row.map(value))
  return { id, measure, rows: [...rows], columns: [...GenderColumns], cells: applyMask(values, mask) }
}

const round1 = (value: number): number => Math.round(value * 10) / 10
/** Average days per month (365.25 / 12). */
const daysPerMonth = 30.4375

/** The figures of `year` over every case, suppressed below `suppressBelow`. */
export function annualFigures(cases: readonly StatisticsCase[], year: number, suppressBelow: number): AnnualFigures {
  const first = `${year}-01-01`
  const last = `${year}-12-31`
  const types: readonly string[] = CaseTypeSchema.options
  const intake = tabulate(cases, types, (item) => (item.start >= first && item.start <= last ? item.type : null))
  const closedInYear = (item: StatisticsCase): boolean => item.end !== null && item.end >= first && item.end <= last
  const closures = tabulate(cases, types, (item) => (closedInYear(item) ? item.type : null))
  const open = tabulate(cases, types, (item) => (item.start <= last && (item.end === null || item.end > last) ? item.type : null))
  const outcomes = tabulate(cases, OutcomeRows, (item) => (closedInYear(item) ? (item.outcome ?? NoOutcomeRow) : null))
  const hoursInYear = (item: StatisticsCase): number => item.hours.filter((entry) => entry.date >= first && entry.date <= last).reduce((sum, entry) => sum + entry.hours, 0)
  const withHours = tabulate(cases, types, (item) => (hoursInYear(item) > 0 ? item.type : null))
  const meanMonths = (list: StatisticsCase[]): number =>
    list.length === 0 ? 0 : round1(list.reduce((sum, item) => sum + (dayNumber(item.end ?? item.start) - dayNumber(item.start)) / daysPerMonth, 0) / list.length)
  return {
    year,
    suppressBelow,
    tables: [
      countTable('intake', types, intake, suppressBelow),
      countTable('closures', types, closures, suppressBelow),
      countTable('openAtYearEnd', types, open, suppressBelow),
      countTable('outcomes', OutcomeRows, outcomes, suppressBelow),
      derivedTable('durationMonths', 'mean', types, closures, suppressBelow, meanMonths),
      derivedTable('hours', 'sum', types, withHours, suppressBelow, (list) => round1(list.reduce((sum, item) => sum + hoursInYear(item), 0))),
    ],
  }
}
