/** The Intl locale of a UI language: British English, Swiss or German German. */
export function localeOf(language: string): string {
  if (language.startsWith('en')) {
    return 'en-GB'
  }
  return language === 'de-CH' ? 'de-CH' : 'de-DE'
}

/** Date and time as people of the UI language read them. */
export function formatDateTime(iso: string, language: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) {
    return iso
  }
  return new Intl.DateTimeFormat(localeOf(language), { dateStyle: 'medium', timeStyle: 'short' }).format(date)
}

/** A calendar date (YYYY-MM-DD) in the UI language, e.g. "2. März 2026". */
export function formatDate(isoDate: string, language: string): string {
  const date = new Date(`${isoDate}T12:00:00Z`)
  if (Number.isNaN(date.getTime())) {
    return isoDate
  }
  return new Intl.DateTimeFormat(localeOf(language), { dateStyle: 'long', timeZone: 'UTC' }).format(date)
}

/** How long ago (or until) an ISO time is, e.g. "vor 3 Min." / "3 min ago", relative to `now` (ms). */
export function formatRelativeTime(iso: string, now: number, language: string): string {
  const time = Date.parse(iso)
  if (Number.isNaN(time)) {
    return iso
  }
  const format = new Intl.RelativeTimeFormat(localeOf(language), { numeric: 'auto', style: 'short' })
  const seconds = Math.round((time - now) / 1000)
  const abs = Math.abs(seconds)
  if (abs < 60) {
    return format.format(0, 'minute')
  }
  if (abs < 3600) {
    return format.format(Math.round(seconds / 60), 'minute')
  }
  if (abs < 86_400) {
    return format.format(Math.round(seconds / 3600), 'hour')
  }
  return format.format(Math.round(seconds / 86_400), 'day')
}

/** Hours as people of the UI language write them (at most two decimals). */
export function formatHours(hours: number, language: string): string {
  return new Intl.NumberFormat(localeOf(language), { maximumFractionDigits: 2 }).format(hours)
}

/** An amount in cents in its own currency, written as the UI language writes money: "68,50 €" (de), "CHF 68.50" (de-CH). */
export function formatMoney(cents: number, currency: string, language: string): string {
  return new Intl.NumberFormat(localeOf(language), { style: 'currency', currency }).format(cents / 100)
}
