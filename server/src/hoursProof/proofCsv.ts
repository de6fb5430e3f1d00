/**
 * The proof of hours as CSV (issue 18): semicolon-separated, German number
 * and date format, UTF-8 with a byte order mark, so Excel in a German
 * locale opens it with umlauts and decimal commas as they are.
 */
import type { MonthProofReply } from '../../../shared/src/api/hoursProof.js'
import { categoryText, correctionText, germanDate, germanHours } from './proofTexts.js'

/** A field quoted when it holds a separator, a quote or a line break; a leading formula character is defused. */
function field(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

/** The CSV text (BOM included) of a month's proof. */
export function proofCsv(proof: MonthProofReply): string {
  const header = ['Datum', 'Stunden', 'Kategorie', 'Ort', 'Coach', 'Korrektur']
  const rows = proof.entries.map((entry) => [germanDate(entry.date), germanHours(entry.minutes), categoryText(entry.category), entry.place ?? '', entry.coachName, correctionText(entry)])
  // Hours may be negative for a correction: the number cell keeps its minus sign unquoted (it is a number, not a formula).
  const lines = [header.map(field), ...rows.map((row) => row.map((cell, index) => (index === 1 ? cell : field(cell))))]
  lines.push(['Summe', germanHours(proof.totalMinutes), '', '', '', ''])
  lines.push(['SHA-256', proof.entriesHash, '', '', '', ''])
  return `\uFEFF${lines.map((line) => line.join(';')).join('\r\n')}\r\n`
}
