/**
 * Builds the anonymised final report draft of a case (issue 20 point 7):
 * reads the plan and the notes as committed through the relay (never the
 * confidential fields), runs `shared/src/finalReportExport` with the case's
 * members, the coaches' extra identifiers, the profile's former employers
 * and the application log's employers and contacts — what a supervision
 * copy of the case knows — and hashes the result so the approval can tell the
 * reviewed draft from a changed one.
 */
import { createHash } from 'node:crypto'
import type { CaseFlow } from '../../../shared/src/api/cases.js'
import { anonymiseFinalReport, exportLinesText, type AnonymisedFinalReport } from '../../../shared/src/finalReportExport/anonymiseFinalReport.js'
import type { CaseRecord } from '../storage/cases/CaseStorage.js'
import { withCaseSources, type CaseSourceServices } from '../supervision/caseSources.js'

/** What building a draft reads: what a supervision copy of the case reads. */
export type DraftSources = CaseSourceServices

export interface BuiltDraft extends AnonymisedFinalReport {
  /** SHA-256 (hex) of the draft's text and the redactions it was built with. */
  draftHash: string
}

/** The hash an approval must name: of what the author saw (text and highlighting) and the redactions behind it. */
export function draftHashOf(report: AnonymisedFinalReport, redactions: readonly string[]): string {
  return createHash('sha256')
    .update(JSON.stringify({ lines: report.lines, text: exportLinesText(report.lines), redactions: [...redactions] }))
    .digest('hex')
}

/** A digest of the case for the evidence item: one case counts once, and its id is not in the application. */
export function caseDigestOf(caseId: string): string {
  return createHash('sha256').update(`fallbuch-final-report:${caseId}`).digest('hex')
}

export async function buildFinalReportDraft(sources: DraftSources, caseRecord: CaseRecord, flow: CaseFlow, redactions: readonly string[]): Promise<BuiltDraft> {
  return withCaseSources(sources, caseRecord.id, ({ plan, notes, profile, members, extraIdentifiers, jobSearch }) => {
    const report = anonymiseFinalReport(plan, notes, { members, extraIdentifiers, redactions, caseType: caseRecord.type, flow, profile, jobSearch })
    return { ...report, draftHash: draftHashOf(report, redactions) }
  })
}
