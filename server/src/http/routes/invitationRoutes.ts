/**
 * Invitations (contract §5, shared/src/api/invitations.ts): coaches create
 * one-time links; the link's holder previews and accepts it, with a new
 * external account (employer, coachee) or as the logged-in account. Only the
 * token's SHA-256 is stored; it is shown once, in the create reply.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import {
  AcceptInvitationAsMeBody,
  AcceptInvitationBody,
  CreateInvitationBody,
  InvitationLifetimeDays,
  type AcceptedInvitationReply,
  type CreatedInvitationReply,
  type InvitationPreviewReply,
  type InvitationsReply,
} from '../../../../shared/src/api/invitations.js'
import { roleNeedsStaffAccount } from '../../../../shared/src/policy/access.js'
import { recordAudit } from '../../audit/auditLog.js'
import { hashPassword } from '../../auth/passwords.js'
import { startSession } from '../../auth/sessions.js'
import { newId, newSecretToken, sha256Hex } from '../../ids.js'
import type { AcceptOutcome, InvitationRecord, InvitationWithNames, MemberRecord, UserRecord } from '../../storage/Storage.js'
import type { AppContext } from '../AppContext.js'
import { authenticate, setSessionCookie } from '../authenticate.js'
import type { HttpError} from '../errors.js';
import { conflict, forbidden, notFound } from '../errors.js'
import { parseBody } from '../parseBody.js'
import { toApiInvitation, toApiMember, toApiUser } from '../toApi.js'
import { assertCaseOpenFor, loadCaseFor } from './caseAccess.js'
import type { AuditStorage } from '../../storage/audit/AuditStorage.js'
import type { CaseStorage } from '../../storage/cases/CaseStorage.js'
import type { InvitationStorage } from '../../storage/invitations/InvitationStorage.js'
import type { MemberStorage } from '../../storage/members/MemberStorage.js'
import type { SessionStorage } from '../../storage/sessions/SessionStorage.js'

/** The storage ports this module uses. */
type Ports = AuditStorage & CaseStorage & InvitationStorage & MemberStorage & SessionStorage

/** One answer for unknown, used, withdrawn and expired links: the holder learns nothing more. */
const InvalidLinkMessage = 'This invitation link is not valid (any more). Ask the coach for a new one.'

/** Tokens are 43 characters; anything far longer is not one (and is not hashed). */
const MaxTokenLength = 100

/** `<PUBLIC_URL or the request's origin>`, the base of invitation links. */
function publicOrigin(ctx: AppContext<Ports>, request: FastifyRequest): string {
  return ctx.config.publicUrl ?? `${request.protocol}://${request.host}`
}

/** The invitation behind a token while it is open (not used, withdrawn or expired); 404 otherwise. */
async function findOpenInvitation(ctx: AppContext<Ports>, token: string, now: Date): Promise<InvitationWithNames> {
  const invitation = token.length <= MaxTokenLength ? await ctx.storage.findInvitationByTokenHash(sha256Hex(token)) : null
  if (!invitation || invitation.acceptedAt !== null || invitation.revokedAt !== null || Date.parse(invitation.expiresAt) <= now.getTime()) {
    throw notFound(InvalidLinkMessage)
  }
  return invitation
}

function isEmptyBody(body: unknown): boolean {
  return body === undefined || body === null || (typeof body === 'object' && Object.keys(body).length === 0)
}

function outcomeError(outcome: Exclude<AcceptOutcome, 'accepted'>): HttpError {
  switch (outcome) {
    case 'invalid':
      return notFound(InvalidLinkMessage)
    case 'emailTaken':
      return conflict('An account with this e-mail address exists already: log in and accept the invitation as yourself')
    case 'alreadyMember':
      return conflict('You are a member of this case already')
  }
}

