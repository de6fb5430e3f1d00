/** The anonymised final report of a closed case for the caller's pool application (issue 20 point 7, shared/src/api/finalReportExport.ts). */
import { ApproveFinalReportReply, FinalReportDraftReply } from '../../../shared/src/api/finalReportExport.js'
import { request } from './http.js'

const exportUrl = (caseId: string): string => `/api/cases/${encodeURIComponent(caseId)}/final-report-export`

export const finalReportExportApi = {
  /** A draft for the caller's review, built with `redactions`; the server stores nothing. */
  draft: (caseId: string, redactions: readonly string[]) => request(`${exportUrl(caseId)}/draft`, { method: 'POST', body: { redactions: [...redactions] }, reply: FinalReportDraftReply }),
  /** Stores the reviewed draft (named by its hash) as the caller's evidence. */
  approve: (caseId: string, redactions: readonly string[], draftHash: string) =>
    request(`${exportUrl(caseId)}/approve`, { method: 'POST', body: { redactions: [...redactions], draftHash }, reply: ApproveFinalReportReply }),
}
