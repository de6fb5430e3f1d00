import { describe, expect, it } from 'vitest'
import { isoDay, setServiceTimeZone } from './clock.js'

describe('isoDay', () => {
  it("is the calendar day where the service's people live, not the UTC day", () => {
    // 23:30 UTC on 31 March is already 1 April in Berlin and Zurich (summer time).
    const lateEvening = new Date('2026-03-31T23:30:00Z')
    expect(isoDay(lateEvening, 'Europe/Berlin')).toBe('2026-04-01')
    expect(isoDay(lateEvening, 'Europe/Zurich')).toBe('2026-04-01')
    expect(isoDay(lateEvening, 'UTC')).toBe('2026-03-31')
    expect(isoDay(new Date('2026-12-31T22:59:59Z'), 'Europe/Berlin')).toBe('2026-12-31')
  })

  it('refuses an unknown time zone', () => {
    expect(() => setServiceTimeZone('Mars/Olympus')).toThrow()
  })
})
