/**
 * Supervision groups and anonymised case copies (contract §5 and §7, issue
 * 6; shared/src/api/supervision.ts lists every endpoint). Groups are made and
 * staffed by an admin; members are staff accounts (supervisors and coaches).
 * Copies are made, redacted and released by their author, a coach of the
 * case (commands/supervision.ts). The legend (placeholder -> real name) goes
 * to the author in the reply and through `GET …/legend`, computed again each
 * time; it is never stored.
 */
import type { FastifyInstance } from 'fastify'
import { AddGroupMemberBody, CreateSupervisionGroupBody, ReleaseCopyBody } from '../../../../shared/src/api/collaboration.js'
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
import {
  addGroupMember,
  createSupervisionCopy,
  createSupervisionGroup,
  findGroup,
  redactCopy,
  releaseCopy,
  removeGroupMember,
} from '../../commands/supervision.js'
import { supervisionFactsOf, supervisionRoomAccess } from '../../access/roomAccess.js'
import type { CaseRecord, SupervisionCopyWithNames, SupervisionGroupRecord, UserRecord } from '../../storage/Storage.js'
import { buildSupervisionCopy, type BuiltCopy, type CopyStorage } from '../../supervision/buildSupervisionCopy.js'
import type { AppContext } from '../AppContext.js'
import { authenticate, authenticateStaff } from '../authenticate.js'
import { conflict, forbidden, notFound } from '../errors.js'
import { parseBody } from '../parseBody.js'
import { loadCaseFor } from './caseAccess.js'
import { assertMay } from '../assertMay.js'
import type { CaseStorage } from '../../storage/cases/CaseStorage.js'
import type { SessionStorage } from '../../storage/sessions/SessionStorage.js'
import type { SupervisionCopyStorage, SupervisionGroupStorage } from '../../storage/supervision/SupervisionStorage.js'
import type { UserStorage } from '../../storage/users/UserStorage.js'

/** The storage ports this module uses. */
type Ports = CaseStorage & CopyStorage & SessionStorage & SupervisionCopyStorage & SupervisionGroupStorage & UserStorage

async function groupWithMembers(ctx: AppContext<Ports>, groups: readonly SupervisionGroupRecord[]): Promise<SupervisionGroup[]> {
  const members = await ctx.storage.listSupervisionGroupMembers(groups.map((group) => group.id))
  return groups.map((group) => ({
    id: group.id,
    name: group.name,
    createdAt: group.createdAt,
    members: members.filter((member) => member.groupId === group.id),
  }))
}

/** The copy as the caller may see it; 404 when the caller may not open it at all (no leak of its existence). */
async function visibleCopy(ctx: AppContext<Ports>, id: string, user: UserRecord): Promise<{ copy: SupervisionCopyWithNames; summary: SupervisionCopySummary }> {
  const copy = isOpaqueId(id) ? await ctx.storage.findSupervisionCopy(id) : null
  if (!copy) {
    throw notFound('copyNotFound', 'No such supervision copy')
  }
  const summary = await toSummary(ctx, copy, user.id)
  if (summary.access.copy === 'none') {
    throw notFound('copyNotFound', 'No such supervision copy')
  }
  return { copy, summary }
}

async function toSummary(ctx: AppContext<Ports>, copy: SupervisionCopyWithNames, userId: string): Promise<SupervisionCopySummary> {
  const mine = copy.authorId === userId
  const facts = await supervisionFactsOf(ctx.storage, copy, userId)
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
    throw forbidden('copyAuthorOnly', 'Only the author of this copy can do this')
  }
  if (copy.sourceCaseId === null) {
    throw conflict('caseErased', 'The case of this copy was erased')
  }
  const { record } = await loadCaseFor(ctx, copy.sourceCaseId, user.id, 'supervision.reviewCopy')
  return { copy, caseRecord: record }
}

export function registerSupervisionRoutes(app: FastifyInstance, ctx: AppContext<Ports>): void {
  app.post('/api/supervision/groups', async (request, reply): Promise<SupervisionGroupReply> => {
    const { user } = await authenticate(ctx, request)
    assertMay(null, 'supervisionGroups.manage', { isAdmin: user.isAdmin }, 'Only an admin can create supervision groups')
    const body = parseBody(CreateSupervisionGroupBody, request.body)
    const group = await createSupervisionGroup(ctx, body.name, user.id)
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
    const member = await addGroupMember(ctx, group, body.userId, user.id)
    reply.code(201)
    return { member }
  })

  app.delete<{ Params: { id: string; userId: string } }>('/api/supervision/groups/:id/members/:userId', async (request, reply) => {
    const { user } = await authenticate(ctx, request)
    assertMay(null, 'supervisionGroups.manage', { isAdmin: user.isAdmin })
    const group = await findGroup(ctx, request.params.id)
    if (!isOpaqueId(request.params.userId)) {
      throw notFound('memberNotFound', 'No such member')
    }
    await removeGroupMember(ctx, group, request.params.userId, user.id)
    return reply.code(204).send()
  })

  app.post<{ Params: { id: string } }>('/api/cases/:id/supervision-copies', async (request, reply): Promise<CreatedCopyReply> => {
    const { user } = await authenticate(ctx, request)
    const { record } = await loadCaseFor(ctx, request.params.id, user.id, 'supervision.createCopy')
    parseBody(EmptyBody, request.body)
    const { copy, built } = await createSupervisionCopy(ctx, record, user)
    reply.code(201)
    return { copy: await toSummary(ctx, copy, user.id), ...reviewOf(built) }
  })

  app.get('/api/supervision-copies', async (request): Promise<SupervisionCopiesReply> => {
    const { user } = await authenticate(ctx, request)
    const copies = await ctx.storage.listSupervisionCopiesForUser(user.id)
    const summaries = await Promise.all(copies.map((copy) => toSummary(ctx, copy, user.id)))
    // A draft of a case its author no longer coaches is not theirs any more.
    return { copies: summaries.filter((summary) => summary.access.copy !== 'none') }
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
    const { copy, built } = await redactCopy(ctx, old, caseRecord, body.texts, user)
    reply.code(201)
    return { copy: await toSummary(ctx, copy, user.id), ...reviewOf(built) }
  })

  app.post<{ Params: { id: string } }>('/api/supervision-copies/:id/release', async (request): Promise<SupervisionCopyReply> => {
    const { user } = await authenticate(ctx, request)
    const body = parseBody(ReleaseCopyBody, request.body)
    // As for redactions: the author, still a coach of the source case (a released copy answers 409).
    const { copy } = await loadOwnDraft(ctx, request.params.id, user)
    const released = await releaseCopy(ctx, copy, body.groupId, user.id)
    return { copy: await toSummary(ctx, released, user.id) }
  })
}
