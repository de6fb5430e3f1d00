/** `GET /api/cases/:id/audit` (coaches only): the case's audit log, newest first. */
import type { FastifyInstance } from 'fastify'
import type { AuditReply } from '../../../../shared/src/api/audit.js'
import type { AppContext } from '../AppContext.js'
import { authenticate } from '../authenticate.js'
import { toApiAuditEvent } from '../../api/toApi.js'
import { loadCaseFor } from './caseAccess.js'
import type { AuditStorage } from '../../storage/audit/AuditStorage.js'
import type { CaseStorage } from '../../storage/cases/CaseStorage.js'
import type { MemberStorage } from '../../storage/members/MemberStorage.js'
import type { SessionStorage } from '../../storage/sessions/SessionStorage.js'

/** The storage ports this module uses. */
type Ports = AuditStorage & CaseStorage & MemberStorage & SessionStorage

/** The most events one reply holds. */
export const AuditReplyLimit = 500

export function registerAuditRoutes(app: FastifyInstance, ctx: AppContext<Ports>): void {
  app.get<{ Params: { id: string } }>('/api/cases/:id/audit', async (request): Promise<AuditReply> => {
    const { user } = await authenticate(ctx, request)
    const { record } = await loadCaseFor(ctx, request.params.id, user.id, 'audit.read')
    return { events: (await ctx.storage.listCaseAudit(record.id, AuditReplyLimit)).map(toApiAuditEvent) }
  })
}
