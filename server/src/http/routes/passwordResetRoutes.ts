/**
 * Password-reset links (contract §8.5, shared/src/api/passwordResets.ts): a
 * coach makes a new access link for an external member of the case; the
 * link's holder (no session needed) sees whom it is for and sets a new
 * password, which ends the account's other sessions and logs them in.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { PasswordResetBody, type CreatedAccessLinkReply, type PasswordResetPreviewReply } from '../../../../shared/src/api/passwordResets.js'
import type { UserReply } from '../../../../shared/src/api/users.js'
import { toApiUser } from '../../api/toApi.js'
import { createAccessLink, findOpenPasswordReset, resetPasswordWithLink } from '../../commands/passwordResets.js'
import { NotFoundError } from '../../commands/errors.js'
import { logIn } from '../../commands/sessions.js'
import type { AppContext } from '../AppContext.js'
import { assertMay } from '../assertMay.js'
import { authenticate, setSessionCookie } from '../authenticate.js'
import { notFound } from '../errors.js'
import { parseBody } from '../parseBody.js'
import { loadCaseOfMember } from './caseAccess.js'
import type { AuditStorage } from '../../storage/audit/AuditStorage.js'
import type { CaseStorage } from '../../storage/cases/CaseStorage.js'
import type { MemberStorage } from '../../storage/members/MemberStorage.js'
import type { PasswordResetStorage } from '../../storage/passwordResets/PasswordResetStorage.js'
import type { SessionStorage } from '../../storage/sessions/SessionStorage.js'
import type { UserStorage } from '../../storage/users/UserStorage.js'

/** The storage ports this module uses. */
type Ports = AuditStorage & CaseStorage & MemberStorage & PasswordResetStorage & SessionStorage & UserStorage

function publicOrigin(ctx: AppContext<Ports>, request: FastifyRequest): string {
  return ctx.config.publicUrl ?? `${request.protocol}://${request.host}`
}

export function registerPasswordResetRoutes(app: FastifyInstance, ctx: AppContext<Ports>): void {
  app.post<{ Params: { id: string; memberId: string } }>(
    '/api/cases/:id/members/:memberId/access-link',
    async (request, reply): Promise<CreatedAccessLinkReply> => {
      const { user } = await authenticate(ctx, request)
      const { member: caller } = await loadCaseOfMember(ctx, request.params.id, user.id)
      const target = (await ctx.storage.listMembers(request.params.id)).find((member) => member.id === request.params.memberId)
      const targetUser = target ? await ctx.storage.findUserById(target.userId) : null
      // A coach learns nothing of other cases' members; others are refused by role first.
      assertMay(caller.role, 'members.newAccessLink', { targetKind: targetUser?.kind ?? 'external' })
      if (!target || !targetUser) {
        throw notFound('memberNotFound', 'No such member')
      }
      const { token, expiresAt } = await createAccessLink(ctx, target, user.id)
      reply.code(201)
      return { link: { token, url: `${publicOrigin(ctx, request)}/password-reset?token=${token}`, expiresAt } }
    },
  )

  /** Runs a lookup or use of a link; an invalid link is an auth failure (someone may be guessing tokens). */
  const withLink = <T>(request: FastifyRequest<{ Params: { token: string } }>, attempt: () => Promise<T>): Promise<T> =>
    ctx.authFailures.watch(attempt, (err) => err instanceof NotFoundError && err.reason === 'invalidLink', {
      reason: 'reset_token_invalid',
      address: request.ip,
      via: request.routeOptions.url ?? '/api/auth/password-reset/:token',
    })

  app.get<{ Params: { token: string } }>('/api/auth/password-reset/:token', async (request): Promise<PasswordResetPreviewReply> => {
    const reset = await withLink(request, () => findOpenPasswordReset(ctx, request.params.token))
    return { reset: { name: reset.userName, expiresAt: reset.expiresAt } }
  })

  app.post<{ Params: { token: string } }>('/api/auth/password-reset/:token', async (request, reply): Promise<UserReply> => {
    const body = parseBody(PasswordResetBody, request.body)
    const userId = await withLink(request, () => resetPasswordWithLink(ctx, request.params.token, body.password))
    const user = await ctx.storage.findUserById(userId)
    if (!user) {
      throw notFound('userNotFound', 'No such user')
    }
    setSessionCookie(ctx, reply, await logIn(ctx, user.id, ctx.config))
    return { user: toApiUser(user) }
  })
}
