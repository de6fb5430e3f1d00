/**
 * `GET /api/cases/:id/rooms/:kind/authors` (issue 17): the accounts bound to
 * the Yjs client ids of a case document, for whoever may read the document,
 * so the client shows who really wrote a comment (shared/src/comments/authorship.ts).
 */
import type { FastifyInstance } from 'fastify'
import { AuthorRoomKind, type RoomAuthorsReply } from '../../../../shared/src/api/roomAuthors.js'
import { canRead } from '../../../../shared/src/policy/access.js'
import { formatRoomName } from '../../../../shared/src/protocol/roomName.js'
import { caseRoomAccess } from '../../access/roomAccess.js'
import type { AppContext } from '../AppContext.js'
import { authenticate } from '../authenticate.js'
import { forbidden, notFound } from '../errors.js'
import { loadCaseOfMember } from './caseAccess.js'
import type { CaseStorage } from '../../storage/cases/CaseStorage.js'
import type { MemberStorage } from '../../storage/members/MemberStorage.js'
import type { ClientIdStorage } from '../../storage/rooms/RoomStorage.js'
import type { SessionStorage } from '../../storage/sessions/SessionStorage.js'

/** The storage ports this module uses. */
type Ports = CaseStorage & ClientIdStorage & MemberStorage & SessionStorage

export function registerRoomAuthorRoutes(app: FastifyInstance, ctx: AppContext<Ports>): void {
  app.get<{ Params: { id: string; kind: string } }>('/api/cases/:id/rooms/:kind/authors', async (request): Promise<RoomAuthorsReply> => {
    const { user } = await authenticate(ctx, request)
    const kind = AuthorRoomKind.safeParse(request.params.kind)
    if (!kind.success) {
      throw notFound('roomNotFound', 'No such room')
    }
    const { record, member } = await loadCaseOfMember(ctx, request.params.id, user.id)
    const room = { kind: kind.data, caseId: record.id } as const
    // The same rule as opening the room: who may read the document may know who wrote it.
    if (!canRead(caseRoomAccess(room, member.role, record))) {
      throw forbidden('documentNotReadable', 'You cannot read this document')
    }
    const bindings = await ctx.storage.clientIdBindingsOf(formatRoomName(room))
    return { authors: bindings.map((binding) => ({ clientId: binding.clientId, userId: binding.userId, name: binding.userName })) }
  })
}
