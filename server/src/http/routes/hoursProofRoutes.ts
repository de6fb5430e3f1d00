/**
 * The monthly proof of hours (issue 18 point 2, shared/src/api/hoursProof.ts):
 * every member of the case reads its months (the policy's hoursProof.read;
 * an admin without membership too), the employer, the coachee and the
 * guardian confirm them in their own role (hoursProof.confirm; never a coach
 * in their name). Downloads as PDF and CSV.
 */
import type { FastifyInstance } from 'fastify'
import { ConfirmMonthBody, ProofFormatQuery, type ConfirmingRole, type HoursProofListReply, type MonthProofReply } from '../../../../shared/src/api/hoursProof.js'
import { ProofMonth } from '../../../../shared/src/hoursProof/monthProof.js'
import { isOpaqueId } from '../../../../shared/src/ids.js'
import { can } from '../../../../shared/src/policy/actions.js'
import type { CaseRole } from '../../../../shared/src/policy/access.js'
import { confirmMonth, listProofMonths, readMonthProof, type HoursProofPorts } from '../../commands/hoursProof.js'
import { proofCsv } from '../../hoursProof/proofCsv.js'
import { proofPdf } from '../../hoursProof/proofPdf.js'
import type { CaseStorage, CaseRecord } from '../../storage/cases/CaseStorage.js'
import type { MemberStorage } from '../../storage/members/MemberStorage.js'
import type { SessionStorage } from '../../storage/sessions/SessionStorage.js'
import type { UserRecord } from '../../storage/users/UserStorage.js'
import type { AppContext } from '../AppContext.js'
import { assertMay } from '../assertMay.js'
import { authenticate } from '../authenticate.js'
import { forbidden, notFound } from '../errors.js'
import { parseBody } from '../parseBody.js'
import { loadCaseOfMember } from './caseAccess.js'

type Ports = CaseStorage & MemberStorage & SessionStorage & HoursProofPorts

/** The case and the caller's role in it (null: an admin who is no member); 404 for others. */
async function loadCaseForProof(ctx: AppContext<Ports>, caseId: string, user: UserRecord): Promise<{ record: CaseRecord; role: CaseRole | null }> {
  const member = isOpaqueId(caseId) ? await ctx.storage.findMember(caseId, user.id) : null
  if (member === null && can(null, 'hoursProof.read', { isAdmin: user.isAdmin })) {
    const record = isOpaqueId(caseId) ? await ctx.storage.findCase(caseId) : null
    if (record === null) {
      throw notFound('caseNotFound', 'No such case')
    }
    return { record, role: null }
  }
  const { record, member: found } = await loadCaseOfMember(ctx, caseId, user.id)
  assertMay(found.role, 'hoursProof.read', { isAdmin: user.isAdmin })
  return { record, role: found.role }
}

/** The role the caller confirms in, or null. */
function confirmAsOf(role: CaseRole | null): ConfirmingRole | null {
  return role !== null && role !== 'coach' && can(role, 'hoursProof.confirm') ? role : null
}

function monthParam(value: string): string {
  const parsed = ProofMonth.safeParse(value)
  if (!parsed.success) {
    throw notFound('hoursMonthNotFound', 'No such month')
  }
  return parsed.data
}

export function registerHoursProofRoutes(app: FastifyInstance, ctx: AppContext<Ports>): void {
  app.get<{ Params: { id: string } }>('/api/cases/:id/hours-proof', async (request): Promise<HoursProofListReply> => {
    const { user } = await authenticate(ctx, request)
    const { record, role } = await loadCaseForProof(ctx, request.params.id, user)
    return { months: await listProofMonths(ctx, record.id), confirmAs: confirmAsOf(role) }
  })

  // One route for the page's JSON and both downloads (?format=pdf|csv).
  app.get<{ Params: { id: string; month: string } }>('/api/cases/:id/hours-proof/:month', async (request, reply) => {
    const { user } = await authenticate(ctx, request)
    const { record, role } = await loadCaseForProof(ctx, request.params.id, user)
    const { format } = parseBody(ProofFormatQuery, request.query)
    const proof: MonthProofReply = { ...(await readMonthProof(ctx, record, monthParam(request.params.month))), confirmAs: confirmAsOf(role) }
    const fileName = `stundennachweis-${proof.month}`
    if (format === 'pdf') {
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="${fileName}.pdf"`)
        .header('cache-control', 'no-store')
        .send(await proofPdf(proof))
    }
    if (format === 'csv') {
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${fileName}.csv"`)
        .header('cache-control', 'no-store')
        .send(proofCsv(proof))
    }
    return proof
  })

  app.post<{ Params: { id: string; month: string } }>('/api/cases/:id/hours-proof/:month/confirm', async (request): Promise<MonthProofReply> => {
    const { user } = await authenticate(ctx, request)
    const { record, member } = await loadCaseOfMember(ctx, request.params.id, user.id)
    assertMay(member.role, 'hoursProof.confirm', { isAdmin: user.isAdmin })
    const role = confirmAsOf(member.role)
    if (role === null) {
      throw forbidden('hoursProofConfirmers', 'Only the employer, the coachee or the guardian confirm the hours of a month')
    }
    const month = monthParam(request.params.month)
    const body = parseBody(ConfirmMonthBody, request.body)
    await confirmMonth(ctx, record.id, month, { accountId: user.id, role }, body.entriesHash)
    return { ...(await readMonthProof(ctx, record, month)), confirmAs: role }
  })
}
