/** Staff accounts: `POST /api/users` (admin), `GET /api/users` (staff). */
import type { FastifyInstance } from 'fastify'
import { CreateUserBody, type UserReply, type UsersReply } from '../../../../shared/src/api/users.js'
import { hashPassword } from '../../auth/passwords.js'
import { newId } from '../../ids.js'
import type { AppContext } from '../AppContext.js'
import { authenticate, authenticateStaff } from '../authenticate.js'
import { conflict, forbidden } from '../errors.js'
import { parseBody } from '../parseBody.js'
import { toApiUser } from '../toApi.js'

export function registerUserRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.post('/api/users', async (request, reply): Promise<UserReply> => {
    const caller = await authenticate(ctx, request)
    if (!caller.user.isAdmin) {
      throw forbidden('Only an admin can create accounts')
    }
    const body = parseBody(CreateUserBody, request.body)
    const user = {
      id: newId(),
      name: body.name,
      email: body.email,
      passwordHash: await hashPassword(body.password),
      kind: body.kind,
      isAdmin: body.isAdmin ?? false,
      active: true,
      createdAt: new Date().toISOString(),
    }
    if (!(await ctx.storage.createUser(user))) {
      throw conflict('An account with this e-mail address exists already')
    }
    ctx.logger.info({ userId: user.id, by: caller.user.id }, 'account created')
    reply.code(201)
    return { user: toApiUser(user) }
  })

  // Coaches pick a second coach from this list when adding one to a case.
  app.get('/api/users', async (request): Promise<UsersReply> => {
    await authenticateStaff(ctx, request)
    return { users: (await ctx.storage.listActiveStaff()).map(toApiUser) }
  })
}
