/**
 * Agreements to the measure plan (contract §5, shared/src/api/agreements.ts).
 * The server hashes the plan as the relay holds it committed — loaded
 * through the relay's own room loading, pending commits included — never a
 * copy the client sends.
 */
import type { FastifyInstance } from 'fastify'
import { AgreeBody, type AgreementReply, type AgreementsReply } from '../../../../shared/src/api/agreements.js'
import { planContentHashInput } from '../../../../shared/src/caseDocument/planContent.js'
import { canRead } from '../../../../shared/src/policy/access.js'
import type { RoomName } from '../../../../shared/src/protocol/roomName.js'
import { recordAudit } from '../../audit/auditLog.js'
import { newId, sha256Hex } from '../../ids.js'
import { caseRoomAccess } from '../../access/roomAccess.js'
import type { AgreementRecord } from '../../storage/Storage.js'
import type { AppContext } from '../AppContext.js'
import { authenticate } from '../authenticate.js'
import { forbidden } from '../errors.js'
import { parseBody } from '../parseBody.js'
import { toApiAgreement } from '../toApi.js'
import { assertCaseOpen, loadCaseOfMember, type CaseOfMember } from './caseAccess.js'

/** Hex SHA-256 of the committed plan's canonical content. */
export async function currentPlanHash(ctx: AppContext, caseId: string): Promise<string> {
  const room: RoomName = { kind: 'plan', caseId }
  return ctx.relay.readDocument(room, (doc) => sha256Hex(planContentHashInput(doc)))
}

/** Like loadCaseOfMember, and 403 unless the member may read the plan. */
async function loadCaseOfPlanReader(ctx: AppContext, caseId: string, userId: string): Promise<CaseOfMember> {
  const found = await loadCaseOfMember(ctx, caseId, userId)
  if (!canRead(caseRoomAccess({ kind: 'plan', caseId: found.record.id }, found.member.role, found.record))) {
    throw forbidden('You cannot read the plan of this case')
  }
  return found
}

export function registerAgreementRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.post<{ Params: { id: string } }>('/api/cases/:id/agreements', async (request, reply): Promise<AgreementReply> => {
    const { user } = await authenticate(ctx, request)
    const { record, member } = await loadCaseOfPlanReader(ctx, request.params.id, user.id)
    parseBody(AgreeBody, request.body)
    assertCaseOpen(record)
    const agreement: AgreementRecord = {
      id: newId(),
      caseId: record.id,
      userId: user.id,
      role: member.role,
      planHash: await currentPlanHash(ctx, record.id),
      at: new Date().toISOString(),
    }
    await ctx.storage.addAgreement(agreement)
    await recordAudit(ctx.storage, {
      caseId: record.id,
      type: 'agreementGiven',
      actorId: user.id,
      details: { agreementId: agreement.id, planHash: agreement.planHash },
    })
    ctx.events.notify(record.id, 'agreements')
    reply.code(201)
    return { agreement: toApiAgreement({ ...agreement, userName: user.name }) }
  })

  app.get<{ Params: { id: string } }>('/api/cases/:id/agreements', async (request): Promise<AgreementsReply> => {
    const { user } = await authenticate(ctx, request)
    const { record } = await loadCaseOfPlanReader(ctx, request.params.id, user.id)
    const [agreements, planHash] = await Promise.all([ctx.storage.listAgreements(record.id), currentPlanHash(ctx, record.id)])
    return { agreements: agreements.map(toApiAgreement), currentPlanHash: planHash }
  })
}
