/**
 * Agreements to the measure plan (contract §5, shared/src/api/agreements.ts):
 * members who read the plan agree to it as committed (commands/agreements.ts).
 */
import type { FastifyInstance } from 'fastify'
import { AgreeBody, type AgreementReply, type AgreementsReply } from '../../../../shared/src/api/agreements.js'
import { agreeToPlan, currentPlanHash } from '../../commands/agreements.js'
import type { AppContext } from '../AppContext.js'
import { authenticate } from '../authenticate.js'
import { parseBody } from '../parseBody.js'
import { toApiAgreement } from '../../api/toApi.js'
import { loadCaseFor } from './caseAccess.js'
import type { AgreementStorage } from '../../storage/agreements/AgreementStorage.js'
import type { CaseStorage } from '../../storage/cases/CaseStorage.js'
import type { MemberStorage } from '../../storage/members/MemberStorage.js'
import type { SessionStorage } from '../../storage/sessions/SessionStorage.js'

/** The storage ports this module uses. */
type Ports = AgreementStorage & CaseStorage & MemberStorage & SessionStorage

export function registerAgreementRoutes(app: FastifyInstance, ctx: AppContext<Ports>): void {
  app.post<{ Params: { id: string } }>('/api/cases/:id/agreements', async (request, reply): Promise<AgreementReply> => {
    const { user } = await authenticate(ctx, request)
    const { record, member } = await loadCaseFor(ctx, request.params.id, user.id, 'agreement.agree')
    parseBody(AgreeBody, request.body)
    const agreement = await agreeToPlan(ctx, record, { userId: user.id, role: member.role })
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
