/**
 * An issued invoice or cancellation as PDF (issue 18), with pdfkit: the
 * same content as the printable page, in German (the document goes to a
 * German or Swiss funding body). Built in memory; an invoice has a few
 * dozen lines at most.
 */
import { newPdfDocument } from '../pdf/newPdfDocument.js'
import { fundingLabels } from '../../../shared/src/labels/fundingLabels.js'
import type { InvoiceHoursKey } from '../../../shared/src/api/invoices.js'
import type { InvoiceRecord } from '../storage/invoices/InvoiceStorage.js'
import { germanDecimal } from './invoiceCsv.js'

const categories = fundingLabels('de').hoursCategory

function hoursLabel(key: InvoiceHoursKey): string {
  return key === 'none' ? 'ohne Kategorie' : categories[key]
}

function money(cents: number, currency: string): string {
  const [whole = '0', fraction = '00'] = (Math.abs(cents) / 100).toFixed(2).split('.')
  return `${cents < 0 ? '−' : ''}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, '.')},${fraction} ${currency}`
}

function germanDate(iso: string): string {
  const [year, month, day] = iso.slice(0, 10).split('-')
  return `${day}.${month}.${year}`
}

function germanMonth(month: string): string {
  const [year, number] = month.split('-')
  return `${number}/${year}`
}

/** The PDF bytes of an issued document. */
export async function invoicePdf(invoice: InvoiceRecord): Promise<Buffer> {
  const { details } = invoice
  const doc = await newPdfDocument({ size: 'A4', margin: 56, info: { Title: `${invoice.kind === 'invoice' ? 'Rechnung' : 'Stornorechnung'} ${invoice.number}` } })
  const chunks: Buffer[] = []
  doc.on('data', (chunk: Buffer) => chunks.push(chunk))
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })
  doc.fontSize(10).text(details.fundingBody.name)
  if (details.fundingBody.address !== '') {
    doc.text(details.fundingBody.address)
  }
  doc.moveDown(2)
  doc.fontSize(16).text(`${invoice.kind === 'invoice' ? 'Rechnung' : 'Stornorechnung'} ${invoice.number}`)
  doc.fontSize(10).moveDown(0.5)
  doc.text(`Rechnungsdatum: ${germanDate(invoice.issuedAt)}`)
  doc.text(`Leistungszeitraum: ${germanMonth(invoice.month)}`)
  if (details.cancelsNumber !== null) {
    doc.text(`Storniert die Rechnung ${details.cancelsNumber}. Grund: ${details.reason}`)
  }
  doc.moveDown()
  for (const line of details.lines) {
    doc.font('Helvetica-Bold').text(`Az. ${line.fileNumber === '' ? '—' : line.fileNumber} · ${line.initials === '' ? '—' : line.initials}`)
    doc.font('Helvetica')
    const parts = Object.entries(line.hours).map(([key, hours]) => `${hoursLabel(key as InvoiceHoursKey)}: ${germanDecimal(hours, 2)} Std.`)
    doc.text(parts.join(' · '))
    const rate = line.rate === null ? 'kein Satz' : line.rate.kind === 'hourly' ? `${money(line.rate.cents, line.rate.currency)} je Stunde` : `Pauschale ${money(line.rate.cents, line.rate.currency)}`
    doc.text(`${germanDecimal(line.totalHours, 2)} Std. · ${rate} · Betrag ${money(line.amountCents, details.currency)}`, { align: 'right' })
    doc.moveDown(0.5)
  }
  doc.moveDown()
  doc.font('Helvetica-Bold').fontSize(12).text(`Gesamtbetrag: ${money(details.totalCents, details.currency)}`, { align: 'right' })
  doc.font('Helvetica').fontSize(8).moveDown(2)
  doc.text(`Ausgestellt von ${details.issuedByName}. Aufbewahrt bis ${germanDate(invoice.retainUntil)}.`)
  doc.end()
  return done
}
