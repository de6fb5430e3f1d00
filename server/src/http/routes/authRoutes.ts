/** Login, logout and the current user (contract §5). */
import type { PoolApplicantLookup } from '../../storage/pool/PoolInvitationStorage.js'
import type { FastifyInstance } from 'fastify'
import { LoginBody, type UserReply } from '../../../../shared/src/api/users.js'
import { verifyDummyPassword, verifyPassword } from '../../auth/passwords.js'
import { SessionCookieName } from '../../auth/sessions.js'
import { toApiUser } from '../../api/toApi.js'
import { logIn, logOut } from '../../commands/sessions.js'
import { takesIntake } from '../../commands/requests.js'
import type { AppContext } from '../AppContext.js'
import { authenticate, clearSessionCookie, setSessionCookie } from '../authenticate.js'
import { rateLimited, unauthenticated } from '../errors.js'
import { parseBody } from '../parseBody.js'
import type { AuditStorage } from '../../storage/audit/AuditStorage.js'
import type { SessionStorage } from '../../storage/sessions/SessionStorage.js'
import type { UserRecord, UserStorage } from '../../storage/users/UserStorage.js'
import type { CaseStorage } from '../../storage/cases/CaseStorage.js'
import type { SupervisionGroupStorage } from '../../storage/supervision/SupervisionStorage.js'

/** The storage ports this module uses. */
type Ports = AuditStorage & CaseStorage & SessionStorage & SupervisionGroupStorage & UserStorage & PoolApplicantLookup

export function registerAuthRoutes(app: FastifyInstance, ctx: AppContext<Ports>): void {
  /** The signed-in account as its own client sees it: with what the client offers (requests, issue 19). */
  const ownUser = async (user: UserRecord): Promise<UserReply['user']> => ({ ...toApiUser(user), takesIntake: await takesIntake(ctx.storage, user) })

  app.post('/api/auth/login', async (request, reply): Promise<UserReply> => {
    const body = parseBody(LoginBody, request.body)
    // Before the password is checked: over the limit, even the right one waits.
    // request.ip honours TRUST_PROXY (createServer.ts).
    const failed = { address: request.ip, via: '/api/auth/login', login: body.email }
    const retryAfter = ctx.loginThrottle.retryAfterSeconds(body.email, request.ip)
    if (retryAfter > 0) {
      ctx.authFailures.record({ ...failed, reason: 'throttled' })
      throw rateLimited(retryAfter, 'tooManyLogins', 'Too many failed logins; try again later')
    }
    const user = await ctx.storage.findUserByEmail(body.email)
    // Same work and same answer for an unknown e-mail, a wrong password and a deactivated account.
    const valid = user ? await verifyPassword(user.passwordHash, body.password) : await verifyDummyPassword(body.password)
    if (!user || !valid || !user.active) {
      ctx.loginThrottle.recordFailure(body.email, request.ip)
      // Only the log tells the three apart; the answer stays the same.
      ctx.authFailures.record({ ...failed, reason: !user ? 'unknown_account' : !valid ? 'wrong_password' : 'inactive_account' })
      throw unauthenticated('wrongCredentials', 'E-mail or password is wrong')
    }
    ctx.loginThrottle.recordSuccess(body.email, request.ip)
    setSessionCookie(ctx, reply, await logIn(ctx, user.id, ctx.config))
    return { user: await ownUser(user) }
  })

  app.post('/api/auth/logout', async (request, reply) => {
    const token = request.cookies[SessionCookieName]
    if (token !== undefined) {
      await logOut(ctx, token)
    }
    clearSessionCookie(ctx, reply)
    return reply.code(204).send()
  })

  app.get('/api/me', async (request): Promise<UserReply> => {
    const { user } = await authenticate(ctx, request)
    return { user: await ownUser(user) }
  })
}
