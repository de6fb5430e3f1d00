/**
 * Consent grants (contract §4 and §5, shared/src/api/consents.ts). Only the
 * coachee grants in the app; a coach records a consent the coachee signed on
 * paper. Recipients are members who read confidential fields only by consent
 * (the employer). The coachee or a coach may revoke; every member sees the
 * list. Each change re-checks open connections at once (a revoked reader's
 * sockets close with 4403, on every process) and is audited.
 */
import type { FastifyInstance } from 'fastify'
import { GrantConsentBody, type ConsentGrantReply, type ConsentGrantsReply } from '../../../../shared/src/api/consents.js'
import { readsByConsent } from '../../../../shared/src/policy/access.js'
import { can } from '../../../../shared/src/policy/actions.js'
import { recordAudit } from '../../audit/auditLog.js'
import { isoDay } from '../../clock.js'
import { sweepLapsedConsents } from '../../consent/consentSweeper.js'
import { newId } from '../../ids.js'
import type { ConsentRecord } from '../../storage/Storage.js'
import type { AppContext } from '../AppContext.js'
import { authenticate } from '../authenticate.js'
import { conflict, forbidden, invalidRequest, notFound } from '../errors.js'
import { parseBody } from '../parseBody.js'
import { toApiConsentGrant } from '../toApi.js'
import { assertMay } from '../assertMay.js'
import { assertCaseOpenFor, loadCaseOfMember } from './caseAccess.js'
import type { AuditStorage } from '../../storage/audit/AuditStorage.js'
import type { CaseStorage } from '../../storage/cases/CaseStorage.js'
import type { ConsentStorage } from '../../storage/consents/ConsentStorage.js'
import type { MemberStorage } from '../../storage/members/MemberStorage.js'
import type { SessionStorage } from '../../storage/sessions/SessionStorage.js'

/** The storage ports this module uses. */
type Ports = AuditStorage & CaseStorage & ConsentStorage & MemberStorage & SessionStorage

export function registerConsentRoutes(app: FastifyInstance, ctx: AppContext<Ports>): void {
  app.get<{ Params: { id: string } }>('/api/cases/:id/consents', async (request): Promise<ConsentGrantsReply> => {
    const { user } = await authenticate(ctx, request)
    const { record } = await loadCaseOfMember(ctx, request.params.id, user.id)
    const today = isoDay(ctx.clock())
    return { grants: (await ctx.storage.listConsents(record.id)).map((grant) => toApiConsentGrant(grant, today)) }
  })

  app.post<{ Params: { id: string } }>('/api/cases/:id/consents', async (request, reply): Promise<ConsentGrantReply> => {
    const { user } = await authenticate(ctx, request)
    const { record, member } = await loadCaseOfMember(ctx, request.params.id, user.id)
    const body = parseBody(GrantConsentBody, request.body)
    assertCaseOpenFor(record, 'consent.grant')
    if (can(member.role, 'consent.grant')) {
      if (body.evidence !== 'inApp') {
        throw invalidRequest('evidence: the coachee grants consent in the app (inApp)')
      }
    } else if (can(member.role, 'consent.recordPaper')) {
      if (body.evidence !== 'signedForm') {
        throw forbidden('Only the coachee can grant consent in the app; a coach records a consent signed on paper (signedForm)')
      }
    } else {
      assertMay(member.role, 'consent.grant')
    }
    const now = ctx.clock()
    const today = isoDay(now)
    if (body.validUntil !== undefined && body.validUntil < today) {
      throw invalidRequest('validUntil: must not be in the past')
    }
    if (body.signedOn !== undefined && body.signedOn > today) {
      throw invalidRequest('signedOn: must not be in the future')
    }
    const recipient = (await ctx.storage.listMembers(record.id)).find((candidate) => candidate.id === body.memberId)
    if (!recipient) {
      throw notFound('No such member')
    }
    if (!readsByConsent(recipient.role)) {
      throw invalidRequest(`memberId: a ${recipient.role} of the case reads the confidential fields without consent`)
    }
    // A grant that ended yesterday must not block a new one today.
    await sweepLapsedConsents(ctx)
    const grant: ConsentRecord = {
      id: newId(),
      caseId: record.id,
      field: body.field,
      memberId: recipient.id,
      recipientUserId: recipient.userId,
      recipientRole: recipient.role,
      purpose: body.purpose,
      evidence: body.evidence,
      signedOn: body.signedOn ?? null,
      grantedAt: now.toISOString(),
      grantedBy: user.id,
      validUntil: body.validUntil ?? null,
      revokedAt: null,
      revokedBy: null,
      lapsedAt: null,
    }
    if (!(await ctx.storage.addConsent(grant))) {
      throw conflict('This person may read this field already; revoke that consent first to change it')
    }
    await recordAudit(ctx.storage, {
      caseId: record.id,
      type: 'consentGranted',
      actorId: user.id,
      details: { grantId: grant.id, field: grant.field, memberId: grant.memberId, evidence: grant.evidence },
    })
    await ctx.accessChanges.publish({ kind: 'consent', caseId: record.id, field: grant.field, userId: recipient.userId })
    ctx.logger.info({ caseId: record.id, grantId: grant.id, by: user.id }, 'consent granted')
    reply.code(201)
    return { grant: toApiConsentGrant({ ...grant, recipientName: recipient.name, grantedByName: user.name, revokedByName: null }, today) }
  })

  app.delete<{ Params: { id: string; grantId: string } }>('/api/cases/:id/consents/:grantId', async (request): Promise<ConsentGrantReply> => {
    const { user } = await authenticate(ctx, request)
    const { record, member } = await loadCaseOfMember(ctx, request.params.id, user.id)
    assertMay(member.role, 'consent.revoke')
    const now = ctx.clock()
    const result = await ctx.storage.revokeConsent(record.id, request.params.grantId, now.toISOString(), user.id)
    if (result === 'notFound') {
      throw notFound('No such consent')
    }
    if (result === 'ended') {
      throw conflict('This consent has ended already')
    }
    const revoked = (await ctx.storage.listConsents(record.id)).find((grant) => grant.id === request.params.grantId)
    if (!revoked) {
      throw notFound('No such consent')
    }
    // Closes the reader's open connections to the field's room with 4403, on every process.
    await ctx.accessChanges.publish({ kind: 'consent', caseId: record.id, field: revoked.field, userId: revoked.recipientUserId })
    await recordAudit(ctx.storage, {
      caseId: record.id,
      type: 'consentRevoked',
      actorId: user.id,
      details: { grantId: revoked.id, field: revoked.field, memberId: revoked.memberId },
    })
    ctx.logger.info({ caseId: record.id, grantId: revoked.id, by: user.id }, 'consent revoked')
    return { grant: toApiConsentGrant(revoked, isoDay(now)) }
  })
}
