/**
 * Funding bodies and approvals (issue 18, shared/src/api/funding.ts). The
 * directory: every staff account reads the active entries (a coach picks
 * one), admins read all and change them. A case's funding: its coaches and
 * admins (the action policy's funding.read / funding.write; an admin needs
 * no membership, as for erasure); the employer and the coachee never, so
 * they never see rates.
 */
import type { FastifyInstance } from 'fastify'
import {
  AddApprovalBody,
  CreateFundingBodyBody,
  SetCaseFundingBody,
  UpdateFundingBodyBody,
  type ApprovalReply,
  type CaseFundingReply,
  type FundingBodiesReply,
  type FundingBodyReply,
} from '../../../../shared/src/api/funding.js'
import { isOpaqueId } from '../../../../shared/src/ids.js'
import { can, type Action } from '../../../../shared/src/policy/actions.js'
import { toApiApprovals, toApiCaseFunding, toApiFundingBody } from '../../api/toApiFunding.js'
import { totalApprovedHours } from '../../../../shared/src/funding/approvals.js'
import { addApproval, createFundingBody, deleteFundingBody, setCaseFunding, updateFundingBody } from '../../commands/funding.js'
import type { AppContext } from '../AppContext.js'
import { assertMay } from '../assertMay.js'
import { authenticate, authenticateStaff } from '../authenticate.js'
import { notFound } from '../errors.js'
import { parseBody } from '../parseBody.js'
import { loadCaseOfMember } from './caseAccess.js'
import type { CaseRecord } from '../../storage/cases/CaseStorage.js'
import type { CaseStorage } from '../../storage/cases/CaseStorage.js'
import type { FundingStorage } from '../../storage/funding/FundingStorage.js'
import type { MemberStorage } from '../../storage/members/MemberStorage.js'
import type { SessionStorage } from '../../storage/sessions/SessionStorage.js'
import type { UserRecord } from '../../storage/users/UserStorage.js'

/** The storage ports this module uses. */
type Ports = CaseStorage & FundingStorage & MemberStorage & SessionStorage

/** The case for a funding action: an admin may act on any case; anyone else must be a member whose role may (404 for non-members). */
async function loadCaseForFunding(ctx: AppContext<Ports>, caseId: string, user: UserRecord, action: Action): Promise<CaseRecord> {
  if (can(null, action, { isAdmin: user.isAdmin })) {
    const record = isOpaqueId(caseId) ? await ctx.storage.findCase(caseId) : null
    if (record === null) {
      throw notFound('caseNotFound', 'No such case')
    }
    return record
  }
  const { record, member } = await loadCaseOfMember(ctx, caseId, user.id)
  assertMay(member.role, action, { isAdmin: user.isAdmin })
  return record
}

export function registerFundingRoutes(app: FastifyInstance, ctx: AppContext<Ports>): void {
  app.get('/api/funding-bodies', async (request): Promise<FundingBodiesReply> => {
    const { user } = await authenticateStaff(ctx, request)
    const includeInactive = can(null, 'fundingBodies.manage', { isAdmin: user.isAdmin })
    return { fundingBodies: (await ctx.storage.listFundingBodies({ includeInactive })).map(toApiFundingBody) }
  })

  app.post('/api/funding-bodies', async (request, reply): Promise<FundingBodyReply> => {
    const { user } = await authenticate(ctx, request)
    assertMay(null, 'fundingBodies.manage', { isAdmin: user.isAdmin })
    const body = parseBody(CreateFundingBodyBody, request.body)
    const created = await createFundingBody(ctx, body)
    reply.code(201)
    return { fundingBody: toApiFundingBody(created) }
  })

  app.patch<{ Params: { id: string } }>('/api/funding-bodies/:id', async (request): Promise<FundingBodyReply> => {
    const { user } = await authenticate(ctx, request)
    assertMay(null, 'fundingBodies.manage', { isAdmin: user.isAdmin })
    const body = parseBody(UpdateFundingBodyBody, request.body)
    if (!isOpaqueId(request.params.id)) {
      throw notFound('fundingBodyNotFound', 'No such funding body')
    }
    return { fundingBody: toApiFundingBody(await updateFundingBody(ctx, request.params.id, body)) }
  })

  app.delete<{ Params: { id: string } }>('/api/funding-bodies/:id', async (request, reply) => {
    const { user } = await authenticate(ctx, request)
    assertMay(null, 'fundingBodies.manage', { isAdmin: user.isAdmin })
    if (!isOpaqueId(request.params.id)) {
      throw notFound('fundingBodyNotFound', 'No such funding body')
    }
    await deleteFundingBody(ctx, request.params.id)
    return reply.code(204).send()
  })

  app.get<{ Params: { id: string } }>('/api/cases/:id/funding', async (request): Promise<CaseFundingReply> => {
    const { user } = await authenticate(ctx, request)
    const record = await loadCaseForFunding(ctx, request.params.id, user, 'funding.read')
    const [history, approvals] = await Promise.all([ctx.storage.listCaseFunding(record.id), ctx.storage.listApprovals(record.id)])
    return {
      current: history[0] === undefined ? null : toApiCaseFunding(history[0]),
      history: history.map(toApiCaseFunding),
      approvals: toApiApprovals(approvals),
      derivedHoursBudget: approvals.length === 0 ? null : totalApprovedHours(approvals),
    }
  })

  app.post<{ Params: { id: string } }>('/api/cases/:id/funding', async (request, reply): Promise<{ funding: CaseFundingReply['history'][number] }> => {
    const { user } = await authenticate(ctx, request)
    const record = await loadCaseForFunding(ctx, request.params.id, user, 'funding.write')
    const body = parseBody(SetCaseFundingBody, request.body)
    const funding = await setCaseFunding(ctx, record, body, user)
    reply.code(201)
    return { funding: toApiCaseFunding(funding) }
  })

  app.post<{ Params: { id: string } }>('/api/cases/:id/approvals', async (request, reply): Promise<ApprovalReply> => {
    const { user } = await authenticate(ctx, request)
    const record = await loadCaseForFunding(ctx, request.params.id, user, 'funding.write')
    const body = parseBody(AddApprovalBody, request.body)
    const { approval, derivedHoursBudget } = await addApproval(ctx, record, body, user)
    reply.code(201)
    return { approval: { ...approval, corrected: false }, derivedHoursBudget }
  })
}
