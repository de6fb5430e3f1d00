/** First-account setup: `GET /api/setup`, `POST /api/setup` (contract §5). */
import type { FastifyInstance } from 'fastify'
import { createHash, timingSafeEqual } from 'node:crypto'
import { SetupBody, type SetupStatusReply, type UserReply } from '../../../../shared/src/api/users.js'
import { currencyOf } from '../../../../shared/src/api/service.js'
import { toApiUser } from '../../api/toApi.js'
import { startSession } from '../../auth/sessions.js'
import { createFirstUser } from '../../commands/accounts.js'
import type { AppContext } from '../AppContext.js'
import { setSessionCookie } from '../authenticate.js'
import { conflict, forbidden } from '../errors.js'
import { parseBody } from '../parseBody.js'
import type { SessionStorage } from '../../storage/sessions/SessionStorage.js'
import type { UserStorage } from '../../storage/users/UserStorage.js'

/** The storage ports this module uses. */
type Ports = SessionStorage & UserStorage

/** Constant-time comparison of two tokens of any length (hashing first evens out the lengths). */
function sameToken(a: string, b: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest()
  return timingSafeEqual(digest(a), digest(b))
}

export function registerSetupRoutes(app: FastifyInstance, ctx: AppContext<Ports>): void {
  app.get('/api/setup', async (): Promise<SetupStatusReply> => {
    const { serviceCountry, coacheeTerm } = ctx.config
    return { needsSetup: (await ctx.storage.countUsers()) === 0, service: { country: serviceCountry, coacheeTerm, currency: currencyOf(serviceCountry) } }
  })

  app.post('/api/setup', async (request, reply): Promise<UserReply> => {
    const body = parseBody(SetupBody, request.body)
    const expected = ctx.setup.token
    if (expected === null || (await ctx.storage.countUsers()) > 0) {
      throw conflict('alreadySetUp', 'Fallbuch is already set up')
    }
    if (!sameToken(body.token, expected)) {
      ctx.authFailures.record({ reason: 'setup_token_invalid', address: request.ip, via: '/api/setup' })
      throw forbidden('setupTokenWrong', 'The setup token is wrong')
    }
    const user = await createFirstUser(ctx, body)
    ctx.setup.token = null
    const { token } = await startSession(ctx.storage, user.id, ctx.config.sessionMaxAgeHours)
    setSessionCookie(ctx, reply, token)
    reply.code(201)
    return { user: toApiUser(user) }
  })
}
