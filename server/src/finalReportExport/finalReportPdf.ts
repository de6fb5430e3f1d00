/**
 * The approved anonymised final report as a PDF (issue 20 point 7), with
 * pdfkit like the invoices and the proof of hours: the lines the author
 * reviewed, in order, nothing else — no metadata from the case (the PDF's
 * title is the generic one). Built in memory: a report is a few pages.
 */
import { newPdfDocument } from '../pdf/newPdfDocument.js'
import type { ExportLine, ExportLineKind } from '../../../shared/src/finalReportExport/anonymiseFinalReport.js'

const Margin = 50

const styles: Record<ExportLineKind, { font: string; size: number; gapBefore: number; bullet: boolean }> = {
  title: { font: 'Helvetica-Bold', size: 16, gapBefore: 0, bullet: false },
  heading: { font: 'Helvetica-Bold', size: 13, gapBefore: 0.9, bullet: false },
  subheading: { font: 'Helvetica-Bold', size: 11, gapBefore: 0.6, bullet: false },
  text: { font: 'Helvetica', size: 10, gapBefore: 0.25, bullet: false },
  item: { font: 'Helvetica', size: 10, gapBefore: 0.15, bullet: true },
}

/** The 27 characters of Windows-1252 beyond Latin-1 that the standard PDF fonts have. */
const WinAnsiExtra = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ')

/** Letters without a decomposition, to their base (as the anonymiser folds them). */
const BaseLetters: Record<string, string> = { ı: 'i', İ: 'I', ł: 'l', Ł: 'L', đ: 'd', Đ: 'D', ħ: 'h', Ħ: 'H' }

/**
 * Text the standard fonts can write: Latin-1 and the Windows-1252 extras as
 * they are; other letters without their accents ("ş" → "s"); anything else "?".
 */
export function toWinAnsi(text: string): string {
  let out = ''
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0
    if (char === '\n' || (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WinAnsiExtra.has(char)) {
      out += char
      continue
    }
    const base = (BaseLetters[char] ?? char).normalize('NFKD').replace(/\p{M}/gu, '')
    out += base !== '' && [...base].every((part) => (part.codePointAt(0) ?? 0) >= 0x20 && (part.codePointAt(0) ?? 0) <= 0xff) ? base : '?'
  }
  return out
}

/** The PDF bytes of the reviewed lines. */
export async function finalReportPdf(lines: readonly ExportLine[]): Promise<Buffer> {
  const doc = await newPdfDocument({ size: 'A4', margin: Margin, info: { Title: 'Abschlussbericht (anonymisiert)', Creator: 'Fallbuch' } })
  const chunks: Buffer[] = []
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk))
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })
  const width = doc.page.width - 2 * Margin
  for (const line of lines) {
    const style = styles[line.kind]
    const text = toWinAnsi(line.segments.map((segment) => segment.text).join(''))
    doc.font(style.font).fontSize(style.size)
    if (style.gapBefore > 0) {
      doc.moveDown(style.gapBefore)
    }
    if (style.bullet) {
      doc.text(`•  ${text}`, Margin + 10, doc.y, { width: width - 10, indent: -10 })
    } else {
      doc.text(text, Margin, doc.y, { width })
    }
  }
  doc.end()
  return done
}
