/**
 * The annual figures' words, written once for the printable page (client
 * i18n `statistics.*`) and the CSV export (server). Outcome rows use the
 * report's outcome names (report/labels.ts).
 */
import { reportLabels, type ReportLanguage } from '../report/labels.js'
import type { CaseType } from '../api/cases.js'
import type { GenderColumn, StatisticsTableId } from './annualFigures.js'

export interface StatisticsLabels {
  tables: Record<StatisticsTableId, string>
  genders: Record<GenderColumn, string>
  caseTypes: Record<CaseType, string>
  /** A closed case without a recorded outcome. */
  noOutcome: string
  total: string
  /** What a suppressed cell shows, and why. */
  suppressed: string
  suppressedNote: string
  /** The CSV's first column heading. */
  row: string
}

const de: StatisticsLabels = {
  tables: {
    intake: 'Aufnahmen (neue Fälle)',
    closures: 'Abschlüsse',
    openAtYearEnd: 'Laufende Fälle am Jahresende',
    outcomes: 'Ergebnisse der Abschlüsse',
    durationMonths: 'Mittlere Dauer abgeschlossener Fälle (Monate)',
    hours: 'Geleistete Stunden im Jahr',
  },
  genders: { female: 'weiblich', male: 'männlich', diverse: 'divers', unknown: 'nicht erfasst' },
  caseTypes: { placement: 'Arbeitsplatzanbahnung', retention: 'Arbeitsplatzsicherung' },
  noOutcome: 'Kein Ergebnis erfasst',
  total: 'Gesamt',
  suppressed: '–',
  suppressedNote: '– : weniger als {{threshold}} Fälle, oder aus den Summen errechenbar; ausgeblendet, damit niemand erkennbar ist.',
  row: 'Zeile',
}

const en: StatisticsLabels = {
  tables: {
    intake: 'Intake (new cases)',
    closures: 'Closures',
    openAtYearEnd: 'Open cases at the end of the year',
    outcomes: 'Outcomes of the closures',
    durationMonths: 'Mean duration of closed cases (months)',
    hours: 'Hours worked in the year',
  },
  genders: { female: 'female', male: 'male', diverse: 'diverse', unknown: 'not recorded' },
  caseTypes: { placement: 'Job placement', retention: 'Job retention' },
  noOutcome: 'No outcome recorded',
  total: 'Total',
  suppressed: '–',
  suppressedNote: '– : fewer than {{threshold}} cases, or computable from the totals; hidden so nobody can be recognised.',
  row: 'Row',
}

/** The statistics words of a language. */
export function statisticsLabels(language: ReportLanguage): StatisticsLabels {
  return language === 'en' ? en : de
}

/** A row key of a table in words (a case type, an outcome kind, or none). */
export function statisticsRowLabel(labels: StatisticsLabels, language: ReportLanguage, row: string): string {
  if (row === 'placement' || row === 'retention') {
    return labels.caseTypes[row]
  }
  const outcomes: Record<string, string> = reportLabels(language).outcomeKind
  return outcomes[row] ?? labels.noOutcome
}
