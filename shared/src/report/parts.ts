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

export type FinalReportPart = (typeof FinalReportParts)[number]
export type InterimReportPart = (typeof InterimReportParts)[number]
export type ReportPart = FinalReportPart | InterimReportPart

export const AllReportParts: readonly ReportPart[] = [...new Set<ReportPart>([...FinalReportParts, ...InterimReportParts])]

/** The parts of a report kind, in the order the report shows them. */
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
