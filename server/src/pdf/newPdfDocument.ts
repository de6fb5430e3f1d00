/**
 * pdfkit, loaded on the first PDF (an invoice, a proof of hours, an
 * anonymised final report) rather than at start: it holds about 12 MB of
 * RSS (font metrics, its dependencies), which every relay process carried
 * whether or not it ever wrote a PDF (issue 21, memory).
 */
import type PDFDocumentClass from 'pdfkit'

type PdfKit = typeof PDFDocumentClass

let loading: Promise<PdfKit> | null = null

/** A new pdfkit document with these options. */
export async function newPdfDocument(options: PDFKit.PDFDocumentOptions): Promise<PDFKit.PDFDocument> {
  loading ??= import('pdfkit').then((module) => module.default as unknown as PdfKit)
  const PDFDocument = await loading
  return new PDFDocument(options)
}