export function registerInvitationRoutes(app: FastifyInstance, ctx: AppContext<Ports>): void {
  app.post<{ Params: { id: string } }>('/api/cases/:id/invitations', async (request, reply): Promise<CreatedInvitationReply> => {
    const { user } = await authenticate(ctx, request)
    const { record } = await loadCaseFor(ctx, request.params.id, user.id, 'invitations.create')
    assertCaseOpenFor(record, 'invitations.create')
    const body = parseBody(CreateInvitationBody, request.body)
    const token = newSecretToken()
    const now = new Date()
    const invitation: InvitationRecord = {
      id: newId(),
      caseId: record.id,
      tokenHash: sha256Hex(token),
      role: body.role,
      createdAt: now.toISOString(),
      createdBy: user.id,
      expiresAt: new Date(now.getTime() + InvitationLifetimeDays * 86_400_000).toISOString(),
      acceptedAt: null,
      acceptedBy: null,
      revokedAt: null,
    }
    await ctx.storage.createInvitation(invitation)
    await recordAudit(ctx.storage, {
      caseId: record.id,
      type: 'invitationCreated',
      actorId: user.id,
      details: { invitationId: invitation.id, role: invitation.role },
    })
    ctx.events.notify(record.id, 'invitations')
    ctx.logger.info({ caseId: record.id, invitationId: invitation.id, by: user.id }, 'invitation created')
    reply.code(201)
    return {
      invitation: {
        ...toApiInvitation({ ...invitation, createdByName: user.name, acceptedByName: null }),
        token,
        url: `${publicOrigin(ctx, request)}/invitations/${token}`,
      },
    }
  })

  app.get<{ Params: { id: string } }>('/api/cases/:id/invitations', async (request): Promise<InvitationsReply> => {
    const { user } = await authenticate(ctx, request)
    const { record } = await loadCaseFor(ctx, request.params.id, user.id, 'invitations.list')
    return { invitations: (await ctx.storage.listInvitations(record.id)).map(toApiInvitation) }
  })

  app.delete<{ Params: { id: string; invitationId: string } }>('/api/cases/:id/invitations/:invitationId', async (request, reply) => {
    const { user } = await authenticate(ctx, request)
    const { record } = await loadCaseFor(ctx, request.params.id, user.id, 'invitations.revoke')
    const result = await ctx.storage.revokeInvitation(record.id, request.params.invitationId, new Date().toISOString())
    if (result === 'notFound') {
      throw notFound('No such invitation')
    }
    if (result === 'used') {
      throw conflict('This invitation was used already; remove the member instead')
    }
    await recordAudit(ctx.storage, {
      caseId: record.id,
      type: 'invitationRevoked',
      actorId: user.id,
      details: { invitationId: request.params.invitationId },
    })
    ctx.events.notify(record.id, 'invitations')
    return reply.code(204).send()
  })

  app.get<{ Params: { token: string } }>('/api/invitations/:token', async (request): Promise<InvitationPreviewReply> => {
    const invitation = await findOpenInvitation(ctx, request.params.token, new Date())
    const record = await ctx.storage.findCase(invitation.caseId)
    if (!record) {
      throw notFound(InvalidLinkMessage)
    }
    return {
      invitation: {
        caseTitle: record.title,
        role: invitation.role,
        invitedBy: invitation.createdByName,
        expiresAt: invitation.expiresAt,
        requiresStaffAccount: roleNeedsStaffAccount(invitation.role),
      },
    }
  })

  app.post<{ Params: { token: string } }>('/api/invitations/:token/accept', async (request, reply): Promise<AcceptedInvitationReply> => {
    const now = new Date()
    const invitation = await findOpenInvitation(ctx, request.params.token, now)
    const invitedTo = await ctx.storage.findCase(invitation.caseId)
    if (invitedTo) {
      assertCaseOpenFor(invitedTo, 'invitations.accept')
    }
    const memberFor = (userId: string): MemberRecord => ({
      id: newId(),
      caseId: invitation.caseId,
      userId,
      role: invitation.role,
      addedAt: now.toISOString(),
    })

    let user: UserRecord
    let member: MemberRecord
    let newSessionToken: string | null = null
    if (isEmptyBody(request.body)) {
      // As the logged-in account.
      parseBody(AcceptInvitationAsMeBody, request.body)
      const caller = await authenticate(ctx, request)
      user = caller.user
      if (roleNeedsStaffAccount(invitation.role) && user.kind !== 'staff') {
        throw forbidden('Only staff accounts can be coaches of a case')
      }
      member = memberFor(user.id)
      const outcome = await ctx.storage.acceptInvitation({ invitationId: invitation.id, now: now.toISOString(), newUser: null, member })
      if (outcome !== 'accepted') {
        throw outcomeError(outcome)
      }
    } else {
      // With a new external account.
      const body = parseBody(AcceptInvitationBody, request.body)
      if (roleNeedsStaffAccount(invitation.role)) {
        // Contract §1: staff accounts are made by an admin, never by a link.
        throw forbidden('A coach invitation is accepted with an existing staff account: log in first, then accept')
      }
      user = {
        id: newId(),
        name: body.name,
        email: body.email,
        passwordHash: await hashPassword(body.password),
        kind: 'external',
        isAdmin: false,
        active: true,
        createdAt: now.toISOString(),
      }
      member = memberFor(user.id)
      const outcome = await ctx.storage.acceptInvitation({ invitationId: invitation.id, now: now.toISOString(), newUser: user, member })
      if (outcome !== 'accepted') {
        throw outcomeError(outcome)
      }
      newSessionToken = (await startSession(ctx.storage, user.id, ctx.config.sessionMaxAgeHours)).token
    }
    if (newSessionToken !== null) {
      setSessionCookie(ctx, reply, newSessionToken)
    }
    // A logged-in acceptor keeps the session it has (its cookie is set already).

    await recordAudit(
      ctx.storage,
      {
        caseId: invitation.caseId,
        type: 'invitationAccepted',
        actorId: user.id,
        details: { invitationId: invitation.id, role: invitation.role, memberId: member.id },
      },
      { caseId: invitation.caseId, type: 'memberAdded', actorId: user.id, details: { memberId: member.id, userId: user.id, role: member.role } },
    )
    await ctx.accessChanges.publish({ kind: 'membership', caseId: invitation.caseId, userId: user.id })
    ctx.events.notify(invitation.caseId, 'invitations')
    ctx.logger.info({ caseId: invitation.caseId, invitationId: invitation.id, userId: user.id }, 'invitation accepted')
    reply.code(201)
    return {
      user: toApiUser(user),
      member: toApiMember({ ...member, name: user.name, email: user.email }),
      caseId: invitation.caseId,
    }
  })
}
