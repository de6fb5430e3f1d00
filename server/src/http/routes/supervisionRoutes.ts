/**
 * Supervision groups and anonymised case copies (contract §5 and §7, issue
 * 6; shared/src/api/supervision.ts lists every endpoint).
 *
 * - Groups are made and staffed by an admin; members are staff accounts
 *   (supervisors and coaches). Removing a member re-checks every supervision
 *   connection on every process: the member's sockets to the group's copies
 *   close with 4403.
 * - A copy is built by the server from the committed plan and notes (see
 *   supervision/buildSupervisionCopy.ts) and stored as a new room whose only
 *   update is the fresh document. Redacting more text builds a NEW copy with
 *   the accumulated redactions and deletes the old unreleased one with its
 *   room in the same transaction, so a copy never carries history.
 * - The legend (placeholder -> real name) goes to the author in the reply
 *   and through `GET …/legend`, computed again each time; it is never stored.
 * - A release (author, to a group the author is a member of) freezes the
 *   copy. Creating and releasing are written to the source case's audit log
 *   (ids only).
 */
import type { FastifyInstance } from 'fastify'
import { AddGroupMemberBody, CreateSupervisionGroupBody, ReleaseCopyBody } from '../../../../shared/src/api/collaboration.js'
import { Limits } from '../../../../shared/src/limits.js'
import { EmptyBody } from '../../../../shared/src/api/common.js'
import {
  RedactCopyBody,
  type CopyReview,
  type CreatedCopyReply,
  type SupervisionCopiesReply,
  type SupervisionCopyReply,
  type SupervisionCopySummary,
  type SupervisionGroup,
  type SupervisionGroupMemberReply,
  type SupervisionGroupReply,
  type SupervisionGroupsReply,
} from '../../../../shared/src/api/supervision.js'
import { isOpaqueId } from '../../../../shared/src/ids.js'
import { can } from '../../../../shared/src/policy/actions.js'
import { formatRoomName } from '../../../../shared/src/protocol/roomName.js'
import { recordAudit } from '../../audit/auditLog.js'
import { newId } from '../../ids.js'
import { supervisionRoomAccess } from '../../access/roomAccess.js'
import type { CaseRecord, SupervisionCopyRecord, SupervisionCopyWithNames, SupervisionGroupRecord, UserRecord } from '../../storage/Storage.js'
import { buildSupervisionCopy, type BuiltCopy } from '../../supervision/buildSupervisionCopy.js'
import type { AppContext } from '../AppContext.js'
import { authenticate, authenticateStaff } from '../authenticate.js'
import { conflict, forbidden, invalidRequest, notFound } from '../errors.js'
import { parseBody } from '../parseBody.js'
import { loadCaseFor } from './caseAccess.js'
import { assertMay } from '../assertMay.js'
import type { AuditStorage } from '../../storage/audit/AuditStorage.js'
import type { CaseStorage } from '../../storage/cases/CaseStorage.js'
import type { MemberStorage } from '../../storage/members/MemberStorage.js'
import type { SessionStorage } from '../../storage/sessions/SessionStorage.js'
import type { SupervisionCopyStorage, SupervisionGroupStorage } from '../../storage/supervision/SupervisionStorage.js'
import type { UserStorage } from '../../storage/users/UserStorage.js'

/** The storage ports this module uses. */
type Ports = AuditStorage & CaseStorage & MemberStorage & SessionStorage & SupervisionCopyStorage & SupervisionGroupStorage & UserStorage

async function groupWithMembers(ctx: AppContext<Ports>, groups: readonly SupervisionGroupRecord[]): Promise<SupervisionGroup[]> {
  const members = await ctx.storage.listSupervisionGroupMembers(groups.map((group) => group.id))
  return groups.map((group) => ({
    id: group.id,
    name: group.name,
    createdAt: group.createdAt,
    members: members.filter((member) => member.groupId === group.id),
  }))
}

async function findGroup(ctx: AppContext<Ports>, id: string): Promise<SupervisionGroupRecord> {
  const group = isOpaqueId(id) ? await ctx.storage.findSupervisionGroup(id) : null
  if (!group) {
    throw notFound('No such group')
  }
  return group
}

