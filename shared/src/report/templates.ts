/**
 * Which report template a case gets (issue 19, point 8). A German report
 * (the quality standards: participation in the company before and after,
 * the participants' own assessment) never assesses the person's
 * Vermittlungsfähigkeit — the German standards measure the result by the
 * company's and the person's participation, and the coaches act on behalf
 * of the people in the company, not as assessors. A Swiss report (profile
 * A10) describes the course of the measure and the competences, and assesses
 * Vermittlungsfähigkeit only "bei Bedarf", i.e. where the funder asks for it.
 *
 * Where the funder's request is kept: `reportLog.employabilityRequested` in
 * the notes (coaches only). The request belongs to one order (the
 * Auftragsklärung with the Kostenträger, A1), not to the funding body as a
 * whole — an IV-Stelle asks for it in one order and not in the next — and it
 * is the coaches who know it; in the notes it merges offline like the rest
 * of the report and needs no server table or migration.
 */
import type * as Y from 'yjs'
import type { CaseFlow } from '../api/cases.js'
import { FinalReportParts, InterimReportParts, ReportLogMap, type ReportKind, type ReportPart } from './parts.js'

/** What chooses a report's parts. */
export interface ReportTemplate {
  flow: CaseFlow
  /** The funder asks for an assessment of Vermittlungsfähigkeit (counts only under the Swiss flow). */
  employabilityRequested: boolean
}

export const GermanTemplate: ReportTemplate = { flow: 'de', employabilityRequested: false }

/** Whether a report may hold an assessment of Vermittlungsfähigkeit: Swiss flow AND asked for by the funder. */
export function mayAssessEmployability(template: ReportTemplate): boolean {
  return template.flow === 'ch' && template.employabilityRequested
}

/**
 * The parts of a report, in order. German: the standards' parts, never
 * `employability`. Swiss: course of the measure and competences first, then
 * Vermittlungsfähigkeit where allowed, then the standards' closing parts.
 */
export function reportPartsFor(kind: ReportKind, template: ReportTemplate = GermanTemplate): readonly ReportPart[] {
  if (template.flow !== 'ch') {
    return kind === 'final' ? FinalReportParts : InterimReportParts
  }
  const employability: ReportPart[] = mayAssessEmployability(template) ? ['employability'] : []
  return kind === 'final'
    ? ['courseOfMeasure', 'competences', ...employability, 'participantsAssessment', 'reasonsIfNotSecured', 'recommendations']
    : ['courseOfMeasure', 'competences', ...employability, 'measures', 'recommendations']
}

/** Drops every part the template does not allow (the guard any report output passes through). */
export function allowedParts<T extends { name: ReportPart }>(parts: readonly T[], kind: ReportKind, template: ReportTemplate): T[] {
  const allowed = new Set(reportPartsFor(kind, template))
  return parts.filter((part) => allowed.has(part.name))
}

/** Whether the case's funder asks for Vermittlungsfähigkeit (notes `reportLog`). */
export function employabilityRequested(notes: Y.Doc): boolean {
  return notes.getMap<unknown>(ReportLogMap).get('employabilityRequested') === true
}

/** Records whether the funder asks for it. */
export function setEmployabilityRequested(notes: Y.Doc, requested: boolean): void {
  notes.getMap<unknown>(ReportLogMap).set('employabilityRequested', requested)
}
