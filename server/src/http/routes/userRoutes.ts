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
import { recordAudit, type AuditEntry } from '../../audit/auditLog.js'
import { hashPassword } from '../../auth/passwords.js'
import { newId } from '../../ids.js'
import type { UserRecord } from '../../storage/Storage.js'
import type { AppContext } from '../AppContext.js'
import { authenticate, authenticateStaff, type Caller } from '../authenticate.js'
import { assertMay } from '../assertMay.js'
import { conflict, notFound } from '../errors.js'
import { parseBody } from '../parseBody.js'
import { toApiUser } from '../toApi.js'
import type { AuditStorage } from '../../storage/audit/AuditStorage.js'
import type { CaseStorage } from '../../storage/cases/CaseStorage.js'
import type { SessionStorage } from '../../storage/sessions/SessionStorage.js'
import type { UserStorage } from '../../storage/users/UserStorage.js'

/** The storage ports this module uses. */
type Ports = AuditStorage & CaseStorage & SessionStorage & UserStorage

async function authenticateAdmin(ctx: AppContext<Ports>, request: Parameters<typeof authenticate>[1], what: string): Promise<Caller> {
  const caller = await authenticate(ctx, request)
  assertMay(null, 'accounts.manage', { isAdmin: caller.user.isAdmin }, `Only an admin can ${what}`)
  return caller
}

async function findUser(ctx: AppContext<Ports>, id: string): Promise<UserRecord> {
  const user = isOpaqueId(id) ? await ctx.storage.findUserById(id) : null
  if (!user) {
    throw notFound('No such user')
  }
  return user
}

/** Writes accountChanged into the log of every case the account is a member of, and tells those cases. */
async function recordAccountChange(ctx: AppContext<Ports>, actorId: string, userId: string, details: AuditEntry['details']): Promise<void> {
  const cases = await ctx.storage.listCasesOfUser(userId)
  if (cases.length > 0) {
    await recordAudit(
      ctx.storage,
      ...cases.map(({ record }): AuditEntry => ({ caseId: record.id, type: 'accountChanged', actorId, details: { userId, ...details } })),
    )
  }
  for (const { record } of cases) {
    ctx.events.notify(record.id, 'members')
  }
}

export function registerUserRoutes(app: FastifyInstance, ctx: AppContext<Ports>): void {
  app.post('/api/users', async (request, reply): Promise<UserReply> => {
    const caller = await authenticateAdmin(ctx, request, 'create accounts')
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
    if (target.id === caller.user.id && body.active === false) {
      throw conflict('You cannot deactivate your own account')
    }
    const result = await ctx.storage.updateUser(target.id, body)
    if (result === 'notFound') {
      throw notFound('No such user')
    }
    if (result === 'lastAdmin') {
      throw conflict('Fallbuch needs at least one active admin')
    }
    const updated = (await ctx.storage.findUserById(target.id)) ?? target
    if (target.active && !updated.active) {
      // Contract: deactivation ends every session and closes every open connection (4401) at once.
      await ctx.storage.deleteSessionsOfUser(target.id)
      await ctx.accessChanges.publish({ kind: 'account', userId: target.id })
    }
    const details: Record<string, boolean> = {}
    if (updated.active !== target.active) {
      details.active = updated.active
    }
    if (updated.isAdmin !== target.isAdmin) {
      details.isAdmin = updated.isAdmin
    }
    if (updated.name !== target.name) {
      details.name = true
    }
    if (Object.keys(details).length > 0) {
      await recordAccountChange(ctx, caller.user.id, target.id, details)
    }
    ctx.logger.info({ userId: target.id, by: caller.user.id, ...details }, 'account changed')
    return { user: toApiUser(updated) }
  })

  app.post<{ Params: { id: string } }>('/api/users/:id/password', async (request, reply) => {
    const caller = await authenticateAdmin(ctx, request, 'set passwords')
    const body = parseBody(ResetPasswordBody, request.body)
    const target = await findUser(ctx, request.params.id)
    if (!(await ctx.storage.setPasswordHash(target.id, await hashPassword(body.password)))) {
      throw notFound('No such user')
    }
    // The old sessions are deleted with the new hash; their sockets and streams end now.
    await ctx.accessChanges.publish({ kind: 'account', userId: target.id })
    await recordAccountChange(ctx, caller.user.id, target.id, { passwordReset: true })
    ctx.logger.info({ userId: target.id, by: caller.user.id }, 'password reset')
    return reply.code(204).send()
  })
}
