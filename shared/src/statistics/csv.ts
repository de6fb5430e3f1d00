/**
 * The annual figures as CSV (semicolon-separated, as German spreadsheets
 * open it; a suppressed cell is "–"): one block per table, its title, a
 * header of the gender columns and the total, a row per row key and the
 * totals row. Labels only, no keys.
 */
import { fillLabel, type ReportLanguage } from '../report/labels.js'
import type { AnnualFigures } from './annualFigures.js'
import { statisticsLabels, statisticsRowLabel } from './labels.js'

function field(value: string): string {
  return /[;"\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
}

function number(value: number | null, language: ReportLanguage, suppressed: string): string {
  return value === null ? suppressed : language === 'en' ? String(value) : String(value).replace('.', ',')
}

/** The figures as a CSV text (CRLF line ends, as RFC 4180 asks). */
export function annualFiguresCsv(figures: AnnualFigures, language: ReportLanguage): string {
  const labels = statisticsLabels(language)
  const lines: string[] = []
  for (const table of figures.tables) {
    lines.push(field(`${labels.tables[table.id]} ${figures.year}`))
    lines.push([labels.row, ...table.columns.map((column) => labels.genders[column]), labels.total].map(field).join(';'))
    table.cells.forEach((row, r) => {
      const name = r < table.rows.length ? statisticsRowLabel(labels, language, table.rows[r]!) : labels.total
      lines.push([field(name), ...row.map((value) => number(value, language, labels.suppressed))].join(';'))
    })
    lines.push('')
  }
  lines.push(field(fillLabel(labels.suppressedNote, { threshold: figures.suppressBelow })))
  return `${lines.join('\r\n')}\r\n`
}