/** The copy as the caller may see it; 404 when the caller may not open it at all (no leak of its existence). */
async function visibleCopy(ctx: AppContext<Ports>, id: string, user: UserRecord): Promise<{ copy: SupervisionCopyWithNames; summary: SupervisionCopySummary }> {
  const copy = isOpaqueId(id) ? await ctx.storage.findSupervisionCopy(id) : null
  if (!copy) {
    throw notFound('No such supervision copy')
  }
  const summary = await toSummary(ctx, copy, user.id)
  if (summary.access.copy === 'none') {
    throw notFound('No such supervision copy')
  }
  return { copy, summary }
}

async function toSummary(ctx: AppContext<Ports>, copy: SupervisionCopyWithNames, userId: string): Promise<SupervisionCopySummary> {
  const mine = copy.authorId === userId
  const inReleasedGroup = copy.releasedGroupId !== null && (await ctx.storage.isSupervisionGroupMember(copy.releasedGroupId, userId))
  const facts = { isAuthor: mine, releasedAt: copy.releasedAt, inReleasedGroup }
  return {
    id: copy.id,
    room: formatRoomName({ kind: 'supervisionCopy', copyId: copy.id }),
    discussionRoom: formatRoomName({ kind: 'supervisionDiscussion', copyId: copy.id }),
    title: copy.title,
    createdAt: copy.createdAt,
    authorName: copy.authorName,
    mine,
    // The link to the case is the author's business only: a group never learns which case it was.
    sourceCaseId: mine ? copy.sourceCaseId : null,
    releasedAt: copy.releasedAt,
    releasedGroupId: copy.releasedGroupId,
    releasedGroupName: copy.releasedGroupName,
    redactions: mine ? copy.redactions : [],
    access: { copy: supervisionRoomAccess('supervisionCopy', facts), discussion: supervisionRoomAccess('supervisionDiscussion', facts) },
  }
}

function reviewOf(built: BuiltCopy): CopyReview {
  return {
    legend: built.legend.map((entry) => ({ placeholder: entry.placeholder, kind: entry.kind, identifier: entry.identifier })),
    replacements: built.replacements.map((replacement) => ({
      placeholder: replacement.placeholder,
      kind: replacement.kind,
      start: replacement.start,
      end: replacement.end,
      location: replacement.location.type === 'field' ? { type: 'field', path: [...replacement.location.path] } : { ...replacement.location },
    })),
  }
}

/** The author's unreleased copy and its source case, where the author still is a coach; else 403/404/409. */
async function loadOwnDraft(ctx: AppContext<Ports>, id: string, user: UserRecord): Promise<{ copy: SupervisionCopyWithNames; caseRecord: CaseRecord }> {
  const { copy } = await visibleCopy(ctx, id, user)
  if (copy.authorId !== user.id) {
    throw forbidden('Only the author of this copy can do this')
  }
  if (copy.sourceCaseId === null) {
    throw conflict('The case of this copy was erased')
  }
  const { record } = await loadCaseFor(ctx, copy.sourceCaseId, user.id, 'supervision.reviewCopy')
  return { copy, caseRecord: record }
}

