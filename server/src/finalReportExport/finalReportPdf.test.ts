import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { anonymiseFinalReport } from '../../../shared/src/finalReportExport/anonymiseFinalReport.js'
import { demoDocs, DemoIdentifiers, DemoMembers } from '../../../shared/src/finalReportExport/demoFinalReport.js'
import { pdfText } from '../../../test/helpers/pdfText.js'
import { sniffMediaType } from '../../../shared/src/attachments/sniff.js'
import { finalReportPdf, toWinAnsi } from './finalReportPdf.js'

describe('the anonymised final report as PDF', () => {
  it('is a PDF the attachment store accepts, saying what the author reviewed and no name of the case', async () => {
    const plan = new Y.Doc()
    const notes = new Y.Doc()
    demoDocs(plan, notes)
    const pdf = await finalReportPdf(anonymiseFinalReport(plan, notes, { members: DemoMembers }).lines)
    expect(sniffMediaType(pdf.subarray(0, 64))).toBe('application/pdf')
    // Wrapped lines joined again, as a reader reads them.
    const text = pdfText(pdf).replace(/\s*\n\s*/g, ' ')
    expect(text).toContain('Abschlussbericht (anonymisiert): Kassenbereich Supermarkt (Betrieb A)')
    expect(text).toContain('Person A scannt 18 Artikel pro Minute')
    expect(text).toContain('Betriebliche Teilhabe nach dem Jobcoaching')
    for (const identifier of DemoIdentifiers) {
      expect(text.toLowerCase()).not.toContain(identifier.toLowerCase())
      // The raw bytes carry the PDF's creation date (today), so only the names are looked for there.
      if (/^\p{L}+$/u.test(identifier)) {
        expect(pdf.toString('latin1').toLowerCase()).not.toContain(identifier.toLowerCase())
      }
    }
  })

  it('writes German letters as they are and others without their accents', () => {
    expect(toWinAnsi('Größe – „gut“ €')).toBe('Größe – „gut“ €')
    expect(toWinAnsi('Kızıltaş Łukasz Nguyễn')).toBe('Kiziltas Lukasz Nguyen')
    expect(toWinAnsi('中')).toBe('?')
  })
})
