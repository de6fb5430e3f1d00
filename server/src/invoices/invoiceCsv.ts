/**
 * An issued invoice as CSV a bookkeeping system imports (issue 18; columns
 * in README "Invoices"): one row per line, semicolon-separated, German
 * decimals (comma, no thousands separator), UTF-8 with a byte order mark,
 * CRLF. A cancellation's amounts are negative. Text cells that a
 * spreadsheet would read as a formula are quoted with a leading apostrophe.
 */
import type { InvoiceHoursKey } from '../../../shared/src/api/invoices.js'
import type { InvoiceRecord } from '../storage/invoices/InvoiceStorage.js'

/** The header row, in order (README documents each column). */
export const InvoiceCsvColumns = [
  'Belegnummer',
  'Belegart',
  'Belegdatum',
  'Leistungsmonat',
  'Leistungsträger',
  'Aktenzeichen',
  'Initialen',
  'Stunden gesamt',
  'Stunden im Betrieb',
  'Stunden Vor-/Nachbereitung',
  'Stunden Fahrt',
  'Stunden Dokumentation',
  'Stunden Abstimmung',
  'Stunden ohne Kategorie',
  'Satzart',
  'Satz',
  'Betrag',
  'Währung',
  'Storno zu Beleg',
] as const

const hoursColumns: readonly InvoiceHoursKey[] = ['atWorkplace', 'preparation', 'travel', 'documentation', 'coordination', 'none']

/** A number with a decimal comma and `digits` decimals. */
export function germanDecimal(value: number, digits: number): string {
  return value.toFixed(digits).replace('.', ',')
}

function cell(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text
  return /[;"\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe
}

/** The CSV of one issued document. */
export function invoiceCsv(invoice: InvoiceRecord): string {
  const rows: string[][] = [[...InvoiceCsvColumns]]
  const { details } = invoice
  for (const line of details.lines) {
    rows.push([
      cell(invoice.number),
      invoice.kind === 'invoice' ? 'Rechnung' : 'Storno',
      invoice.issuedAt.slice(0, 10),
      invoice.month,
      cell(details.fundingBody.name),
      cell(line.fileNumber),
      cell(line.initials),
      germanDecimal(line.totalHours, 2),
      ...hoursColumns.map((key) => germanDecimal(line.hours[key] ?? 0, 2)),
      line.rate === null ? '' : line.rate.kind === 'hourly' ? 'Stunde' : 'Pauschale',
      line.rate === null ? '' : germanDecimal(line.rate.cents / 100, 2),
      germanDecimal(line.amountCents / 100, 2),
      details.currency,
      details.cancelsNumber === null ? '' : cell(details.cancelsNumber),
    ])
  }
  return `\uFEFF${rows.map((row) => row.join(';')).join('\r\n')}\r\n`
}

