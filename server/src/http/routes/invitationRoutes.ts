/**
 * Invitations (contract §5, shared/src/api/invitations.ts): coaches create
 * one-time links; the link's holder previews and accepts it, with a new
 * external account (employer, coachee) or as the logged-in account. The
 * changes are commands (commands/invitations.ts).
 */
import type { PoolApplicantLookup } from '../../storage/pool/PoolInvitationStorage.js'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import {
  AcceptInvitationAsMeBody,
  AcceptInvitationBody,
  CreateInvitationBody,
  InvitationLifetimeDays,
  type AcceptedInvitationReply,
  type CreatedInvitationReply,
  type InvitationPreviewReply,
  type InvitationsReply,
  type RenewedInvitationReply,
} from '../../../../shared/src/api/invitations.js'
import { invitationMail } from '../../mail/mailTexts.js'
import { toApiInvitation, toApiMember, toApiUser } from '../../api/toApi.js'
import { startSession } from '../../auth/sessions.js'
import { roleNeedsStaffAccount } from '../../../../shared/src/policy/access.js'
import { assertCaseOpenFor } from '../../commands/cases.js'
import {
  acceptInvitation,
  acceptLimitedUntil,
  createInvitation,
  findOpenInvitation,
  recordFailedAccept,
  renewInvitation,
  revokeInvitation,
  type Acceptor,
} from '../../commands/invitations.js'
import { sha256Hex } from '../../ids.js'
import { assertNotPoolOnly } from '../../commands/pool/invitations.js'
import type { AppContext } from '../AppContext.js'
import { authenticate, setSessionCookie } from '../authenticate.js'
import { NotFoundError } from '../../commands/errors.js'
import { forbidden, notFound, rateLimited, renderError } from '../errors.js'
import { parseBody } from '../parseBody.js'
import { loadCaseFor } from './caseAccess.js'
import type { CaseRecord, CaseStorage } from '../../storage/cases/CaseStorage.js'
import type { InvitationStorage, InvitationWithNames } from '../../storage/invitations/InvitationStorage.js'
import type { MemberStorage } from '../../storage/members/MemberStorage.js'
import type { SessionStorage } from '../../storage/sessions/SessionStorage.js'

/** The storage ports this module uses. */
type Ports = CaseStorage & InvitationStorage & MemberStorage & SessionStorage & PoolApplicantLookup

/** `<PUBLIC_URL or the request's origin>`, the base of invitation links. */
function publicOrigin(ctx: AppContext<Ports>, request: FastifyRequest): string {
  return ctx.config.publicUrl ?? `${request.protocol}://${request.host}`
}

/** The e-mail address a new-account accept names, for the auth-failure log (hashed there). */
function loginOf(body: unknown): { login?: string } {
  const email = typeof body === 'object' && body !== null ? (body as { email?: unknown }).email : undefined
  return typeof email === 'string' ? { login: email } : {}
}

function isEmptyBody(body: unknown): boolean {
  return body === undefined || body === null || (typeof body === 'object' && Object.keys(body).length === 0)
}

