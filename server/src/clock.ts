/**
 * The server's notion of "now", injectable so tests can move time past a
 * consent's end date or a retention period without waiting; and of "today",
 * the calendar day in the service's time zone (TIME_ZONE), which end dates
 * such as a grant's validUntil are compared against — the day the people in
 * the case live in, the same day the browser shows them.
 */
export type Clock = () => Date

export const systemClock: Clock = () => new Date()

/** The time zone of the service's calendar days; set once at start from the configuration. */
let serviceTimeZone = 'Europe/Berlin'

/** Sets the zone of {@link isoDay} (TIME_ZONE); throws for an unknown zone. */
export function setServiceTimeZone(timeZone: string): void {
  new Intl.DateTimeFormat('en-CA', { timeZone }).format(0)
  serviceTimeZone = timeZone
}

/** One formatter per zone: building one costs far more than using it, and access checks ask for today. */
const dayFormats = new Map<string, Intl.DateTimeFormat>()

/** The ISO day (YYYY-MM-DD) of an instant in the service's time zone. */
export function isoDay(instant: Date, timeZone: string = serviceTimeZone): string {
  let format = dayFormats.get(timeZone)
  if (format === undefined) {
    // en-CA formats a date as YYYY-MM-DD.
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    dayFormats.set(timeZone, format)
  }
  return format.format(instant)
}
