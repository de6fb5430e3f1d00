import { describe, expect, it } from 'vitest'
import { formatInvoiceNumber, initialsOf, invoiceYear, parseInvoiceNumber, sequenceFaults } from './invoiceNumbers.js'

describe('invoice numbers', () => {
  it('are year and a five-digit running number, and parse back', () => {
    expect(formatInvoiceNumber(2026, 1)).toBe('2026-00001')
    expect(formatInvoiceNumber(2026, 12345)).toBe('2026-12345')
    expect(parseInvoiceNumber('2026-00042')).toEqual({ year: 2026, seq: 42 })
    expect(parseInvoiceNumber('2026-00000')).toBeNull()
    expect(parseInvoiceNumber('RE-1')).toBeNull()
    expect(() => formatInvoiceNumber(2026, 0)).toThrow(RangeError)
    expect(() => formatInvoiceNumber(2026, 100000)).toThrow(RangeError)
  })

  it('are numbered in the year of issue (UTC)', () => {
    expect(invoiceYear('2026-12-31T23:59:59.000Z')).toBe(2026)
    expect(invoiceYear('2027-01-01T00:00:00.000Z')).toBe(2027)
  })

  it('an audit of the sequence finds gaps and duplicates per year', () => {
    expect(sequenceFaults(['2026-00001', '2026-00002', '2027-00001'])).toEqual({ missing: [], duplicates: [] })
    expect(sequenceFaults(['2026-00001', '2026-00003', '2026-00003', '2027-00002'])).toEqual({
      missing: ['2026-00002', '2027-00001'],
      duplicates: ['2026-00003'],
    })
  })
})

describe('initials on an invoice line', () => {
  it('keep only the first letter of each part of the name', () => {
    expect(initialsOf('Anna Maria Beispiel')).toBe('A. M. B.')
    expect(initialsOf('  jörg müller-lüdenscheidt ')).toBe('J. M. L.')
    expect(initialsOf('')).toBe('')
  })
})
