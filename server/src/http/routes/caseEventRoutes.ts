/** `GET /api/cases/:id/events` (members): the case event stream (shared/src/api/caseEvents.ts). */
import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../AppContext.js'
import { authenticate } from '../authenticate.js'
import { loadCaseOfMember } from './caseAccess.js'
import type { CaseStorage } from '../../storage/cases/CaseStorage.js'
import type { MemberStorage } from '../../storage/members/MemberStorage.js'
import type { SessionStorage } from '../../storage/sessions/SessionStorage.js'

/** The storage ports this module uses. */
type Ports = CaseStorage & MemberStorage & SessionStorage

export function registerCaseEventRoutes(app: FastifyInstance, ctx: AppContext<Ports>): void {
  app.get<{ Params: { id: string } }>('/api/cases/:id/events', async (request, reply) => {
    const { user, session } = await authenticate(ctx, request)
    const { record } = await loadCaseOfMember(ctx, request.params.id, user.id)
    // From here on the response is ours: fastify neither serialises nor ends it.
    reply.hijack()
    ctx.events.open(reply.raw, { caseId: record.id, userId: user.id, sessionHash: session.tokenHash })
    ctx.logger.debug({ caseId: record.id, userId: user.id }, 'case event stream opened')
  })
}
