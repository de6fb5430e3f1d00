/** Issued invoices (issue 18) as the API shows them (shared/src/api/invoices.ts). */
import type { Invoice, InvoiceSummary } from '../../../shared/src/api/invoices.js'
import type { InvoiceRecord } from '../storage/invoices/InvoiceStorage.js'

export function toApiInvoiceSummary(record: InvoiceRecord): InvoiceSummary {
  const { details } = record
  return {
    id: record.id,
    number: record.number,
    kind: record.kind,
    month: record.month,
    fundingBody: details.fundingBody,
    currency: details.currency,
    totalCents: details.totalCents,
    issuedAt: record.issuedAt,
    issuedByName: details.issuedByName,
    cancels: record.cancelsId === null ? null : { id: record.cancelsId, number: details.cancelsNumber ?? '' },
    reason: details.reason,
    cancelledBy: record.cancelledBy,
    retainUntil: record.retainUntil,
  }
}

export function toApiInvoice(record: InvoiceRecord): Invoice {
  return { ...toApiInvoiceSummary(record), lines: record.details.lines }
}
