/** The proof of hours API (issue 18, shared/src/api/hoursProof.ts): the months, one month, its confirmation and downloads. */
import { HoursProofListReply, MonthProofReply } from '../../../shared/src/api/hoursProof.js'
import { request } from './http.js'

const proofUrl = (caseId: string): string => `/api/cases/${encodeURIComponent(caseId)}/hours-proof`

export const hoursProofApi = {
  months: (caseId: string) => request(proofUrl(caseId), { reply: HoursProofListReply }),
  month: (caseId: string, month: string) => request(`${proofUrl(caseId)}/${encodeURIComponent(month)}`, { reply: MonthProofReply }),
  confirm: (caseId: string, month: string, entriesHash: string) =>
    request(`${proofUrl(caseId)}/${encodeURIComponent(month)}/confirm`, { method: 'POST', body: { entriesHash }, reply: MonthProofReply }),
  /** The address of a download (the browser fetches it with the session cookie). */
  downloadUrl: (caseId: string, month: string, format: 'pdf' | 'csv') => `${proofUrl(caseId)}/${encodeURIComponent(month)}?format=${format}`,
}
