/** The funding API (issue 18, shared/src/api/funding.ts): the directory and a case's funding and approvals. */
import { z } from 'zod'
import {
  ApprovalReply,
  CaseFundingRecord,
  CaseFundingReply,
  FundingBodiesReply,
  FundingBodyReply,
  type AddApprovalBody,
  type CreateFundingBodyBody,
  type SetCaseFundingBody,
  type UpdateFundingBodyBody,
} from '../../../shared/src/api/funding.js'
import { RetainedBillingReply } from '../../../shared/src/api/billing.js'
import { request } from './http.js'

const caseUrl = (caseId: string): string => `/api/cases/${encodeURIComponent(caseId)}`
const bodyUrl = (id: string): string => `/api/funding-bodies/${encodeURIComponent(id)}`

export const fundingApi = {
  fundingBodies: () => request('/api/funding-bodies', { reply: FundingBodiesReply }),
  createFundingBody: (body: CreateFundingBodyBody) => request('/api/funding-bodies', { method: 'POST', body, reply: FundingBodyReply }),
  updateFundingBody: (id: string, body: UpdateFundingBodyBody) => request(bodyUrl(id), { method: 'PATCH', body, reply: FundingBodyReply }),
  deleteFundingBody: (id: string) => request(bodyUrl(id), { method: 'DELETE' }),
  caseFunding: (caseId: string) => request(`${caseUrl(caseId)}/funding`, { reply: CaseFundingReply }),
  setCaseFunding: (caseId: string, body: SetCaseFundingBody) =>
    request(`${caseUrl(caseId)}/funding`, { method: 'POST', body, reply: z.object({ funding: CaseFundingRecord }) }),
  /** Admin: the billing records erased cases left behind (hours and approvals, issue 16). */
  retainedBilling: () => request('/api/admin/billing/retained', { reply: RetainedBillingReply }),
  addApproval: (caseId: string, body: AddApprovalBody) => request(`${caseUrl(caseId)}/approvals`, { method: 'POST', body, reply: ApprovalReply }),
}
