/** Calendar-date arithmetic on ISO dates (YYYY-MM-DD), in UTC so no time zone shifts a day. */

const dayMs = 86_400_000

/** Days since 1970-01-01 of an ISO date; NaN when it is not one. */
export function dayNumber(isoDate: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate)) {
    return Number.NaN
  }
  return Math.round(Date.parse(`${isoDate}T00:00:00Z`) / dayMs)
}

/** The ISO date of a day number. */
export function isoFromDayNumber(day: number): string {
  return new Date(day * dayMs).toISOString().slice(0, 10)
}

/** `isoDate` plus `days` (may be negative). */
export function addDays(isoDate: string, days: number): string {
  return isoFromDayNumber(dayNumber(isoDate) + days)
}

/** Today's date where the user is (local calendar), as YYYY-MM-DD. */
export function localToday(now: Date = new Date()): string {
  const month = String(now.getMonth() + 1).padStart(2, '0')
  const day = String(now.getDate()).padStart(2, '0')
  return `${now.getFullYear()}-${month}-${day}`
}
