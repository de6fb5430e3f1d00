/** The caseload page's server summaries (issue 16). */
import type { FastifyInstance } from 'fastify'
import type { CaseloadSummariesReply } from '../../../../shared/src/api/caseloadSummaries.js'
import { caseloadSummaries } from '../../commands/caseloadSummaries.js'
import type { CaseStorage } from '../../storage/cases/CaseStorage.js'
import type { MemberStorage } from '../../storage/members/MemberStorage.js'
import type { SessionStorage } from '../../storage/sessions/SessionStorage.js'
import type { AppContext } from '../AppContext.js'
import { authenticate } from '../authenticate.js'

/** The storage ports this module uses. */
type Ports = CaseStorage & MemberStorage & SessionStorage

export function registerCaseloadRoutes(app: FastifyInstance, ctx: AppContext<Ports>): void {
  app.get('/api/caseload/summaries', async (request): Promise<CaseloadSummariesReply> => {
    const { user } = await authenticate(ctx, request)
    return { summaries: await caseloadSummaries(ctx, user.id) }
  })
}
