/**
 * The data-protection lifecycle of a case (issue 10): closing (read-only for
 * everyone, retention starts), erasure on request (`DELETE /api/cases/:id`,
 * a coach or an admin), and the coachee's data export (GDPR Art. 15) with its
 * published JSON Schema.
 */
import type { PoolApplicantLookup } from '../../storage/pool/PoolInvitationStorage.js'
import type { FastifyInstance } from 'fastify'
import { CaseExportQuery, caseExportJsonSchema } from '../../../../shared/src/api/caseExport.js'
import { CloseCaseBody, type CaseReply } from '../../../../shared/src/api/cases.js'
import { isOpaqueId } from '../../../../shared/src/ids.js'
import { can } from '../../../../shared/src/policy/actions.js'
import { closeCase } from '../../commands/cases.js'
import { eraseCase } from '../../commands/eraseCase.js'
import { exportCaseData } from '../../commands/exportCaseData.js'
import { exportWriter, isTimeZone } from '../../export/exportFormat.js'
import { renderExportHtml } from '../../export/renderExportHtml.js'
import type { AppContext } from '../AppContext.js'
import { authenticate } from '../authenticate.js'
import { forbidden, invalidRequest, notFound } from '../errors.js'
import { assertMay } from '../assertMay.js'
import { parseBody } from '../parseBody.js'
import { loadCaseFor, loadCaseOfMember } from './caseAccess.js'
import { caseDetail } from './caseRoutes.js'
import type { AgreementStorage } from '../../storage/agreements/AgreementStorage.js'
import type { AttachmentStorage } from '../../storage/attachments/AttachmentStorage.js'
import type { AuditStorage } from '../../storage/audit/AuditStorage.js'
import type { CaseStorage } from '../../storage/cases/CaseStorage.js'
import type { ReleaseStorage } from '../../storage/releases/ReleaseStorage.js'
import type { ErasureStorage } from '../../storage/erasure/ErasureStorage.js'
import type { ConsentStorage } from '../../storage/consents/ConsentStorage.js'
import type { FundingStorage } from '../../storage/funding/FundingStorage.js'
import type { RequestStorage } from '../../storage/requests/RequestStorage.js'
import type { MemberStorage } from '../../storage/members/MemberStorage.js'
import type { SessionStorage } from '../../storage/sessions/SessionStorage.js'
import type { SupervisionCopyStorage, SupervisionGroupStorage } from '../../storage/supervision/SupervisionStorage.js'
import type { HoursProofStorage } from '../../storage/hoursProof/HoursProofStorage.js'
import type { JobSearchStorage } from '../../storage/jobSearch/JobSearchStorage.js'
import type { UserStorage } from '../../storage/users/UserStorage.js'

/** The storage ports this module uses. */
type Ports = AgreementStorage & AttachmentStorage & AuditStorage & CaseStorage & ConsentStorage & ReleaseStorage & ErasureStorage & FundingStorage & HoursProofStorage & JobSearchStorage & MemberStorage & RequestStorage & SessionStorage & SupervisionCopyStorage & SupervisionGroupStorage & UserStorage & PoolApplicantLookup

export function registerLifecycleRoutes(app: FastifyInstance, ctx: AppContext<Ports>): void {
  app.post<{ Params: { id: string } }>('/api/cases/:id/close', async (request): Promise<CaseReply> => {
    const { user } = await authenticate(ctx, request)
    const { record, member } = await loadCaseFor(ctx, request.params.id, user.id, 'case.close')
    parseBody(CloseCaseBody, request.body)
    const closed = await closeCase(ctx, record, user.id)
    return { case: await caseDetail(ctx, closed, member) }
  })

  app.delete<{ Params: { id: string } }>('/api/cases/:id', async (request, reply) => {
    const { user } = await authenticate(ctx, request)
    const caseId = request.params.id
    if (!isOpaqueId(caseId)) {
      throw notFound('caseNotFound', 'No such case')
    }
    // An admin may erase any case on request (the admin flag opens none);
    // otherwise only its coaches, and non-members learn nothing.
    if (!can(null, 'case.erase', { isAdmin: user.isAdmin })) {
      const { member } = await loadCaseOfMember(ctx, caseId, user.id)
      assertMay(member.role, 'case.erase', { isAdmin: user.isAdmin })
    }
    if (!(await eraseCase(ctx, caseId, 'request', user.id, ctx.config.billingRetentionYears))) {
      throw notFound('caseNotFound', 'No such case')
    }
    return reply.code(204).send()
  })

  app.get<{ Params: { id: string } }>('/api/cases/:id/export', async (request, reply) => {
    const { user } = await authenticate(ctx, request)
    const { record, member } = await loadCaseOfMember(ctx, request.params.id, user.id)
    const query = parseBody(CaseExportQuery, request.query)
    const members = await ctx.storage.listMembers(record.id)
    // The coachee exports their own data; a coach any coachee's, on their behalf.
    assertMay(member.role, 'export.read', { isSelf: true })
    let subject
    if (!can(member.role, 'export.read', { isSelf: false })) {
      if (query.memberId !== undefined && query.memberId !== member.id) {
        throw forbidden('ownDataOnly', 'You can download your own data only')
      }
      subject = members.find((candidate) => candidate.id === member.id)
    } else {
      const coachees = members.filter((candidate) => candidate.role === 'coachee')
      if (query.memberId === undefined && coachees.length > 1) {
        throw invalidRequest('memberId: this case has several coachees; name one', 'severalCoachees')
      }
      subject = query.memberId === undefined ? coachees[0] : coachees.find((candidate) => candidate.id === query.memberId)
      if (!subject) {
        throw query.memberId === undefined ? notFound('noCoachee', 'This case has no coachee yet') : notFound('memberNotFound', 'No such coachee')
      }
    }
    if (!subject) {
      throw notFound('memberNotFound', 'No such member')
    }
    const data = await exportCaseData(ctx, {
      record,
      subject,
      exportedBy: { user, role: member.role },
      format: query.format,
      retentionYears: ctx.config.retentionYears,
    })
    const fileName = `fallbuch-auskunft-${data.exportedAt.slice(0, 10)}.${query.format}`
    // The page opens in the browser (to read and print as PDF); the JSON downloads.
    void reply
      .header('content-disposition', `${query.format === 'html' ? 'inline' : 'attachment'}; filename="${fileName}"`)
      .header('cache-control', 'no-store')
    if (query.format === 'html') {
      // The reader's zone when their browser named a valid one, else the service's; Swiss spelling for a Swiss service.
      const timeZone = query.tz !== undefined && isTimeZone(query.tz) ? query.tz : ctx.config.timeZone
      const language = query.lang ?? (ctx.config.serviceCountry === 'CH' ? 'de-CH' : 'de')
      return reply.type('text/html; charset=utf-8').send(renderExportHtml(data, exportWriter(language, timeZone, ctx.config.coacheeTerm)))
    }
    return reply.type('application/json; charset=utf-8').send(JSON.stringify(data, null, 2))
  })

  app.get('/api/export/case-export.schema.json', async (_request, reply) => {
    return reply.type('application/schema+json; charset=utf-8').send(JSON.stringify(caseExportJsonSchema(), null, 2))
  })
}
