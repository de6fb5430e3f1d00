/**
 * The server's notion of "now", injectable so tests can move time past a
 * consent's end date or a retention period without waiting.
 */
export type Clock = () => Date

export const systemClock: Clock = () => new Date()

/**
 * The ISO day (YYYY-MM-DD, UTC) of an instant: end dates such as a grant's
 * validUntil are whole days, compared against this.
 */
export function isoDay(instant: Date): string {
  return instant.toISOString().slice(0, 10)
}