export function registerInvitationRoutes(app: FastifyInstance, ctx: AppContext<Ports>): void {
  app.post<{ Params: { id: string } }>('/api/cases/:id/invitations', async (request, reply): Promise<CreatedInvitationReply> => {
    const { user } = await authenticate(ctx, request)
    const { record } = await loadCaseFor(ctx, request.params.id, user.id, 'invitations.create')
    // Before the body: a closed case answers 409 whatever was sent.
    assertCaseOpenFor(record, 'invitations.create')
    const body = parseBody(CreateInvitationBody, request.body)
    const { invitation, token } = await createInvitation(ctx, record, body.role, user.id)
    const url = `${publicOrigin(ctx, request)}/invitations/${token}`
    const emailed = body.email !== undefined && ctx.mail.enabled
    if (body.email !== undefined && emailed) {
      // Only the link: no case title, no names (contract §8.5).
      await ctx.mail.send('invitation', body.email, invitationMail(url, InvitationLifetimeDays))
    }
    reply.code(201)
    return {
      invitation: {
        ...toApiInvitation({ ...invitation, createdByName: user.name, acceptedByName: null }, ctx.clock()),
        token,
        url,
        emailed,
      },
    }
  })

  app.get<{ Params: { id: string } }>('/api/cases/:id/invitations', async (request): Promise<InvitationsReply> => {
    const { user } = await authenticate(ctx, request)
    const { record } = await loadCaseFor(ctx, request.params.id, user.id, 'invitations.list')
    const now = ctx.clock()
    return { invitations: (await ctx.storage.listInvitations(record.id)).map((invitation) => toApiInvitation(invitation, now)) }
  })

  app.post<{ Params: { id: string; invitationId: string } }>(
    '/api/cases/:id/invitations/:invitationId/renew',
    async (request): Promise<RenewedInvitationReply> => {
      const { user } = await authenticate(ctx, request)
      const { record } = await loadCaseFor(ctx, request.params.id, user.id, 'invitations.renew')
      const { token } = await renewInvitation(ctx, record, request.params.invitationId, user.id)
      const renewed = await ctx.storage.findInvitationByTokenHash(sha256Hex(token))
      if (!renewed) {
        throw notFound('invitationNotFound', 'No such invitation')
      }
      return {
        invitation: { ...toApiInvitation(renewed, ctx.clock()), token, url: `${publicOrigin(ctx, request)}/invitations/${token}`, emailed: false },
      }
    },
  )

  app.delete<{ Params: { id: string; invitationId: string } }>('/api/cases/:id/invitations/:invitationId', async (request, reply) => {
    const { user } = await authenticate(ctx, request)
    const { record } = await loadCaseFor(ctx, request.params.id, user.id, 'invitations.revoke')
    await revokeInvitation(ctx, record, request.params.invitationId, user.id)
    return reply.code(204).send()
  })

  /** The open invitation of a link; an invalid link is an auth failure (someone may be guessing tokens). */
  const openInvitation = (request: FastifyRequest<{ Params: { token: string } }>): ReturnType<typeof findOpenInvitation> =>
    ctx.authFailures.watch(() => findOpenInvitation(ctx, request.params.token), (err) => err instanceof NotFoundError, {
      reason: 'invitation_token_invalid',
      address: request.ip,
      via: request.routeOptions.url ?? '/api/invitations/:token',
    })

  app.get<{ Params: { token: string } }>('/api/invitations/:token', async (request): Promise<InvitationPreviewReply> => {
    const { invitation, caseRecord } = await openInvitation(request)
    return {
      invitation: {
        caseTitle: caseRecord.title,
        role: invitation.role,
        invitedBy: invitation.createdByName,
        expiresAt: invitation.expiresAt,
        requiresStaffAccount: roleNeedsStaffAccount(invitation.role),
      },
    }
  })

  app.post<{ Params: { token: string } }>('/api/invitations/:token/accept', async (request, reply): Promise<AcceptedInvitationReply> => {
    const { invitation, caseRecord } = await openInvitation(request)
    const now = ctx.clock()
    const limitedUntil = acceptLimitedUntil(invitation, now)
    const failed = { address: request.ip, via: request.routeOptions.url ?? '/api/invitations/:token/accept', ...loginOf(request.body) }
    if (limitedUntil) {
      ctx.authFailures.record({ ...failed, reason: 'throttled' })
      throw rateLimited(
        Math.ceil((limitedUntil.getTime() - now.getTime()) / 1000),
        'tooManyAccepts',
        'Too many failed attempts with this invitation link; try again later or ask the coach for a new link',
      )
    }
    try {
      return await accept(request, reply, invitation, caseRecord)
    } catch (err) {
      // Contract §8.5: a refused accept does not use the link up, but counts.
      if (renderError(err).status < 500) {
        ctx.authFailures.record({ ...failed, reason: 'invitation_refused' })
        await recordFailedAccept(ctx, invitation)
      }
      throw err
    }
  })

  /** Accepts an open, unlimited invitation (the part of the route whose refusals count). */
  async function accept(
    request: FastifyRequest,
    reply: FastifyReply,
    invitation: InvitationWithNames,
    caseRecord: CaseRecord,
  ): Promise<AcceptedInvitationReply> {
    assertCaseOpenFor(caseRecord, 'invitations.accept')
    let acceptor: Acceptor
    if (isEmptyBody(request.body)) {
      // As the logged-in account.
      parseBody(AcceptInvitationAsMeBody, request.body)
      const { user } = await authenticate(ctx, request)
      if (roleNeedsStaffAccount(invitation.role) && user.kind !== 'staff') {
        throw forbidden('coachMustBeStaff', 'Only staff accounts can be coaches of a case')
      }
      // An invited pool applicant joins a case only through the office's match (issue 20).
      await assertNotPoolOnly(ctx.storage, user)
      acceptor = { kind: 'existing', user }
    } else {
      // With a new external account.
      const body = parseBody(AcceptInvitationBody, request.body)
      if (roleNeedsStaffAccount(invitation.role)) {
        // Contract §1: staff accounts are made by an admin, never by a link.
        throw forbidden('coachInviteNeedsLogin', 'A coach invitation is accepted with an existing staff account: log in first, then accept')
      }
      acceptor = { kind: 'new', name: body.name, email: body.email, password: body.password }
    }
    const { user, member } = await acceptInvitation(ctx, invitation, acceptor)
    // A logged-in acceptor keeps the session it has (its cookie is set already).
    if (acceptor.kind === 'new') {
      setSessionCookie(ctx, reply, (await startSession(ctx.storage, user.id, ctx.config.sessionMaxAgeHours)).token)
    }
    reply.code(201)
    return {
      user: toApiUser(user),
      member: toApiMember({ ...member, name: user.name, email: user.email }),
      caseId: invitation.caseId,
    }
  }
}
