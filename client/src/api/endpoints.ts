/** The API calls the client makes (contract §5), each with its shared reply schema. */
import {
  CaseReply,
  CasesReply,
  MemberReply,
  type AddMemberBody,
  type CreateCaseBody,
  type UpdateCaseBody,
} from '../../../shared/src/api/cases.js'
import { SetupStatusReply, UserReply, UsersReply, type CreateUserBody, type LoginBody, type SetupBody } from '../../../shared/src/api/users.js'
import { z } from 'zod'
import { request } from './http.js'
import { lastUserId } from './offlineCache.js'

const CreatedCaseReply = z.object({ case: z.object({ id: z.string() }).loose() })

export const api = {
  setupStatus: () => request('/api/setup', { reply: SetupStatusReply }),
  setup: (body: SetupBody) => request('/api/setup', { method: 'POST', body, reply: UserReply }),
  login: (body: LoginBody) => request('/api/auth/login', { method: 'POST', body, reply: UserReply }),
  logout: () => request('/api/auth/logout', { method: 'POST' }),
  /** Falls back to the last logged-in user's cached `me` when offline. */
  me: () => request('/api/me', { reply: UserReply, cacheFor: lastUserId() ?? undefined }),
  users: () => request('/api/users', { reply: UsersReply }),
  createUser: (body: CreateUserBody) => request('/api/users', { method: 'POST', body, reply: UserReply }),
  cases: (userId: string) => request('/api/cases', { reply: CasesReply, cacheFor: userId }),
  createCase: (body: CreateCaseBody) => request('/api/cases', { method: 'POST', body, reply: CreatedCaseReply }),
  case: (userId: string, caseId: string) =>
    request(`/api/cases/${encodeURIComponent(caseId)}`, { reply: CaseReply, cacheFor: userId }),
  updateCase: (caseId: string, body: UpdateCaseBody) =>
    request(`/api/cases/${encodeURIComponent(caseId)}`, { method: 'PATCH', body, reply: CaseReply.or(z.object({}).loose()) }),
  addMember: (caseId: string, body: AddMemberBody) =>
    request(`/api/cases/${encodeURIComponent(caseId)}/members`, { method: 'POST', body, reply: MemberReply }),
  removeMember: (caseId: string, memberId: string) =>
    request(`/api/cases/${encodeURIComponent(caseId)}/members/${encodeURIComponent(memberId)}`, { method: 'DELETE' }),
}
