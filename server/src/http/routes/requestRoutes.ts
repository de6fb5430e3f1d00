/**
 * Requests and intake (issue 19, shared/src/api/requests.ts): the list with
 * its status filter, recording, the order clarification, accept and
 * decline. Staff who take intake only (the action policy's
 * `requests.read` / `requests.write` with the `takesIntake` fact);
 * employers, coachees and supervision-only accounts get 403.
 */
import type { PoolApplicantLookup } from '../../storage/pool/PoolInvitationStorage.js'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import {
  AcceptRequestBody,
  ClarifyRequestBody,
  CreateRequestBody,
  DeclineRequestBody,
  RequestStatus,
  type AcceptRequestReply,
  type IntakeRequest,
  type RequestReply,
  type RequestsReply,
} from '../../../../shared/src/api/requests.js'
import { isOpaqueId } from '../../../../shared/src/ids.js'
import type { Action } from '../../../../shared/src/policy/actions.js'
import { requestErasesOn } from '../../../../shared/src/process/requestFlow.js'
import { acceptRequest, clarifyRequest, declineRequest, loadRequest, recordRequest, takesIntake } from '../../commands/requests.js'
import type { AttachmentStorage } from '../../storage/attachments/AttachmentStorage.js'
import type { CaseStorage } from '../../storage/cases/CaseStorage.js'
import type { ErasureStorage } from '../../storage/erasure/ErasureStorage.js'
import type { FundingStorage } from '../../storage/funding/FundingStorage.js'
import type { RequestStorage, RequestWithNames } from '../../storage/requests/RequestStorage.js'
import type { SessionStorage } from '../../storage/sessions/SessionStorage.js'
import type { SupervisionGroupStorage } from '../../storage/supervision/SupervisionStorage.js'
import type { UserRecord } from '../../storage/users/UserStorage.js'
import type { AppContext } from '../AppContext.js'
import { assertMay } from '../assertMay.js'
import { authenticate } from '../authenticate.js'
import { notFound } from '../errors.js'
import { parseBody } from '../parseBody.js'

/** The storage ports this module uses. */
type Ports = AttachmentStorage & CaseStorage & ErasureStorage & FundingStorage & RequestStorage & SessionStorage & SupervisionGroupStorage & PoolApplicantLookup

/** A request as the API shows it. */
export function toApiRequest(request: RequestWithNames): IntakeRequest {
  return {
    id: request.id,
    status: request.status,
    personName: request.personName,
    requesterKind: request.requesterKind,
    requesterName: request.requesterName,
    requesterContact: request.requesterContact,
    referringBody: request.referringBody,
    firstContactOn: request.firstContactOn,
    reason: request.reason,
    fundingBodyId: request.fundingBodyId,
    fundingBodyName: request.fundingBodyName,
    roughGoals: request.roughGoals,
    consentOn: request.consentOn,
    declineReason: request.declineReason,
    referral: request.referral,
    caseId: request.caseId,
    createdAt: request.createdAt,
    createdByName: request.createdByName,
    updatedAt: request.updatedAt,
    decidedAt: request.decidedAt,
    decidedByName: request.decidedByName,
    erasesOn: requestErasesOn(request),
  }
}

export function registerRequestRoutes(app: FastifyInstance, ctx: AppContext<Ports>): void {
  /** The caller, once the policy lets them do `action` (403 otherwise). */
  const caller = async (request: FastifyRequest, action: Action): Promise<UserRecord> => {
    const { user } = await authenticate(ctx, request)
    assertMay(null, action, { takesIntake: await takesIntake(ctx.storage, user) })
    return user
  }
  const requestOf = (id: string): Promise<RequestWithNames> => {
    if (!isOpaqueId(id)) {
      throw notFound('requestNotFound', 'No such request')
    }
    return loadRequest(ctx, id)
  }

  app.get<{ Querystring: { status?: string } }>('/api/requests', async (request): Promise<RequestsReply> => {
    await caller(request, 'requests.read')
    const status = request.query.status === undefined ? undefined : parseBody(RequestStatus, request.query.status)
    const requests = await ctx.storage.listRequests()
    return { requests: requests.filter((entry) => status === undefined || entry.status === status).map(toApiRequest) }
  })

  app.post('/api/requests', async (request, reply): Promise<RequestReply> => {
    const user = await caller(request, 'requests.write')
    const body = parseBody(CreateRequestBody, request.body)
    reply.code(201)
    return { request: toApiRequest(await recordRequest(ctx, body, user)) }
  })

  app.get<{ Params: { id: string } }>('/api/requests/:id', async (request): Promise<RequestReply> => {
    await caller(request, 'requests.read')
    return { request: toApiRequest(await requestOf(request.params.id)) }
  })

  app.patch<{ Params: { id: string } }>('/api/requests/:id', async (request): Promise<RequestReply> => {
    await caller(request, 'requests.write')
    const body = parseBody(ClarifyRequestBody, request.body)
    return { request: toApiRequest(await clarifyRequest(ctx, await requestOf(request.params.id), body)) }
  })

  app.post<{ Params: { id: string } }>('/api/requests/:id/accept', async (request, reply): Promise<AcceptRequestReply> => {
    const user = await caller(request, 'requests.write')
    parseBody(AcceptRequestBody, request.body ?? {})
    const accepted = await acceptRequest(ctx, await requestOf(request.params.id), user, ctx.config.billingRetentionYears)
    reply.code(201)
    return { request: toApiRequest(accepted.request), caseId: accepted.caseRecord.id }
  })

  app.post<{ Params: { id: string } }>('/api/requests/:id/decline', async (request): Promise<RequestReply> => {
    const user = await caller(request, 'requests.write')
    const body = parseBody(DeclineRequestBody, request.body)
    return { request: toApiRequest(await declineRequest(ctx, await requestOf(request.params.id), body, user)) }
  })
}
