/** `GET /api/caseload/summaries`: the server's summary of every case the caller coaches (the caseload page). */
import { z } from 'zod'
import { CaseDocSummary } from '../process/caseSummary.js'
import { Id } from './common.js'

/** One case of the caller's caseload, summarised from the documents the server holds. */
export const CaseloadSummaryEntry = z.object({
  caseId: Id,
  /** Coaches of the case (2 in a tandem): the caseload weighs a case by them. */
  coaches: z.number().int().min(0),
  /** Null when the server holds no readable plan (never written, or a newer schema). */
  summary: CaseDocSummary.nullable(),
})
export type CaseloadSummaryEntry = z.infer<typeof CaseloadSummaryEntry>

export const CaseloadSummariesReply = z.object({ summaries: z.array(CaseloadSummaryEntry) })
export type CaseloadSummariesReply = z.infer<typeof CaseloadSummariesReply>
