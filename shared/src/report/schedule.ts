/**
 * When an interim report (Zwischenbericht) is due. By default the first one
 * is due at the middle of the expected duration (the midterm date of the
 * evaluation meetings), and later ones only as the funding body asks: it may
 * set the first after so many months from the start, and one every so many
 * months after that. Dates are ISO calendar dates (YYYY-MM-DD); adding months
 * keeps the day of month, clamped to the month's last day (31 August + 6
 * months = 28/29 February).
 *
 * A report written shortly before a due date counts for it: an interim report
 * dated at most `leadDays` (default 30) before a due date settles that date.
 */
import { midtermDate } from '../process/meetingReminders.js'

export interface InterimSchedule {
  /** Months from the start to the first report; unset: the middle of the expected duration. */
  firstAfterMonths?: number | undefined
  /** Months between later reports, as the funding body asks; unset: none after the first. */
  thenEveryMonths?: number | undefined
  /** How early a report may be written and still count for a due date. */
  leadDays?: number
}

/** The default: the first report at the midterm date, no further ones until the funding body asks. */
export const DefaultInterimSchedule: InterimSchedule = { leadDays: 30 }

/** The case's dates the schedule counts from (the plan's frame). */
export interface InterimFrame {
  startDate: string
  /** Needed for the default first date (the middle of the expected duration). */
  expectedEndDate?: string | undefined
}

export interface InterimDue {
  /** The next due date not settled by the last interim report. */
  dueDate: string
  /** today >= dueDate. */
  due: boolean
  /** Days from today to the due date (negative when overdue). */
  daysUntil: number
}

const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/

function parseIsoDate(value: string): number | null {
  const match = isoDatePattern.exec(value)
  if (!match) {
    return null
  }
  const [, y, m, d] = match
  const time = Date.UTC(Number(y), Number(m) - 1, Number(d))
  const check = new Date(time)
  return check.getUTCDate() === Number(d) && check.getUTCMonth() === Number(m) - 1 ? time : null
}

function toIsoDate(time: number): string {
  return new Date(time).toISOString().slice(0, 10)
}

const dayMs = 86_400_000

/** Adds calendar months, clamping to the last day of the target month. */
export function addMonths(isoDate: string, months: number): string {
  const time = parseIsoDate(isoDate)
  if (time === null) {
    throw new RangeError(`not an ISO date: ${isoDate}`)
  }
  const date = new Date(time)
  const targetMonth = date.getUTCMonth() + months
  const lastDay = new Date(Date.UTC(date.getUTCFullYear(), targetMonth + 1, 0)).getUTCDate()
  return toIsoDate(Date.UTC(date.getUTCFullYear(), targetMonth, Math.min(date.getUTCDate(), lastDay)))
}

/**
 * The next interim report due date after `lastInterimDate` (or the first one),
 * and whether it is due on `today`. Null when a date is not a valid ISO date,
 * a schedule entry is not positive, the first date cannot be known (no
 * expected end and no months set), or the last report settled the first date
 * and the funding body asked for no further ones.
 */
export function interimReportDue(
  frame: InterimFrame,
  today: string,
  schedule: InterimSchedule = DefaultInterimSchedule,
  lastInterimDate?: string,
): InterimDue | null {
  const { startDate, expectedEndDate } = frame
  const start = parseIsoDate(startDate)
  const now = parseIsoDate(today)
  const last = lastInterimDate === undefined ? null : parseIsoDate(lastInterimDate)
  if (start === null || now === null || (lastInterimDate !== undefined && last === null)) {
    return null
  }
  const { firstAfterMonths, thenEveryMonths } = schedule
  if ((firstAfterMonths !== undefined && !(firstAfterMonths > 0)) || (thenEveryMonths !== undefined && !(thenEveryMonths > 0))) {
    return null
  }
  // Later dates count from the first one's base, so clamping at month ends stays the same every period.
  const base = firstAfterMonths !== undefined ? { date: startDate, months: firstAfterMonths } : { date: midtermDate(startDate, expectedEndDate), months: 0 }
  if (base.date === null || parseIsoDate(base.date) === null) {
    return null
  }
  const lead = (schedule.leadDays ?? 30) * dayMs
  let months = base.months
  let due = parseIsoDate(addMonths(base.date, months)) as number
  // Skip the due dates the last report settled (bounded: 1,000 periods).
  for (let i = 0; last !== null && last >= due - lead && i < 1_000; i++) {
    if (thenEveryMonths === undefined) {
      return null
    }
    months += thenEveryMonths
    due = parseIsoDate(addMonths(base.date, months)) as number
  }
  return { dueDate: toIsoDate(due), due: now >= due, daysUntil: Math.round((due - now) / dayMs) }
}
