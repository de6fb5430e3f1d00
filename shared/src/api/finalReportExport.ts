/**
 * The anonymised final report of a closed case for the caller's own pool
 * application (issue 20 point 7, group 2b). Nothing is stored before the
 * author approves: a draft is built for the request that asks for it and
 * goes to that coach only; the approval rebuilds it with the same
 * redactions, checks it is the draft the author reviewed (`draftHash`), and
 * stores it as a PDF evidence file of the author's application.
 *
 *   POST /api/cases/:id/final-report-export/draft    {redactions}            → 200 {draft}
 *   POST /api/cases/:id/final-report-export/approve  {redactions, draftHash} → 201 {application, evidenceId}
 */
import { z } from 'zod'
import { ReplacementKind } from '../caseDocument/supervisionCopy.js'
import { ExportLineKinds } from '../finalReportExport/anonymiseFinalReport.js'
import { Limits } from '../limits.js'
import { Application } from './pool.js'

/** The author's redactions, accumulated on the client while they review (at most as many as a supervision copy takes). */
const Redactions = z.array(z.string().trim().min(1).max(Limits.maxRedactionLength)).max(Limits.maxRedactionTotal)

/** `…/draft`: build the draft with these redactions. */
export const FinalReportDraftBody = z.object({ redactions: Redactions.default([]) }).strict()
export type FinalReportDraftBody = z.input<typeof FinalReportDraftBody>

export const ExportSegment = z.object({ text: z.string(), replaced: ReplacementKind.optional() })
export const ExportLine = z.object({ kind: z.enum(ExportLineKinds), segments: z.array(ExportSegment) })

export const FinalReportDraft = z.object({
  lines: z.array(ExportLine),
  /** Spans the anonymiser replaced. */
  replacements: z.number().int().nonnegative(),
  /** Which identifier each placeholder stands for: shown to the author during the review, never stored. */
  legend: z.array(z.object({ placeholder: z.string(), kind: ReplacementKind, identifier: z.string() })),
  /** SHA-256 of the draft's text and redactions; the approval must name it. */
  draftHash: z.string().regex(/^[0-9a-f]{64}$/),
  /** Whether a report of this case is in the caller's application already (a second one would not count). */
  alreadyExported: z.boolean(),
})
export type FinalReportDraft = z.infer<typeof FinalReportDraft>
export const FinalReportDraftReply = z.object({ draft: FinalReportDraft })
export type FinalReportDraftReply = z.infer<typeof FinalReportDraftReply>

/** `…/approve`: the redactions of the reviewed draft and its hash. */
export const ApproveFinalReportBody = z.object({ redactions: Redactions.default([]), draftHash: z.string().regex(/^[0-9a-f]{64}$/) }).strict()
export type ApproveFinalReportBody = z.input<typeof ApproveFinalReportBody>

export const ApproveFinalReportReply = z.object({ application: Application, evidenceId: z.string() })
export type ApproveFinalReportReply = z.infer<typeof ApproveFinalReportReply>
