/** The invoices API (issue 18, shared/src/api/invoices.ts): drafts, issuing, issued documents, cancellation. */
import { InvoiceDraftReply, InvoiceReply, InvoicesReply, type IssueInvoiceBody } from '../../../shared/src/api/invoices.js'
import { request } from './http.js'

const invoiceUrl = (id: string): string => `/api/invoices/${encodeURIComponent(id)}`

export const invoiceApi = {
  draft: (fundingBodyId: string, month: string) =>
    request(`/api/invoices/draft?fundingBodyId=${encodeURIComponent(fundingBodyId)}&month=${encodeURIComponent(month)}`, { reply: InvoiceDraftReply }),
  issue: (body: IssueInvoiceBody) => request('/api/invoices', { method: 'POST', body, reply: InvoiceReply }),
  list: () => request('/api/invoices', { reply: InvoicesReply }),
  invoice: (id: string) => request(invoiceUrl(id), { reply: InvoiceReply }),
  cancel: (id: string, reason: string) => request(`${invoiceUrl(id)}/cancel`, { method: 'POST', body: { reason }, reply: InvoiceReply }),
}

/** Downloads of an issued document. */
export const invoicePdfUrl = (id: string): string => `${invoiceUrl(id)}/pdf`
export const invoiceCsvUrl = (id: string): string => `${invoiceUrl(id)}/csv`
