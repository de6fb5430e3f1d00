/** Login, logout and the current user (contract §5). */
import type { FastifyInstance } from 'fastify'
import { LoginBody, type UserReply } from '../../../../shared/src/api/users.js'
import { verifyDummyPassword, verifyPassword } from '../../auth/passwords.js'
import { hashSessionToken, SessionCookieName, startSession } from '../../auth/sessions.js'
import type { AppContext } from '../AppContext.js'
import { authenticate, clearSessionCookie, setSessionCookie } from '../authenticate.js'
import { unauthenticated } from '../errors.js'
import { parseBody } from '../parseBody.js'
import { toApiUser } from '../toApi.js'

export function registerAuthRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.post('/api/auth/login', async (request, reply): Promise<UserReply> => {
    const body = parseBody(LoginBody, request.body)
    const user = await ctx.storage.findUserByEmail(body.email)
    // Same work and same answer for an unknown e-mail and a wrong password.
    const valid = user ? await verifyPassword(user.passwordHash, body.password) : await verifyDummyPassword(body.password)
    if (!user || !valid || !user.active) {
      throw unauthenticated('E-mail or password is wrong')
    }
    const { token } = await startSession(ctx.storage, user.id, ctx.config.sessionMaxAgeHours)
    setSessionCookie(ctx, reply, token)
    await ctx.storage.deleteExpiredSessions(new Date())
    return { user: toApiUser(user) }
  })

  app.post('/api/auth/logout', async (request, reply) => {
    const token = request.cookies[SessionCookieName]
    if (token !== undefined) {
      const tokenHash = hashSessionToken(token)
      await ctx.storage.deleteSession(tokenHash)
      ctx.relay.closeSession(tokenHash)
    }
    clearSessionCookie(ctx, reply)
    return reply.code(204).send()
  })

  app.get('/api/me', async (request): Promise<UserReply> => {
    const { user } = await authenticate(ctx, request)
    return { user: toApiUser(user) }
  })
}