export function registerSupervisionRoutes(app: FastifyInstance, ctx: AppContext<Ports>): void {
  app.post('/api/supervision/groups', async (request, reply): Promise<SupervisionGroupReply> => {
    const { user } = await authenticate(ctx, request)
    assertMay(null, 'supervisionGroups.manage', { isAdmin: user.isAdmin }, 'Only an admin can create supervision groups')
    const body = parseBody(CreateSupervisionGroupBody, request.body)
    const group: SupervisionGroupRecord = { id: newId(), name: body.name, createdAt: ctx.clock().toISOString(), createdBy: user.id }
    await ctx.storage.createSupervisionGroup(group)
    ctx.logger.info({ groupId: group.id, by: user.id }, 'supervision group created')
    reply.code(201)
    return { group: { ...group, members: [] } }
  })

  app.get('/api/supervision/groups', async (request): Promise<SupervisionGroupsReply> => {
    const { user } = await authenticateStaff(ctx, request)
    const groups = can(null, 'supervisionGroups.listAll', { isAdmin: user.isAdmin }) ? await ctx.storage.listSupervisionGroups() : await ctx.storage.listSupervisionGroupsOfUser(user.id)
    return { groups: await groupWithMembers(ctx, groups) }
  })

  app.post<{ Params: { id: string } }>('/api/supervision/groups/:id/members', async (request, reply): Promise<SupervisionGroupMemberReply> => {
    const { user } = await authenticate(ctx, request)
    assertMay(null, 'supervisionGroups.manage', { isAdmin: user.isAdmin })
    const group = await findGroup(ctx, request.params.id)
    const body = parseBody(AddGroupMemberBody, request.body)
    const target = await ctx.storage.findUserById(body.userId)
    if (!target) {
      throw notFound('No such user')
    }
    if (target.kind !== 'staff' || !target.active) {
      throw invalidRequest('userId: only active staff accounts (supervisors and coaches) can join a supervision group')
    }
    if (!(await ctx.storage.addSupervisionGroupMember(group.id, target.id, ctx.clock().toISOString()))) {
      throw conflict('This person is a member of the group already')
    }
    const member = (await ctx.storage.listSupervisionGroupMembers([group.id])).find((entry) => entry.userId === target.id)
    if (!member) {
      throw notFound('No such member')
    }
    ctx.logger.info({ groupId: group.id, userId: target.id, by: user.id }, 'supervision group member added')
    reply.code(201)
    return { member }
  })

  app.delete<{ Params: { id: string; userId: string } }>('/api/supervision/groups/:id/members/:userId', async (request, reply) => {
    const { user } = await authenticate(ctx, request)
    assertMay(null, 'supervisionGroups.manage', { isAdmin: user.isAdmin })
    const group = await findGroup(ctx, request.params.id)
    if (!isOpaqueId(request.params.userId) || !(await ctx.storage.removeSupervisionGroupMember(group.id, request.params.userId))) {
      throw notFound('No such member')
    }
    // The removed member's sockets to the group's copies and discussions close with 4403, on every process.
    await ctx.accessChanges.publish({ kind: 'supervisionMember', groupId: group.id, userId: request.params.userId })
    ctx.logger.info({ groupId: group.id, userId: request.params.userId, by: user.id }, 'supervision group member removed')
    return reply.code(204).send()
  })

  app.post<{ Params: { id: string } }>('/api/cases/:id/supervision-copies', async (request, reply): Promise<CreatedCopyReply> => {
    const { user } = await authenticate(ctx, request)
    const { record } = await loadCaseFor(ctx, request.params.id, user.id, 'supervision.createCopy')
    parseBody(EmptyBody, request.body)
    const built = await buildSupervisionCopy(ctx, record, [])
    const copy: SupervisionCopyRecord = {
      id: newId(),
      sourceCaseId: record.id,
      authorId: user.id,
      createdAt: ctx.clock().toISOString(),
      title: built.title,
      releasedGroupId: null,
      releasedAt: null,
      redactions: [],
    }
    await ctx.storage.createSupervisionCopy(copy, { room: formatRoomName({ kind: 'supervisionCopy', copyId: copy.id }), update: built.update })
    await recordAudit(ctx.storage, { caseId: record.id, type: 'supervisionCopyCreated', actorId: user.id, details: { copyId: copy.id } })
    ctx.logger.info({ caseId: record.id, copyId: copy.id, by: user.id }, 'supervision copy created')
    reply.code(201)
    return { copy: await toSummary(ctx, { ...copy, authorName: user.name, releasedGroupName: null }, user.id), ...reviewOf(built) }
  })

  app.get('/api/supervision-copies', async (request): Promise<SupervisionCopiesReply> => {
    const { user } = await authenticate(ctx, request)
    const copies = await ctx.storage.listSupervisionCopiesForUser(user.id)
    return { copies: await Promise.all(copies.map((copy) => toSummary(ctx, copy, user.id))) }
  })

  app.get<{ Params: { id: string } }>('/api/supervision-copies/:id', async (request): Promise<SupervisionCopyReply> => {
    const { user } = await authenticate(ctx, request)
    return { copy: (await visibleCopy(ctx, request.params.id, user)).summary }
  })

  app.get<{ Params: { id: string } }>('/api/supervision-copies/:id/legend', async (request): Promise<CopyReview> => {
    const { user } = await authenticate(ctx, request)
    const { copy, caseRecord } = await loadOwnDraft(ctx, request.params.id, user)
    // Computed again from the case as it is now: the legend is never stored.
    return reviewOf(await buildSupervisionCopy(ctx, caseRecord, copy.redactions))
  })

  app.post<{ Params: { id: string } }>('/api/supervision-copies/:id/redactions', async (request, reply): Promise<CreatedCopyReply> => {
    const { user } = await authenticate(ctx, request)
    const body = parseBody(RedactCopyBody, request.body)
    const { copy: old, caseRecord } = await loadOwnDraft(ctx, request.params.id, user)
    if (old.releasedAt !== null) {
      throw conflict('A released copy is frozen')
    }
    const redactions = [...new Set([...old.redactions, ...body.texts])]
    if (redactions.length > Limits.maxRedactionTotal) {
      throw invalidRequest(`texts: at most ${Limits.maxRedactionTotal} redactions per copy`)
    }
    const built = await buildSupervisionCopy(ctx, caseRecord, redactions)
    const copy: SupervisionCopyRecord = {
      id: newId(),
      sourceCaseId: caseRecord.id,
      authorId: user.id,
      createdAt: ctx.clock().toISOString(),
      title: built.title,
      releasedGroupId: null,
      releasedAt: null,
      redactions,
    }
    const outcome = await ctx.storage.replaceSupervisionCopy(old.id, copy, {
      room: formatRoomName({ kind: 'supervisionCopy', copyId: copy.id }),
      update: built.update,
    })
    if (outcome === 'notFound') {
      throw notFound('No such supervision copy')
    }
    if (outcome === 'released') {
      throw conflict('A released copy is frozen')
    }
    // The old copy's room is gone: its open sockets close (4403) and the clients drop their local copies.
    await ctx.accessChanges.publish({ kind: 'supervisionCopy', copyId: old.id })
    await recordAudit(ctx.storage, {
      caseId: caseRecord.id,
      type: 'supervisionCopyCreated',
      actorId: user.id,
      details: { copyId: copy.id, replacedCopyId: old.id },
    })
    ctx.logger.info({ caseId: caseRecord.id, copyId: copy.id, replacedCopyId: old.id, by: user.id }, 'supervision copy redacted')
    reply.code(201)
    return { copy: await toSummary(ctx, { ...copy, authorName: user.name, releasedGroupName: null }, user.id), ...reviewOf(built) }
  })

  app.post<{ Params: { id: string } }>('/api/supervision-copies/:id/release', async (request): Promise<SupervisionCopyReply> => {
    const { user } = await authenticate(ctx, request)
    const body = parseBody(ReleaseCopyBody, request.body)
    const { copy } = await visibleCopy(ctx, request.params.id, user)
    if (copy.authorId !== user.id) {
      throw forbidden('Only the author of this copy can release it')
    }
    if (copy.releasedAt !== null) {
      throw conflict('This copy was released already')
    }
    const group = await findGroup(ctx, body.groupId)
    if (!(await ctx.storage.isSupervisionGroupMember(group.id, user.id))) {
      throw forbidden('You can release a copy only to a group you are a member of')
    }
    if (!(await ctx.storage.releaseSupervisionCopy(copy.id, group.id, ctx.clock().toISOString()))) {
      throw conflict('This copy was released already')
    }
    if (copy.sourceCaseId !== null) {
      await recordAudit(ctx.storage, {
        caseId: copy.sourceCaseId,
        type: 'supervisionCopyReleased',
        actorId: user.id,
        details: { copyId: copy.id, groupId: group.id },
      })
    }
    ctx.logger.info({ copyId: copy.id, groupId: group.id, by: user.id }, 'supervision copy released')
    const released = await ctx.storage.findSupervisionCopy(copy.id)
    if (!released) {
      throw notFound('No such supervision copy')
    }
    return { copy: await toSummary(ctx, released, user.id) }
  })
}
