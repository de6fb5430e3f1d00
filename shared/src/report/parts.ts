/**
 * The free-text parts of the reports that the coaches write (everything else
 * in a report is generated from the plan and the notes).
 *
 * Storage — additive to notes schema v1: each part is a root-level rich-text
 * fragment (Y.XmlFragment, tiptap's collaboration field) of the notes
 * document, named `report:<kind>:<part>`, e.g. `report:final:participationBefore`.
 * Absent fragments read as empty; no `meta` key or version change is needed,
 * and older clients simply never open them. The notes document is coaches-only
 * (contract §3), like the reports themselves.
 */
import type * as Y from 'yjs'
import { hasText } from '../richText/blocks.js'
import { readRichText } from '../richText/readRichText.js'
import { DefaultInterimSchedule, type InterimSchedule } from './schedule.js'

export const ReportKinds = ['final', 'interim'] as const
export type ReportKind = (typeof ReportKinds)[number]

/** Abschlussbericht: what the quality standards ask a final report to show. */
export const FinalReportParts = [
  /** Betriebliche Teilhabe vor dem Jobcoaching. */
  'participationBefore',
  /** Betriebliche Teilhabe nach dem Jobcoaching. */
  'participationAfter',
  /** Bewertung durch die betrieblich Beteiligten (Abschlussgespräch). */
  'participantsAssessment',
  /** Gründe, falls der Arbeitsplatz nicht gesichert / erreicht wurde. */
  'reasonsIfNotSecured',
  /** Erkenntnisse und Empfehlungen für die künftige Teilhabe. */
  'recommendations',
] as const

/** Zwischenbericht: the state at the middle of the coaching. */
export const InterimReportParts = [
  /** Betriebliche Teilhabe zu Beginn. */
  'participationBefore',
  /** Bisheriger Verlauf. */
  'courseOfProcess',
  /** Durchgeführte und geplante Maßnahmen. */
  'measures',
  /** Erkenntnisse, Empfehlungen und weiteres Vorgehen. */
  'recommendations',
] as const

/**
 * The Swiss parts (issue 19, profile A10): the course of the measure, the
 * assessment of competences and — only where the funder asks, and never in
 * a German report — of Vermittlungsfähigkeit. Which report shows which part
 * is decided in templates.ts.
 */
export const SwissReportParts = ['courseOfMeasure', 'competences', 'employability'] as const

export type FinalReportPart = (typeof FinalReportParts)[number]
export type InterimReportPart = (typeof InterimReportParts)[number]
export type SwissReportPart = (typeof SwissReportParts)[number]
export type ReportPart = FinalReportPart | InterimReportPart | SwissReportPart

export const AllReportParts: readonly ReportPart[] = [...new Set<ReportPart>([...FinalReportParts, ...InterimReportParts, ...SwissReportParts])]

/** The parts of a report kind under the German template, in the order the report shows them (templates.ts chooses per flow). */
export function reportParts(kind: ReportKind): readonly ReportPart[] {
  return kind === 'final' ? FinalReportParts : InterimReportParts
}

/** Whether a string is a report kind (route parameters). */
export function isReportKind(value: unknown): value is ReportKind {
  return value === 'final' || value === 'interim'
}

/** Name of the notes fragment that holds one part of one report kind. */
export function reportPartFragmentName(kind: ReportKind, part: ReportPart): `report:${ReportKind}:${ReportPart}` {
  return `report:${kind}:${part}`
}

/** The rich-text fragment of one part (created empty on first use). */
export function reportPartFragment(notes: Y.Doc, kind: ReportKind, part: ReportPart): Y.XmlFragment {
  return notes.getXmlFragment(reportPartFragmentName(kind, part))
}

/**
 * Root map `reportLog` of the notes document (additive to schema v1):
 * `interimLastDate` (ISO date) is set when a coach prints or downloads the
 * interim report, so the next due date counts from it;
 * `interimFirstAfterMonths` and `interimEveryMonths` (whole months) hold the
 * case's interim-report schedule when it differs from the default (the
 * funding body decides it).
 */
export const ReportLogMap = 'reportLog'

/** The date of the last interim report made, if any and valid. */
export function lastInterimReportDate(notes: Y.Doc): string | undefined {
  const value = notes.getMap<unknown>(ReportLogMap).get('interimLastDate')
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined
}

/** Records that an interim report was made on `date` (keeps the later of two dates). */
export function recordInterimReport(notes: Y.Doc, date: string): void {
  const log = notes.getMap<unknown>(ReportLogMap)
  const previous = lastInterimReportDate(notes)
  if (previous === undefined || previous < date) {
    log.set('interimLastDate', date)
  }
}

/** Parts a final report cannot do without (the reasons only when the job was not secured). */
export const RequiredFinalParts: readonly FinalReportPart[] = ['participationBefore', 'participationAfter', 'participantsAssessment', 'recommendations']

/**
 * Whether the final report is written: every required part has text. For
 * `documentationGaps({ reportWritten })` in shared/src/process.
 */
export function isFinalReportWritten(notes: Y.Doc): boolean {
  return RequiredFinalParts.every((part) => hasText(readRichText(reportPartFragment(notes, 'final', part))))
}

/** Bounds of a schedule entry, in months. */
export const InterimScheduleMonths = { min: 1, max: 60 } as const

function scheduleMonths(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= InterimScheduleMonths.min && value <= InterimScheduleMonths.max
    ? value
    : fallback
}

/** The case's interim-report schedule (the default where none, or an invalid one, is set). */
export function interimScheduleOf(notes: Y.Doc): InterimSchedule {
  const log = notes.getMap<unknown>(ReportLogMap)
  const first = scheduleMonths(log.get('interimFirstAfterMonths'), -1)
  const every = scheduleMonths(log.get('interimEveryMonths'), -1)
  return {
    ...DefaultInterimSchedule,
    ...(first === -1 ? {} : { firstAfterMonths: first }),
    ...(every === -1 ? {} : { thenEveryMonths: every }),
  }
}

/**
 * Sets the case's interim-report schedule as the funding body asks; an entry
 * left undefined returns to the default (first: the midterm date; then: none).
 * Values outside 1–60 whole months are refused.
 */
export function setInterimSchedule(notes: Y.Doc, schedule: { firstAfterMonths?: number | undefined; thenEveryMonths?: number | undefined }): void {
  for (const months of [schedule.firstAfterMonths, schedule.thenEveryMonths]) {
    if (months !== undefined && scheduleMonths(months, -1) === -1) {
      throw new RangeError(`an interim schedule entry must be ${InterimScheduleMonths.min}–${InterimScheduleMonths.max} whole months`)
    }
  }
  notes.transact(() => {
    const log = notes.getMap<unknown>(ReportLogMap)
    for (const [key, months] of [
      ['interimFirstAfterMonths', schedule.firstAfterMonths],
      ['interimEveryMonths', schedule.thenEveryMonths],
    ] as const) {
      if (months === undefined) {
        log.delete(key)
      } else {
        log.set(key, months)
      }
    }
  })
}
