/**
 * Invoices (issue 18, shared/src/api/invoices.ts): the draft of a funding
 * body and month, issuing it, the issued documents with their PDF and CSV,
 * and cancellation. Who: the action policy's `invoices.read` /
 * `invoices.issue` — the coaches of a case for its lines, staff with the
 * billing flag for every case; the employer, the coachee and staff without
 * either are refused (403). An issued document is never changed: a change
 * is refused (409 `invoiceIssued`); cancel it instead.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { CancelInvoiceBody, DraftQuery, IssueInvoiceBody, type InvoiceDraftReply, type InvoiceReply, type InvoicesReply } from '../../../../shared/src/api/invoices.js'
import { isOpaqueId } from '../../../../shared/src/ids.js'
import { can, type Action } from '../../../../shared/src/policy/actions.js'
import { toApiInvoice, toApiInvoiceSummary } from '../../api/toApiInvoice.js'
import { draftInvoice, type InvoicePorts } from '../../commands/invoices/draftInvoice.js'
import { cancelInvoice, findInvoiceFor, issueInvoice } from '../../commands/invoices/issueInvoice.js'
import { invoiceCsv } from '../../invoices/invoiceCsv.js'
import { invoicePdf } from '../../invoices/invoicePdf.js'
import type { SessionStorage } from '../../storage/sessions/SessionStorage.js'
import type { UserRecord } from '../../storage/users/UserStorage.js'
import type { AppContext } from '../AppContext.js'
import { assertMay } from '../assertMay.js'
import { authenticate } from '../authenticate.js'
import { conflict, notFound } from '../errors.js'
import { parseBody } from '../parseBody.js'

/** The storage ports this module uses. */
type Ports = InvoicePorts & SessionStorage

/** The cases the caller bills as a coach (null: every case, with the billing flag). */
async function billableScope(ctx: AppContext<Ports>, user: UserRecord, action: Action): Promise<string[] | null> {
  if (can(null, action, { isBilling: user.isBilling })) {
    return null
  }
  const cases = await ctx.storage.listCasesOfUser(user.id)
  const billable = cases.filter(({ role }) => can(role, action, { isBilling: user.isBilling }))
  // Neither the flag nor a case to bill: refused by the policy, named by the caller's role in its cases.
  assertMay(billable.length > 0 ? 'coach' : (cases[0]?.role ?? null), action, { isBilling: user.isBilling })
  return billable.map(({ record }) => record.id)
}

async function caller(ctx: AppContext<Ports>, request: FastifyRequest, action: Action): Promise<{ user: UserRecord; scope: string[] | null }> {
  const { user } = await authenticate(ctx, request)
  return { user, scope: await billableScope(ctx, user, action) }
}

function invoiceId(request: FastifyRequest<{ Params: { id: string } }>): string {
  if (!isOpaqueId(request.params.id)) {
    throw notFound('invoiceNotFound', 'No such invoice')
  }
  return request.params.id
}

export function registerInvoiceRoutes(app: FastifyInstance, ctx: AppContext<Ports>): void {
  app.get('/api/invoices/draft', async (request): Promise<InvoiceDraftReply> => {
    const { user } = await caller(ctx, request, 'invoices.read')
    const query = parseBody(DraftQuery, request.query)
    return { draft: await draftInvoice(ctx, user, query.fundingBodyId, query.month) }
  })

  app.post('/api/invoices', async (request, reply): Promise<InvoiceReply> => {
    const { user } = await caller(ctx, request, 'invoices.issue')
    const body = parseBody(IssueInvoiceBody, request.body)
    const issued = await issueInvoice(ctx, user, body, ctx.config.billingRetentionYears)
    reply.code(201)
    return { invoice: toApiInvoice(issued) }
  })

  app.get('/api/invoices', async (request): Promise<InvoicesReply> => {
    const { scope } = await caller(ctx, request, 'invoices.read')
    return { invoices: (await ctx.storage.listInvoices({ caseIds: scope })).map(toApiInvoiceSummary) }
  })

  app.get<{ Params: { id: string } }>('/api/invoices/:id', async (request): Promise<InvoiceReply> => {
    const { user } = await caller(ctx, request, 'invoices.read')
    return { invoice: toApiInvoice(await findInvoiceFor(ctx, user, invoiceId(request))) }
  })

  app.get<{ Params: { id: string } }>('/api/invoices/:id/pdf', async (request, reply) => {
    const { user } = await caller(ctx, request, 'invoices.read')
    const invoice = await findInvoiceFor(ctx, user, invoiceId(request))
    return reply
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="rechnung-${invoice.number}.pdf"`)
      .send(await invoicePdf(invoice))
  })

  app.get<{ Params: { id: string } }>('/api/invoices/:id/csv', async (request, reply) => {
    const { user } = await caller(ctx, request, 'invoices.read')
    const invoice = await findInvoiceFor(ctx, user, invoiceId(request))
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="rechnung-${invoice.number}.csv"`).send(invoiceCsv(invoice))
  })

  app.post<{ Params: { id: string } }>('/api/invoices/:id/cancel', async (request, reply): Promise<InvoiceReply> => {
    const { user } = await caller(ctx, request, 'invoices.issue')
    const body = parseBody(CancelInvoiceBody, request.body)
    const cancellation = await cancelInvoice(ctx, user, invoiceId(request), body.reason, ctx.config.billingRetentionYears)
    reply.code(201)
    return { invoice: toApiInvoice(cancellation) }
  })

  // An issued document never changes (§ 14 UStG; issue 18): refused for whoever may see it.
  for (const method of ['PATCH', 'PUT', 'DELETE'] as const) {
    app.route<{ Params: { id: string } }>({
      method,
      url: '/api/invoices/:id',
      handler: async (request) => {
        const { user } = await caller(ctx, request, 'invoices.issue')
        await findInvoiceFor(ctx, user, invoiceId(request))
        throw conflict('invoiceIssued', 'An issued invoice is never changed; cancel it instead')
      },
    })
  }
}
