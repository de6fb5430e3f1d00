/** The supervision API calls (shared/src/api/supervision.ts), each with its reply schema. */
import type { AddGroupMemberBody, CreateSupervisionGroupBody, ReleaseCopyBody } from '../../../../shared/src/api/collaboration.js'
import {
  CopyReview,
  CreatedCopyReply,
  SupervisionCopiesReply,
  SupervisionCopyReply,
  SupervisionGroupMemberReply,
  SupervisionGroupReply,
  SupervisionGroupsReply,
  type RedactCopyBody,
} from '../../../../shared/src/api/supervision.js'
import { request } from '../../api/http.js'

const copyUrl = (copyId: string): string => `/api/supervision-copies/${encodeURIComponent(copyId)}`
const groupUrl = (groupId: string): string => `/api/supervision/groups/${encodeURIComponent(groupId)}`

export const supervisionApi = {
  groups: () => request('/api/supervision/groups', { reply: SupervisionGroupsReply }),
  createGroup: (body: CreateSupervisionGroupBody) => request('/api/supervision/groups', { method: 'POST', body, reply: SupervisionGroupReply }),
  addGroupMember: (groupId: string, body: AddGroupMemberBody) =>
    request(`${groupUrl(groupId)}/members`, { method: 'POST', body, reply: SupervisionGroupMemberReply }),
  removeGroupMember: (groupId: string, userId: string) => request(`${groupUrl(groupId)}/members/${encodeURIComponent(userId)}`, { method: 'DELETE' }),
  copies: () => request('/api/supervision-copies', { reply: SupervisionCopiesReply }),
  copy: (copyId: string) => request(copyUrl(copyId), { reply: SupervisionCopyReply }),
  createCopy: (caseId: string) =>
    request(`/api/cases/${encodeURIComponent(caseId)}/supervision-copies`, { method: 'POST', body: {}, reply: CreatedCopyReply }),
  legend: (copyId: string) => request(`${copyUrl(copyId)}/legend`, { reply: CopyReview }),
  redact: (copyId: string, body: RedactCopyBody) => request(`${copyUrl(copyId)}/redactions`, { method: 'POST', body, reply: CreatedCopyReply }),
  release: (copyId: string, body: ReleaseCopyBody) => request(`${copyUrl(copyId)}/release`, { method: 'POST', body, reply: SupervisionCopyReply }),
}
