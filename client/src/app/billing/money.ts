/** Amounts in cents as people of the UI language read them (issue 18). */
import { localeOf } from '../format.js'

export function formatMoney(cents: number, currency: string, language: string): string {
  return new Intl.NumberFormat(localeOf(language), { style: 'currency', currency }).format(cents / 100)
}

/** The month before `today` (YYYY-MM): what is usually billed. */
export function previousMonth(today: Date): string {
  const date = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 1, 1))
  return date.toISOString().slice(0, 7)
}
