/**
 * The text of a PDF that pdfkit wrote with its standard fonts: every content
 * stream inflated, the hex strings of its text operators decoded
 * (Windows-1252, as the standard fonts encode). Enough to check what a
 * generated PDF says — and does not say.
 */
import { execFileSync } from 'node:child_process'
import { inflateSync } from 'node:zlib'

/** Where Debian's poppler-utils puts pdftotext (.ci/run installs it). */
export const pdftotext = '/usr/bin/pdftotext'

/** The text of a PDF as `pdftotext -layout` lays it out; the PDF goes in on standard input, so no file is written. */
export function pdftotextLayout(pdf: Uint8Array): string {
  return execFileSync(pdftotext, ['-layout', '-', '-'], { input: pdf, encoding: 'utf8' })
}

const cp1252Extra: Record<number, string> = { 0x80: '€', 0x84: '„', 0x85: '…', 0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x95: '•', 0x96: '–', 0x97: '—' }

function decodeHex(hex: string): string {
  let out = ''
  for (let at = 0; at + 1 < hex.length; at += 2) {
    const code = Number.parseInt(hex.slice(at, at + 2), 16)
    out += cp1252Extra[code] ?? String.fromCharCode(code)
  }
  return out
}

/** The streams of a PDF, inflated where they are compressed. */
export function pdfStreams(pdf: Buffer): string[] {
  const text = pdf.toString('latin1')
  const streams: string[] = []
  // "<< … >>\nstream\n" … "\nendstream": the dictionary says whether the body is compressed.
  for (const match of text.matchAll(/<<((?:(?!>>\s*stream)[\s\S])*)>>\s*stream\r?\n/g)) {
    const start = (match.index ?? 0) + match[0].length
    const end = text.indexOf('endstream', start)
    if (end < 0) {
      break
    }
    const body = pdf.subarray(start, end)
    try {
      streams.push((match[1] ?? '').includes('/FlateDecode') ? inflateSync(body).toString('latin1') : body.toString('latin1'))
    } catch {
      streams.push(body.toString('latin1'))
    }
  }
  return streams
}

/** The text the PDF shows, one text operator per line. */
export function pdfText(pdf: Buffer): string {
  const lines: string[] = []
  for (const stream of pdfStreams(pdf)) {
    for (const match of stream.matchAll(/\[([^\]]*)\]\s*TJ/g)) {
      lines.push([...(match[1] ?? '').matchAll(/<([0-9a-fA-F]*)>/g)].map((hex) => decodeHex(hex[1] ?? '')).join(''))
    }
  }
  return lines.join('\n')
}
