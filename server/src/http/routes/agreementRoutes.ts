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
import { guardiansOf, toApiAgreement } from '../../api/toApi.js'
import { loadCaseFor } from './caseAccess.js'
import type { AgreementStorage } from '../../storage/agreements/AgreementStorage.js'
import type { CaseStorage } from '../../storage/cases/CaseStorage.js'
import type { MemberStorage } from '../../storage/members/MemberStorage.js'
import type { SessionStorage } from '../../storage/sessions/SessionStorage.js'
import type { VersionStorage } from '../../storage/versions/VersionStorage.js'
import { agreementComplete } from '../../../../shared/src/process/agreementCompleteness.js'
import { caseFlow } from './caseRoutes.js'

/** The storage ports this module uses. */
type Ports = AgreementStorage & VersionStorage & CaseStorage & MemberStorage & SessionStorage

export function registerAgreementRoutes(app: FastifyInstance, ctx: AppContext<Ports>): void {
  app.post<{ Params: { id: string } }>('/api/cases/:id/agreements', async (request, reply): Promise<AgreementReply> => {
    const { user } = await authenticate(ctx, request)
    const { record, member } = await loadCaseFor(ctx, request.params.id, user.id, 'agreement.agree')
    parseBody(AgreeBody, request.body)
    const { agreement, planState } = await agreeToPlan(ctx, record, { userId: user.id, role: member.role })
    // Contract §8.4: the content this person agreed to, so "what changed since you agreed" can be shown.
    const version = await ctx.versions.snapshotOf(record.id, 'plan', 'agreement', planState, { agreementId: agreement.id })
    reply.code(201)
    const { coacheeName } = guardiansOf(await ctx.storage.listMembers(record.id))
    return { agreement: toApiAgreement({ ...agreement, userName: user.name }, version?.id ?? null, coacheeName) }
  })

  app.get<{ Params: { id: string } }>('/api/cases/:id/agreements', async (request): Promise<AgreementsReply> => {
    const { user } = await authenticate(ctx, request)
    const { record } = await loadCaseFor(ctx, request.params.id, user.id, 'agreement.list')
    const [agreements, planHash, members, versions] = await Promise.all([
      ctx.storage.listAgreements(record.id),
      currentPlanHash(ctx, record.id),
      ctx.storage.listMembers(record.id),
      ctx.storage.listDocumentVersions(record.id, 'plan'),
    ])
    const versionOf = new Map(versions.flatMap((version) => (version.agreementId === null ? [] : [[version.agreementId, version.id] as const])))
    return {
      agreements: agreements.map((agreement) => toApiAgreement(agreement, versionOf.get(agreement.id) ?? null, guardiansOf(members).coacheeName)),
      currentPlanHash: planHash,
      // Contract §8.3: every member who must agree (per the flow) agreed to the current content.
      complete: agreementComplete(agreements, members, planHash, caseFlow(ctx.config, record)),
    }
  })
}
