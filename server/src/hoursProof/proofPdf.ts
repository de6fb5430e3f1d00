/**
 * The proof of hours as PDF (issue 18), with pdfkit: one table of the
 * month's entries, the total, the hash of the entries and who confirmed
 * them when. Built in memory (a month is a page or two).
 */
import { newPdfDocument } from '../pdf/newPdfDocument.js'
import type { MonthProofReply } from '../../../shared/src/api/hoursProof.js'
import { categoryText, confirmationLines, correctionText, germanDate, germanHours, germanMonth } from './proofTexts.js'

const columns = [
  { title: 'Datum', width: 62 },
  { title: 'Stunden', width: 48 },
  { title: 'Kategorie', width: 105 },
  { title: 'Ort', width: 100 },
  { title: 'Coach', width: 85 },
  { title: 'Korrektur', width: 115 },
] as const

/** The PDF bytes of a month's proof. */
export async function proofPdf(proof: MonthProofReply): Promise<Buffer> {
  const doc = await newPdfDocument({ size: 'A4', margin: 40, info: { Title: `Stundennachweis ${germanMonth(proof.month)}`, Creator: 'Fallbuch' } })
  const chunks: Buffer[] = []
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk))
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })
  doc.fontSize(16).text(`Stundennachweis ${germanMonth(proof.month)}`)
  doc.moveDown(0.3).fontSize(11).text(proof.caseTitle)
  doc.moveDown()
  row(doc, columns.map((column) => column.title), true)
  for (const entry of proof.entries) {
    row(doc, [germanDate(entry.date), germanHours(entry.minutes), categoryText(entry.category), entry.place ?? '', entry.coachName, correctionText(entry)], false)
  }
  doc.moveDown(0.5).font('Helvetica-Bold').text(`Summe: ${germanHours(proof.totalMinutes)} Stunden`, 40)
  doc.font('Helvetica').moveDown()
  const lines = confirmationLines(proof)
  doc.text(lines.length > 0 ? lines.join('\n') : 'Noch nicht bestätigt.', 40)
  doc.moveDown().fontSize(8).text(`SHA-256 der Einträge: ${proof.entriesHash}`, 40)
  doc.end()
  return done
}

function row(doc: PDFKit.PDFDocument, cells: readonly string[], header: boolean): void {
  doc.font(header ? 'Helvetica-Bold' : 'Helvetica').fontSize(9)
  if (doc.y > doc.page.height - 80) {
    doc.addPage()
  }
  const top = doc.y
  let x = 40
  let bottom = top
  cells.forEach((cell, index) => {
    const width = columns[index]?.width ?? 60
    doc.text(cell, x, top, { width: width - 6 })
    bottom = Math.max(bottom, doc.y)
    x += width
  })
  doc.y = bottom + 3
}
