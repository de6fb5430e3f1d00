/** Case members: add and remove (coaches only; coaches must be staff), with live re-checks of open connections. */
import type { FastifyInstance } from 'fastify'
import { AddMemberBody, type MemberReply } from '../../../../shared/src/api/cases.js'
import { roleNeedsStaffAccount } from '../../../../shared/src/policy/access.js'
import { recordAudit } from '../../audit/auditLog.js'
import { newId } from '../../ids.js'
import type { AppContext } from '../AppContext.js'
import { authenticate } from '../authenticate.js'
import { conflict, forbidden, notFound } from '../errors.js'
import { parseBody } from '../parseBody.js'
import { toApiMember } from '../toApi.js'
import { assertCaseOpenFor, loadCaseFor } from './caseAccess.js'
import type { AuditStorage } from '../../storage/audit/AuditStorage.js'
import type { CaseStorage } from '../../storage/cases/CaseStorage.js'
import type { ConsentStorage } from '../../storage/consents/ConsentStorage.js'
import type { MemberStorage } from '../../storage/members/MemberStorage.js'
import type { SessionStorage } from '../../storage/sessions/SessionStorage.js'
import type { UserStorage } from '../../storage/users/UserStorage.js'

/** The storage ports this module uses. */
type Ports = AuditStorage & CaseStorage & ConsentStorage & MemberStorage & SessionStorage & UserStorage

export function registerMemberRoutes(app: FastifyInstance, ctx: AppContext<Ports>): void {
  app.post<{ Params: { id: string } }>('/api/cases/:id/members', async (request, reply): Promise<MemberReply> => {
    const { user } = await authenticate(ctx, request)
    const { record } = await loadCaseFor(ctx, request.params.id, user.id, 'members.add')
    const body = parseBody(AddMemberBody, request.body)
    assertCaseOpenFor(record, 'members.add')
    const added = await ctx.storage.findUserById(body.userId)
    if (!added || !added.active) {
      throw notFound('No such user')
    }
    // Coaches see everything of a case (notes, every confidential field):
    // only the provider's own staff can be one, never an external account.
    if (roleNeedsStaffAccount(body.role) && added.kind !== 'staff') {
      throw forbidden('Only staff accounts can be coaches of a case; add an external account as employer or coachee')
    }
    const member = { id: newId(), caseId: record.id, userId: added.id, role: body.role, addedAt: new Date().toISOString() }
    if (!(await ctx.storage.addMember(member))) {
      throw conflict('This user is already a member of the case')
    }
    await recordAudit(ctx.storage, {
      caseId: record.id,
      type: 'memberAdded',
      actorId: user.id,
      details: { memberId: member.id, userId: added.id, role: member.role },
    })
    await ctx.accessChanges.publish({ kind: 'membership', caseId: record.id, userId: added.id })
    ctx.logger.info({ caseId: record.id, memberId: member.id, by: user.id }, 'member added')
    reply.code(201)
    return { member: toApiMember({ ...member, name: added.name, email: added.email }) }
  })

  app.delete<{ Params: { id: string; memberId: string } }>('/api/cases/:id/members/:memberId', async (request, reply) => {
    const { user } = await authenticate(ctx, request)
    const { record } = await loadCaseFor(ctx, request.params.id, user.id, 'members.remove')
    const removed = (await ctx.storage.listMembers(record.id)).find((member) => member.id === request.params.memberId)
    if (!removed) {
      throw notFound('No such member')
    }
    const result = await ctx.storage.removeMember(record.id, removed.id)
    if (result === 'notFound') {
      throw notFound('No such member')
    }
    if (result === 'lastCoach') {
      throw conflict('A case needs at least one coach')
    }
    // A member who leaves keeps no consent: a later return needs a new one.
    const revoked = await ctx.storage.revokeConsentsOfMember(record.id, removed.id, new Date().toISOString(), user.id)
    await recordAudit(
      ctx.storage,
      {
        caseId: record.id,
        type: 'memberRemoved',
        actorId: user.id,
        details: { memberId: removed.id, userId: removed.userId, role: removed.role },
      },
      ...revoked.map((grant) => ({
        caseId: record.id,
        type: 'consentRevoked' as const,
        actorId: user.id,
        details: { grantId: grant.id, field: grant.field, memberId: grant.memberId },
      })),
    )
    // Closes the removed member's open connections with 4403 and ends their event streams at once.
    await ctx.accessChanges.publish({ kind: 'membership', caseId: record.id, userId: removed.userId })
    ctx.logger.info({ caseId: record.id, memberId: request.params.memberId, by: user.id }, 'member removed')
    return reply.code(204).send()
  })
}
