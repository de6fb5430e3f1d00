/** Cases: list, create (with seeded documents), read, update (contract §5). */
import type { PoolApplicantLookup } from '../../storage/pool/PoolInvitationStorage.js'
import { assertNotPoolOnly } from '../../commands/pool/invitations.js'
import type { FastifyInstance } from 'fastify'
import {
  CreateCaseBody,
  SetCaseFlowBody,
  type CaseFlowReply,
  UpdateCaseBody,
  type CaseDetail,
  type CaseFlow,
  type CaseReply,
  type CasesReply,
  type CaseSummary,
} from '../../../../shared/src/api/cases.js'
import { caseRoomNames, formatRoomName } from '../../../../shared/src/protocol/roomName.js'
import { toApiMember, toCaseSummary } from '../../api/toApi.js'
import { createCase, updateCase } from '../../commands/cases.js'
import { flowOfCase, setCaseFlow } from '../../commands/caseFlow.js'
import { isOpaqueId } from '../../../../shared/src/ids.js'
import { can } from '../../../../shared/src/policy/actions.js'
import { assertMay } from '../assertMay.js'
import { notFound } from '../errors.js'
import type { UserRecord } from '../../storage/users/UserStorage.js'
import { caseRoomAccess, consentedFieldsOf } from '../../access/roomAccess.js'
import type { CaseRecord, MemberRecord } from '../../storage/Storage.js'
import type { AppContext } from '../AppContext.js'
import { authenticate, authenticateStaff } from '../authenticate.js'
import { parseBody } from '../parseBody.js'
import { loadCaseFor, loadCaseOfMember } from './caseAccess.js'
import type { AuditStorage } from '../../storage/audit/AuditStorage.js'
import type { CaseStorage } from '../../storage/cases/CaseStorage.js'
import type { ErasureStorage } from '../../storage/erasure/ErasureStorage.js'
import type { ConsentStorage } from '../../storage/consents/ConsentStorage.js'
import type { MemberStorage } from '../../storage/members/MemberStorage.js'
import type { SessionStorage } from '../../storage/sessions/SessionStorage.js'
import type { SupervisionCopyStorage, SupervisionGroupStorage } from '../../storage/supervision/SupervisionStorage.js'

/** The storage ports this module uses. */
type Ports = AuditStorage & CaseStorage & ConsentStorage & ErasureStorage & MemberStorage & SessionStorage & SupervisionCopyStorage & SupervisionGroupStorage & PoolApplicantLookup

/** The flow of a case (contract §8.3): its own, else the installation's SERVICE_COUNTRY. */
export function caseFlow(config: Pick<AppContext['config'], 'serviceCountry'>, record: Pick<CaseRecord, 'flow'>): CaseFlow {
  return flowOfCase(record, config.serviceCountry)
}

/** The case for setting its flow: an admin may act on any case; anyone else must be a member whose role may (404 for non-members). */
async function loadCaseForFlow(ctx: AppContext<Ports>, caseId: string, user: UserRecord): Promise<CaseRecord> {
  if (can(null, 'case.setFlow', { isAdmin: user.isAdmin })) {
    const record = isOpaqueId(caseId) ? await ctx.storage.findCase(caseId) : null
    if (record === null) {
      throw notFound('caseNotFound', 'No such case')
    }
    return record
  }
  const { record, member } = await loadCaseOfMember(ctx, caseId, user.id)
  assertMay(member.role, 'case.setFlow', { isAdmin: user.isAdmin })
  return record
}

/** A case as `GET /api/cases/:id` shows it to `me`. */
export async function caseDetail(ctx: AppContext<Ports>, record: CaseRecord, me: MemberRecord): Promise<CaseDetail> {
  const [members, consented] = await Promise.all([ctx.storage.listMembers(record.id), consentedFieldsOf(ctx.storage, me, ctx.clock)])
  return {
    ...toCaseSummary(record, me.role, ctx.config.retentionYears),
    members: members.map(toApiMember),
    rooms: caseRoomNames(record.id).map((room) => ({
      name: formatRoomName(room),
      access: caseRoomAccess(room, me.role, record, consented),
    })),
    flow: caseFlow(ctx.config, record),
    flowOverride: record.flow,
  }
}

export function registerCaseRoutes(app: FastifyInstance, ctx: AppContext<Ports>): void {
  app.get('/api/cases', async (request): Promise<CasesReply> => {
    const { user } = await authenticate(ctx, request)
    const cases = await ctx.storage.listCasesOfUser(user.id)
    return { cases: cases.map(({ record, role }) => toCaseSummary(record, role, ctx.config.retentionYears)), tandemShare: ctx.config.tandemShare }
  })

  app.post('/api/cases', async (request, reply): Promise<{ case: CaseSummary }> => {
    const { user } = await authenticateStaff(ctx, request)
    await assertNotPoolOnly(ctx.storage, user)
    const body = parseBody(CreateCaseBody, request.body)
    const record = await createCase(ctx, { title: body.title, ...(body.type ? { type: body.type } : {}), creatorId: user.id })
    reply.code(201)
    return { case: toCaseSummary(record, 'coach', ctx.config.retentionYears) }
  })

  app.get<{ Params: { id: string } }>('/api/cases/:id', async (request): Promise<CaseReply> => {
    const { user } = await authenticate(ctx, request)
    const { record, member } = await loadCaseOfMember(ctx, request.params.id, user.id)
    return { case: await caseDetail(ctx, record, member) }
  })

  app.patch<{ Params: { id: string } }>('/api/cases/:id/flow', async (request): Promise<CaseFlowReply> => {
    const { user } = await authenticate(ctx, request)
    const record = await loadCaseForFlow(ctx, request.params.id, user)
    const body = parseBody(SetCaseFlowBody, request.body)
    const updated = await setCaseFlow(ctx, record, body.flow, user.id)
    return { flow: caseFlow(ctx.config, updated), flowOverride: updated.flow }
  })

  app.patch<{ Params: { id: string } }>('/api/cases/:id', async (request): Promise<CaseReply> => {
    const { user } = await authenticate(ctx, request)
    const { record, member } = await loadCaseFor(ctx, request.params.id, user.id, 'case.update')
    const body = parseBody(UpdateCaseBody, request.body)
    const updated = await updateCase(ctx, record, body, user.id)
    return { case: await caseDetail(ctx, updated, member) }
  })
}
