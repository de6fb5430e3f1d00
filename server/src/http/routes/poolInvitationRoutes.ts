/**
 * Invitations of freelance job coaches to the pool (issue 20 point 1,
 * shared/src/api/poolInvitations.ts). Only the coordination office
 * (coordinator flag, `pool.coordinate`) invites, lists and withdraws; the
 * link's holder previews and accepts it with a new account of their own.
 * An unknown link counts as an auth failure, like the case invitations'.
 * The mail carries the link only; the token is never logged.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import {
  AcceptPoolInvitationBody,
  CreatePoolInvitationBody,
  PoolInvitationLifetimeDays,
  type AcceptedPoolInvitationReply,
  type CreatedPoolInvitationReply,
  type PoolInvitationPreviewReply,
  type PoolInvitationsReply,
  type PoolStandingReply,
} from '../../../../shared/src/api/poolInvitations.js'
import { isOpaqueId } from '../../../../shared/src/ids.js'
import { toApiUser } from '../../api/toApi.js'
import { startSession } from '../../auth/sessions.js'
import { NotFoundError } from '../../commands/errors.js'
import { acceptPoolInvitation, createPoolInvitation, findOpenPoolInvitation, isPoolOnly, revokePoolInvitation, toApiPoolInvitation } from '../../commands/pool/invitations.js'
import { poolInvitationMail } from '../../mail/mailTexts.js'
import type { Storage, UserRecord } from '../../storage/Storage.js'
import type { AppContext } from '../AppContext.js'
import { assertMay } from '../assertMay.js'
import { authenticate, setSessionCookie } from '../authenticate.js'
import { notFound } from '../errors.js'
import { parseBody } from '../parseBody.js'

export function registerPoolInvitationRoutes(app: FastifyInstance, ctx: AppContext<Storage>): void {
  const coordinator = async (request: FastifyRequest): Promise<UserRecord> => {
    const { user } = await authenticate(ctx, request)
    assertMay(null, 'pool.coordinate', { isCoordinator: user.isCoordinator === true })
    return user
  }
  const origin = (request: FastifyRequest): string => ctx.config.publicUrl ?? `${request.protocol}://${request.host}`

  app.post('/api/pool/invitations', async (request, reply): Promise<CreatedPoolInvitationReply> => {
    const user = await coordinator(request)
    const body = parseBody(CreatePoolInvitationBody, request.body)
    const { invitation, token } = await createPoolInvitation(ctx, body, user)
    const url = `${origin(request)}/pool-invitations/${token}`
    const emailed = ctx.mail.enabled
    if (emailed) {
      // The link and the office's invitation only: no names in the mail.
      await ctx.mail.send('invitation', body.email, poolInvitationMail(url, PoolInvitationLifetimeDays))
    }
    reply.code(201)
    return { invitation: { ...toApiPoolInvitation(invitation, ctx.clock()), url, emailed } }
  })

  app.get('/api/pool/invitations', async (request): Promise<PoolInvitationsReply> => {
    await coordinator(request)
    const now = ctx.clock()
    return { invitations: (await ctx.storage.listPoolInvitations()).map((invitation) => toApiPoolInvitation(invitation, now)) }
  })

  app.delete<{ Params: { id: string } }>('/api/pool/invitations/:id', async (request, reply) => {
    const user = await coordinator(request)
    if (!isOpaqueId(request.params.id)) {
      throw notFound('invitationNotFound', 'No such invitation')
    }
    await revokePoolInvitation(ctx, request.params.id, user)
    return reply.code(204).send()
  })

  // Whether the caller is an invited applicant not yet matched (the client starts them on /pool).
  app.get('/api/pool/standing', async (request): Promise<PoolStandingReply> => {
    const { user } = await authenticate(ctx, request)
    return { poolOnly: await isPoolOnly(ctx.storage, user) }
  })

  /** The open invitation of a link; an invalid link is an auth failure (someone may be guessing tokens). */
  const openInvitation = (request: FastifyRequest<{ Params: { token: string } }>): ReturnType<typeof findOpenPoolInvitation> =>
    ctx.authFailures.watch(() => findOpenPoolInvitation(ctx, request.params.token), (err) => err instanceof NotFoundError, {
      reason: 'invitation_token_invalid',
      address: request.ip,
      via: request.routeOptions.url ?? '/api/pool-invitations/:token',
    })

  app.get<{ Params: { token: string } }>('/api/pool-invitations/:token', async (request): Promise<PoolInvitationPreviewReply> => {
    const invitation = await openInvitation(request)
    return { invitation: { name: invitation.invitee.name, email: invitation.invitee.email, invitedBy: invitation.createdByName, expiresAt: invitation.expiresAt } }
  })

  app.post<{ Params: { token: string } }>('/api/pool-invitations/:token/accept', async (request, reply): Promise<AcceptedPoolInvitationReply> => {
    const invitation = await openInvitation(request)
    const body = parseBody(AcceptPoolInvitationBody, request.body)
    const { user, applicationId } = await acceptPoolInvitation(ctx, invitation, body)
    setSessionCookie(ctx, reply, (await startSession(ctx.storage, user.id, ctx.config.sessionMaxAgeHours)).token)
    reply.code(201)
    return { user: toApiUser(user), applicationId }
  })
}
