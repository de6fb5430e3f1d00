/** Invitations of freelance job coaches to the pool and pool data erasure (issue 20, shared/src/api/poolInvitations.ts). */
import {
  AcceptedPoolInvitationReply,
  CreatedPoolInvitationReply,
  PoolInvitationPreviewReply,
  PoolInvitationsReply,
  PoolStandingReply,
  type AcceptPoolInvitationBody,
  type CreatePoolInvitationBody,
} from '../../../shared/src/api/poolInvitations.js'
import { request } from './http.js'

const linkUrl = (token: string): string => `/api/pool-invitations/${encodeURIComponent(token)}`

export const poolInvitationApi = {
  invite: (body: CreatePoolInvitationBody) => request('/api/pool/invitations', { method: 'POST', body, reply: CreatedPoolInvitationReply }),
  list: () => request('/api/pool/invitations', { reply: PoolInvitationsReply }),
  withdraw: (id: string) => request(`/api/pool/invitations/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  preview: (token: string) => request(linkUrl(token), { reply: PoolInvitationPreviewReply }),
  accept: (token: string, body: AcceptPoolInvitationBody) => request(`${linkUrl(token)}/accept`, { method: 'POST', body, reply: AcceptedPoolInvitationReply }),
  standing: () => request('/api/pool/standing', { reply: PoolStandingReply }),
  /** "Bewerbung zurückziehen und Daten löschen": the caller's own pool data. */
  eraseOwn: () => request('/api/pool/me', { method: 'DELETE' }),
  /** An admin erases the pool data of a deactivated account. */
  eraseOf: (userId: string) => request(`/api/users/${encodeURIComponent(userId)}/pool-data`, { method: 'DELETE' }),
}
