/**
 * The anonymised final report of a closed case for the caller's own pool
 * application (issue 20 point 7; shared/src/api/finalReportExport.ts lists
 * the endpoints). A coach of the case only (shared policy
 * `report.exportAnonymised`, 404 for non-members), with a pool application
 * of their own (`pool.own`: staff accounts); an open case is refused (409).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { ApproveFinalReportBody, FinalReportDraftBody, type ApproveFinalReportReply, type FinalReportDraftReply } from '../../../../shared/src/api/finalReportExport.js'
import { approveFinalReport, finalReportDraft, type ExportSource } from '../../commands/finalReportExport.js'
import { toApiApplication } from '../../commands/pool/view.js'
import type { Storage, UserRecord } from '../../storage/Storage.js'
import type { AppContext } from '../AppContext.js'
import { assertMay } from '../assertMay.js'
import { authenticate } from '../authenticate.js'
import { parseBody } from '../parseBody.js'
import { loadCaseFor } from './caseAccess.js'
import { caseFlow } from './caseRoutes.js'

export function registerFinalReportExportRoutes(app: FastifyInstance, ctx: AppContext<Storage>): void {
  /** The caller and the case, once they may make its anonymised report for their own application. */
  const authorise = async (request: FastifyRequest<{ Params: { id: string } }>): Promise<{ user: UserRecord; source: ExportSource }> => {
    const { user } = await authenticate(ctx, request)
    const { record } = await loadCaseFor(ctx, request.params.id, user.id, 'report.exportAnonymised')
    assertMay(null, 'pool.own', { isStaff: user.kind === 'staff' })
    return { user, source: { record, flow: caseFlow(ctx.config, record) } }
  }

  app.post<{ Params: { id: string } }>('/api/cases/:id/final-report-export/draft', async (request): Promise<FinalReportDraftReply> => {
    const { user, source } = await authorise(request)
    const body = parseBody(FinalReportDraftBody, request.body ?? {})
    const draft = await finalReportDraft(ctx, source, body.redactions, user.id)
    return { draft: { lines: draft.lines, replacements: draft.replacements, legend: draft.legend, draftHash: draft.draftHash, alreadyExported: draft.alreadyExported } }
  })

  app.post<{ Params: { id: string } }>('/api/cases/:id/final-report-export/approve', async (request, reply): Promise<ApproveFinalReportReply> => {
    const { user, source } = await authorise(request)
    const body = parseBody(ApproveFinalReportBody, request.body)
    const approved = await approveFinalReport(ctx, source, body.redactions, body.draftHash, user, ctx.config.attachmentMaxBytes)
    reply.code(201)
    return { application: await toApiApplication(ctx, approved.application), evidenceId: approved.evidenceId }
  })
}
