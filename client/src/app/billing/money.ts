/** Amounts in cents and months as people of the UI language read them (issue 18). */
import { localeOf } from '../format.js'

/** One money formatter for the whole client (de-CH: "CHF 1’234.50"). */
export { formatMoney } from '../format.js'

/** A month (YYYY-MM) as people of the UI language read it, e.g. "November 2026". */
export function formatMonth(month: string, language: string): string {
  const date = new Date(`${month}-15T12:00:00Z`)
  return Number.isNaN(date.getTime()) ? month : new Intl.DateTimeFormat(localeOf(language), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date)
}

/** The month before `today` (YYYY-MM): what is usually billed. */
export function previousMonth(today: Date): string {
  const date = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 1, 1))
  return date.toISOString().slice(0, 7)
}
