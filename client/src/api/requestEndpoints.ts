/** The requests API (issue 19, shared/src/api/requests.ts): list, record, clarify, accept, decline. */
import {
  AcceptRequestReply,
  RequestReply,
  RequestsReply,
  type ClarifyRequestBody,
  type CreateRequestBody,
  type DeclineRequestBody,
  type RequestStatus,
} from '../../../shared/src/api/requests.js'
import { request } from './http.js'

const requestUrl = (id: string): string => `/api/requests/${encodeURIComponent(id)}`

export const requestApi = {
  list: (status?: RequestStatus) => request(status === undefined ? '/api/requests' : `/api/requests?status=${status}`, { reply: RequestsReply }),
  get: (id: string) => request(requestUrl(id), { reply: RequestReply }),
  create: (body: CreateRequestBody) => request('/api/requests', { method: 'POST', body, reply: RequestReply }),
  clarify: (id: string, body: ClarifyRequestBody) => request(requestUrl(id), { method: 'PATCH', body, reply: RequestReply }),
  accept: (id: string) => request(`${requestUrl(id)}/accept`, { method: 'POST', body: {}, reply: AcceptRequestReply }),
  decline: (id: string, body: DeclineRequestBody) => request(`${requestUrl(id)}/decline`, { method: 'POST', body, reply: RequestReply }),
}
