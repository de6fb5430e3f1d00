/**
 * When an interim report (Zwischenbericht) is due: the first one some months
 * after the start, then one every so many months (the funding body decides;
 * the default is 6, then every 12). Dates are ISO calendar dates (YYYY-MM-DD);
 * adding months keeps the day of month, clamped to the month's last day
 * (31 August + 6 months = 28/29 February).
 *
 * A report written shortly before a due date counts for it: an interim report
 * dated at most `leadDays` (default 30) before a due date settles that date.
 */
export interface InterimSchedule {
  firstAfterMonths: number
  thenEveryMonths: number
  /** How early a report may be written and still count for a due date. */
  leadDays?: number
}

export const DefaultInterimSchedule: InterimSchedule = { firstAfterMonths: 6, thenEveryMonths: 12, leadDays: 30 }

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
 * and whether it is due on `today`. Null when a date is not a valid ISO date
 * or the schedule is not positive.
 */
export function interimReportDue(
  startDate: string,
  today: string,
  schedule: InterimSchedule = DefaultInterimSchedule,
  lastInterimDate?: string,
): InterimDue | null {
  const start = parseIsoDate(startDate)
  const now = parseIsoDate(today)
  const last = lastInterimDate === undefined ? null : parseIsoDate(lastInterimDate)
  if (start === null || now === null || (lastInterimDate !== undefined && last === null)) {
    return null
  }
  if (!(schedule.firstAfterMonths > 0) || !(schedule.thenEveryMonths > 0)) {
    return null
  }
  const lead = (schedule.leadDays ?? 30) * dayMs
  let months = schedule.firstAfterMonths
  let due = parseIsoDate(addMonths(startDate, months)) as number
  // Skip the due dates the last report settled (bounded: 1,000 periods).
  for (let i = 0; last !== null && last >= due - lead && i < 1_000; i++) {
    months += schedule.thenEveryMonths
    due = parseIsoDate(addMonths(startDate, months)) as number
  }
  return { dueDate: toIsoDate(due), due: now >= due, daysUntil: Math.round((due - now) / dayMs) }
}
