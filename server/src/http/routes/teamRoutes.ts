/**
 * The team lead's routes (issue 22): `GET /api/team/overview`, and
 * `POST /api/team/cases/:id/coaches` {userId, replacesUserId?} (hand over /
 * add a substitute) and `DELETE /api/team/cases/:id/coaches/:userId`. A
 * lead need not be a member of the case; the policy's `team.*` actions
 * (the lead flag) decide, and the route never opens a document for them.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { MemberReply } from '../../../../shared/src/api/cases.js'
import { AssignCoachBody, type TeamOverviewReply } from '../../../../shared/src/api/team.js'
import { isOpaqueId } from '../../../../shared/src/ids.js'
import type { Action } from '../../../../shared/src/policy/actions.js'
import { toApiMember } from '../../api/toApi.js'
import { assignCoach, unassignCoach } from '../../commands/reassignCoach.js'
import { teamOverview, type TeamOverviewPorts } from '../../commands/teamOverview.js'
import type { CaseRecord } from '../../storage/cases/CaseStorage.js'
import type { SessionStorage } from '../../storage/sessions/SessionStorage.js'
import type { AppContext } from '../AppContext.js'
import { assertMay } from '../assertMay.js'
import { authenticateStaff, type Caller } from '../authenticate.js'
import { notFound } from '../errors.js'
import { parseBody } from '../parseBody.js'

/** The storage ports this module uses. */
type Ports = TeamOverviewPorts & SessionStorage

/** The caller, if the policy lets their account do `action` (403 otherwise). */
export async function authenticateFor(ctx: AppContext<SessionStorage>, request: FastifyRequest, action: Action): Promise<Caller> {
  const caller = await authenticateStaff(ctx, request)
  assertMay(null, action, { isLead: caller.user.isLead, isAdmin: caller.user.isAdmin })
  return caller
}

async function findCase(ctx: AppContext<Ports>, id: string): Promise<CaseRecord> {
  const record = isOpaqueId(id) ? await ctx.storage.findCase(id) : null
  if (!record) {
    throw notFound('caseNotFound', 'No such case')
  }
  return record
}

export function registerTeamRoutes(app: FastifyInstance, ctx: AppContext<Ports>): void {
  app.get('/api/team/overview', async (request): Promise<TeamOverviewReply> => {
    await authenticateFor(ctx, request, 'team.overview')
    return await teamOverview(ctx, { tandemShare: ctx.config.tandemShare })
  })

  app.post<{ Params: { id: string } }>('/api/team/cases/:id/coaches', async (request, reply): Promise<MemberReply> => {
    const { user } = await authenticateFor(ctx, request, 'team.reassign')
    const body = parseBody(AssignCoachBody, request.body)
    const member = await assignCoach(ctx, await findCase(ctx, request.params.id), body, user.id)
    reply.code(201)
    return { member: toApiMember(member) }
  })

  app.delete<{ Params: { id: string; userId: string } }>('/api/team/cases/:id/coaches/:userId', async (request, reply) => {
    const { user } = await authenticateFor(ctx, request, 'team.reassign')
    // Closes the coach's open connections with 4403 at once, as removing a member does.
    await unassignCoach(ctx, await findCase(ctx, request.params.id), request.params.userId, user.id)
    return reply.code(204).send()
  })
}
