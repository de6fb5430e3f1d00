/** The Jobcoach pool API (issue 20, shared/src/api/pool.ts). */
import type { z } from 'zod'
import {
  AnswerProposalReply,
  ApplicationReply,
  ApplicationsReply,
  MatchingReply,
  ProposalPreviewsReply,
  ProposalsReply,
  type AddEvidenceBody,
  type ClassifyBody,
  type MatchNeeds,
  type MeetingBody,
  type SaveOwnApplicationBody,
} from '../../../shared/src/api/pool.js'
import { request } from './http.js'

const applicationUrl = (id: string): string => `/api/pool/applications/${encodeURIComponent(id)}`
const requestUrl = (id: string): string => `/api/pool/requests/${encodeURIComponent(id)}`

export const poolApi = {
  own: () => request('/api/pool/me', { reply: ApplicationReply }),
  saveOwn: (body: SaveOwnApplicationBody) => request('/api/pool/me', { method: 'PATCH', body, reply: ApplicationReply }),
  submit: () => request('/api/pool/me/submit', { method: 'POST', body: {}, reply: ApplicationReply }),
  addEvidence: (body: AddEvidenceBody) => request('/api/pool/me/evidence', { method: 'POST', body, reply: ApplicationReply }),
  removeEvidence: (id: string) => request(`/api/pool/me/evidence/${encodeURIComponent(id)}`, { method: 'DELETE', reply: ApplicationReply }),
  /** Links an uploaded file (poolEvidenceApi.upload) to an evidence item; null unlinks. The file linked before is deleted. */
  setEvidenceFile: (id: string, attachmentId: string | null) =>
    request(`/api/pool/me/evidence/${encodeURIComponent(id)}/file`, { method: 'POST', body: { attachmentId }, reply: ApplicationReply }),
  addTraining: (body: { on: string; title: string; hours: number }) => request('/api/pool/me/trainings', { method: 'POST', body, reply: ApplicationReply }),
  addSupervision: (body: { on: string; note: string }) => request('/api/pool/me/supervisions', { method: 'POST', body, reply: ApplicationReply }),
  proposals: () => request('/api/pool/proposals', { reply: ProposalPreviewsReply }),
  answer: (id: string, answer: 'accept' | 'decline') => request(`/api/pool/proposals/${encodeURIComponent(id)}/answer`, { method: 'POST', body: { answer }, reply: AnswerProposalReply }),
  list: () => request('/api/pool/applications', { reply: ApplicationsReply }),
  get: (id: string) => request(applicationUrl(id), { reply: ApplicationReply }),
  confirmEvidence: (id: string, evidenceId: string, confirmed: boolean) =>
    request(`${applicationUrl(id)}/evidence/${encodeURIComponent(evidenceId)}/confirm`, { method: 'POST', body: { confirmed }, reply: ApplicationReply }),
  classify: (id: string, body: ClassifyBody) => request(`${applicationUrl(id)}/classify`, { method: 'POST', body, reply: ApplicationReply }),
  approve: (id: string, as: 'office' | 'integrationsamt') => request(`${applicationUrl(id)}/approve`, { method: 'POST', body: { as }, reply: ApplicationReply }),
  decline: (id: string, note: string) => request(`${applicationUrl(id)}/decline`, { method: 'POST', body: { note }, reply: ApplicationReply }),
  meeting: (id: string, body: MeetingBody) => request(`${applicationUrl(id)}/meeting`, { method: 'PATCH', body, reply: ApplicationReply }),
  setNeeds: (requestId: string, body: z.input<typeof MatchNeeds>) => request(`${requestUrl(requestId)}/needs`, { method: 'PATCH', body }),
  matching: (requestId: string) => request(`${requestUrl(requestId)}/matching`, { reply: MatchingReply }),
  propose: (requestId: string, userIds: string[]) => request(`${requestUrl(requestId)}/proposals`, { method: 'POST', body: { userIds }, reply: ProposalsReply }),
}
