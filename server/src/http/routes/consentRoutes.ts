/**
 * Consent grants (contract §4 and §5, shared/src/api/consents.ts). Only the
 * coachee (or their legal guardian, for them; issue 16) grants in the app; a coach records a consent the coachee signed on
 * paper. Recipients are members who read confidential fields only by consent
 * (the employer). The coachee or a coach may revoke; every member sees the
 * list. The changes themselves are commands (commands/consents.ts).
 */
import type { FastifyInstance } from 'fastify'
import { GrantConsentBody, type ConsentGrantReply, type ConsentGrantsReply } from '../../../../shared/src/api/consents.js'
import { guardiansOf, toApiConsentGrant } from '../../api/toApi.js'
import { isoDay } from '../../clock.js'
import { can } from '../../../../shared/src/policy/actions.js'
import { assertCaseOpenFor } from '../../commands/cases.js'
import { grantConsent, revokeConsent } from '../../commands/consents.js'
import type { AppContext } from '../AppContext.js'
import { authenticate } from '../authenticate.js'
import { assertMay } from '../assertMay.js'
import { forbidden, invalidRequest } from '../errors.js'
import { parseBody } from '../parseBody.js'
import { loadCaseOfMember } from './caseAccess.js'
import type { CaseStorage } from '../../storage/cases/CaseStorage.js'
import type { ConsentStorage } from '../../storage/consents/ConsentStorage.js'
import type { MemberStorage } from '../../storage/members/MemberStorage.js'
import type { SessionStorage } from '../../storage/sessions/SessionStorage.js'

/** The storage ports this module uses. */
type Ports = CaseStorage & ConsentStorage & MemberStorage & SessionStorage

export function registerConsentRoutes(app: FastifyInstance, ctx: AppContext<Ports>): void {
  app.get<{ Params: { id: string } }>('/api/cases/:id/consents', async (request): Promise<ConsentGrantsReply> => {
    const { user } = await authenticate(ctx, request)
    const { record } = await loadCaseOfMember(ctx, request.params.id, user.id)
    const today = isoDay(ctx.clock())
    const guardians = guardiansOf(await ctx.storage.listMembers(record.id))
    return { grants: (await ctx.storage.listConsents(record.id)).map((grant) => toApiConsentGrant(grant, today, guardians)) }
  })

  app.post<{ Params: { id: string } }>('/api/cases/:id/consents', async (request, reply): Promise<ConsentGrantReply> => {
    const { user } = await authenticate(ctx, request)
    const { record, member } = await loadCaseOfMember(ctx, request.params.id, user.id)
    const body = parseBody(GrantConsentBody, request.body)
    // Before the role checks: a closed case answers 409 to everyone.
    assertCaseOpenFor(record, 'consent.grant')
    if (can(member.role, 'consent.grant')) {
      if (body.evidence !== 'inApp') {
        throw invalidRequest('evidence: the coachee grants consent in the app (inApp)', 'evidenceInApp')
      }
    } else if (can(member.role, 'consent.recordPaper')) {
      if (body.evidence !== 'signedForm') {
        throw forbidden('coacheeGrantsOnly', 'Only the coachee can grant consent in the app; a coach records a consent signed on paper (signedForm)')
      }
    } else {
      assertMay(member.role, 'consent.grant')
    }
    const grant = await grantConsent(ctx, record, body, user)
    reply.code(201)
    return { grant: toApiConsentGrant(grant, isoDay(ctx.clock()), guardiansOf(await ctx.storage.listMembers(record.id))) }
  })

  app.delete<{ Params: { id: string; grantId: string } }>('/api/cases/:id/consents/:grantId', async (request): Promise<ConsentGrantReply> => {
    const { user } = await authenticate(ctx, request)
    const { record, member } = await loadCaseOfMember(ctx, request.params.id, user.id)
    assertMay(member.role, 'consent.revoke')
    const revoked = await revokeConsent(ctx, record, request.params.grantId, user.id)
    return { grant: toApiConsentGrant(revoked, isoDay(ctx.clock()), guardiansOf(await ctx.storage.listMembers(record.id))) }
  })
}
