/**
 * Accounts: `POST /api/users` (admin), `GET /api/users` (staff; admins see
 * every account), `PATCH /api/users/:id` and `POST /api/users/:id/password`
 * (admin).
 */
import type { FastifyInstance } from 'fastify'
import {
  CreateUserBody,
  ResetPasswordBody,
  UpdateUserBody,
  type UserReply,
  type UsersReply,
} from '../../../../shared/src/api/users.js'
import { isOpaqueId } from '../../../../shared/src/ids.js'
import { can } from '../../../../shared/src/policy/actions.js'
import { toApiUser } from '../../api/toApi.js'
import { createUser, resetPassword, updateUser } from '../../commands/accounts.js'
import type { UserRecord } from '../../storage/Storage.js'
import type { AppContext } from '../AppContext.js'
import { authenticate, authenticateStaff, type Caller } from '../authenticate.js'
import { assertMay } from '../assertMay.js'
import { notFound } from '../errors.js'
import { parseBody } from '../parseBody.js'
import type { CaseStorage } from '../../storage/cases/CaseStorage.js'
import type { SessionStorage } from '../../storage/sessions/SessionStorage.js'
import type { UserStorage } from '../../storage/users/UserStorage.js'

/** The storage ports this module uses. */
type Ports = CaseStorage & SessionStorage & UserStorage

async function authenticateAdmin(ctx: AppContext<Ports>, request: Parameters<typeof authenticate>[1], what: string): Promise<Caller> {
  const caller = await authenticate(ctx, request)
  assertMay(null, 'accounts.manage', { isAdmin: caller.user.isAdmin }, `Only an admin can ${what}`)
  return caller
}

async function findUser(ctx: AppContext<Ports>, id: string): Promise<UserRecord> {
  const user = isOpaqueId(id) ? await ctx.storage.findUserById(id) : null
  if (!user) {
    throw notFound('userNotFound', 'No such user')
  }
  return user
}

export function registerUserRoutes(app: FastifyInstance, ctx: AppContext<Ports>): void {
  app.post('/api/users', async (request, reply): Promise<UserReply> => {
    const caller = await authenticateAdmin(ctx, request, 'create accounts')
    const body = parseBody(CreateUserBody, request.body)
    const user = await createUser(ctx, body, caller.user.id)
    reply.code(201)
    return { user: toApiUser(user) }
  })

  // Admins manage every account; coaches pick a second coach from the active staff.
  app.get('/api/users', async (request): Promise<UsersReply> => {
    const { user } = await authenticateStaff(ctx, request)
    const users = can(null, 'accounts.listAll', { isAdmin: user.isAdmin }) ? await ctx.storage.listAllUsers() : await ctx.storage.listActiveStaff()
    return { users: users.map(toApiUser) }
  })

  app.patch<{ Params: { id: string } }>('/api/users/:id', async (request): Promise<UserReply> => {
    const caller = await authenticateAdmin(ctx, request, 'change accounts')
    const body = parseBody(UpdateUserBody, request.body)
    const target = await findUser(ctx, request.params.id)
    if (body.isAdmin !== undefined || body.isLead !== undefined || body.staffSharePercent !== undefined || body.isCoordinator !== undefined || body.isIntegrationsamt !== undefined) {
      // Contract §8.5: the admin flag exists only on staff accounts; so do the lead flag and the part-time share (issue 22).
      assertMay(null, 'accounts.manageStaffCredentials', { isAdmin: caller.user.isAdmin, targetKind: target.kind })
    }
    if (body.isBilling !== undefined || body.coachRate !== undefined) {
      // Issue 18: invoices and a coach's own rate concern staff accounts only.
      assertMay(null, 'accounts.manageBilling', { isAdmin: caller.user.isAdmin, targetKind: target.kind })
    }
    const updated = await updateUser(ctx, target, body, caller.user.id)
    return { user: toApiUser(updated) }
  })

  app.post<{ Params: { id: string } }>('/api/users/:id/password', async (request, reply) => {
    const caller = await authenticateAdmin(ctx, request, 'set passwords')
    const body = parseBody(ResetPasswordBody, request.body)
    const target = await findUser(ctx, request.params.id)
    // Contract §8.5: an admin could otherwise log in as a coachee and act in their name.
    assertMay(null, 'accounts.manageStaffCredentials', { isAdmin: caller.user.isAdmin, targetKind: target.kind })
    await resetPassword(ctx, target, body.password, caller.user.id)
    return reply.code(204).send()
  })
}
