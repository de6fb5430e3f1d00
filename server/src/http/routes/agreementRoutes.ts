/**
 * Agreements to the measure plan (contract §5, shared/src/api/agreements.ts).
 * The server hashes the plan as the relay holds it committed — loaded
 * through the relay's own room loading, pending commits included — never a
 * copy the client sends.
 */
import type { FastifyInstance } from 'fastify'
import { AgreeBody, type AgreementReply, type AgreementsReply } from '../../../../shared/src/api/agreements.js'
import { planContentHashInput } from '../../../../shared/src/caseDocument/planContent.js'
import type { RoomName } from '../../../../shared/src/protocol/roomName.js'
import { recordAudit } from '../../audit/auditLog.js'
import { newId, sha256Hex } from '../../ids.js'
import type { AgreementRecord } from '../../storage/Storage.js'
import type { AppContext } from '../AppContext.js'
import { authenticate } from '../authenticate.js'
import { parseBody } from '../parseBody.js'
import { toApiAgreement } from '../toApi.js'
import { assertCaseOpenFor, loadCaseFor } from './caseAccess.js'
import type { AgreementStorage } from '../../storage/agreements/AgreementStorage.js'
import type { AuditStorage } from '../../storage/audit/AuditStorage.js'
import type { CaseStorage } from '../../storage/cases/CaseStorage.js'
import type { MemberStorage } from '../../storage/members/MemberStorage.js'
import type { SessionStorage } from '../../storage/sessions/SessionStorage.js'

/** The storage ports this module uses. */
type Ports = AgreementStorage & AuditStorage & CaseStorage & MemberStorage & SessionStorage

/** Hex SHA-256 of the committed plan's canonical content. */
export async function currentPlanHash(ctx: AppContext<Ports>, caseId: string): Promise<string> {
  const room: RoomName = { kind: 'plan', caseId }
  return ctx.relay.readDocument(room, (doc) => sha256Hex(planContentHashInput(doc)))
}

export function registerAgreementRoutes(app: FastifyInstance, ctx: AppContext<Ports>): void {
  app.post<{ Params: { id: string } }>('/api/cases/:id/agreements', async (request, reply): Promise<AgreementReply> => {
    const { user } = await authenticate(ctx, request)
    const { record, member } = await loadCaseFor(ctx, request.params.id, user.id, 'agreement.agree')
    parseBody(AgreeBody, request.body)
    assertCaseOpenFor(record, 'agreement.agree')
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
    const { record } = await loadCaseFor(ctx, request.params.id, user.id, 'agreement.list')
    const [agreements, planHash] = await Promise.all([ctx.storage.listAgreements(record.id), currentPlanHash(ctx, record.id)])
    return { agreements: agreements.map(toApiAgreement), currentPlanHash: planHash }
  })
}
