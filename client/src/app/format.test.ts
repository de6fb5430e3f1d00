/** Issue 19 point 9: money, numbers and dates follow the UI language; de-CH reads as Swiss people write them. */
import { describe, expect, it } from 'vitest'
import { formatDate, formatDateTime, formatHours, formatMoney, localeOf } from './format.js'
import { formatMonth } from './billing/money.js'

describe('formatters', () => {
  it('write Swiss money and numbers in de-CH: CHF first, an apostrophe between thousands, a decimal point', () => {
    expect(formatMoney(123_450, 'CHF', 'de-CH')).toMatch(/^CHF\s1['’]234\.50$/)
    expect(formatHours(1234.5, 'de-CH')).toMatch(/^1['’]234\.5$/)
    // The currency is the value's own: a euro amount stays euros in a Swiss UI.
    expect(formatMoney(6850, 'EUR', 'de-CH')).toMatch(/^EUR\s68\.50$/)
  })

  it('write German money and numbers in de: a decimal comma, the euro sign after the amount', () => {
    expect(formatMoney(123_450, 'EUR', 'de')).toMatch(/^1\.234,50\s€$/)
    expect(formatHours(1234.5, 'de')).toBe('1.234,5')
    expect(formatMoney(123_450, 'CHF', 'de')).toMatch(/^1\.234,50\sCHF$/)
  })

  it('write dates the Swiss way in de-CH and the British way in en', () => {
    expect(formatDate('2026-03-02', 'de-CH')).toBe('2. März 2026')
    expect(formatDateTime('2026-03-02T12:00:00Z', 'de-CH')).toMatch(/^02\.03\.2026, \d\d:00$/)
    expect(formatMonth('2026-11', 'de-CH')).toBe('November 2026')
    expect(formatDate('2026-03-02', 'en')).toBe('2 March 2026')
    expect(localeOf('de-CH')).toBe('de-CH')
    expect(localeOf('de')).toBe('de-DE')
  })
})
