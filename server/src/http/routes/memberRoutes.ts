/** Case members: add and remove (coaches only; coaches must be staff), with live re-checks of open connections. */
import type { FastifyInstance } from 'fastify'
import { AddMemberBody, type MemberReply } from '../../../../shared/src/api/cases.js'
import { toApiMember } from '../../api/toApi.js'
import { addMember, removeMember } from '../../commands/members.js'
import type { AppContext } from '../AppContext.js'
import { authenticate } from '../authenticate.js'
import { parseBody } from '../parseBody.js'
import { loadCaseFor } from './caseAccess.js'
import type { CaseStorage } from '../../storage/cases/CaseStorage.js'
import type { ConsentStorage } from '../../storage/consents/ConsentStorage.js'
import type { MemberStorage } from '../../storage/members/MemberStorage.js'
import type { SessionStorage } from '../../storage/sessions/SessionStorage.js'
import type { UserStorage } from '../../storage/users/UserStorage.js'

/** The storage ports this module uses. */
type Ports = CaseStorage & ConsentStorage & MemberStorage & SessionStorage & UserStorage

export function registerMemberRoutes(app: FastifyInstance, ctx: AppContext<Ports>): void {
  app.post<{ Params: { id: string } }>('/api/cases/:id/members', async (request, reply): Promise<MemberReply> => {
    const { user } = await authenticate(ctx, request)
    const { record } = await loadCaseFor(ctx, request.params.id, user.id, 'members.add')
    const body = parseBody(AddMemberBody, request.body)
    const member = await addMember(ctx, record, body, user.id)
    reply.code(201)
    return { member: toApiMember(member) }
  })

  app.delete<{ Params: { id: string; memberId: string } }>('/api/cases/:id/members/:memberId', async (request, reply) => {
    const { user } = await authenticate(ctx, request)
    const { record } = await loadCaseFor(ctx, request.params.id, user.id, 'members.remove')
    // Closes the removed member's open connections with 4403 and ends their event streams at once.
    await removeMember(ctx, record, request.params.memberId, user.id)
    return reply.code(204).send()
  })
}
