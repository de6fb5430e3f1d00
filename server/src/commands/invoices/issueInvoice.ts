/**
 * Issuing an invoice from its draft and cancelling one (issue 18). The draft
 * is built again at issue time and must be the one the caller saw (its
 * digest); the store allocates the number inside the transaction. An issued
 * invoice is never changed: a cancellation (Storno) is a new document with
 * its own number, the original's lines negated, and frees the months it
 * billed. Both outlive the erasure of their cases until the end of the year
 * of issue plus BILLING_RETENTION_YEARS.
 */
import type { IssueInvoiceBody } from '../../../../shared/src/api/invoices.js'
import { newId } from '../../ids.js'
import type { AuditRecord } from '../../storage/audit/AuditStorage.js'
import type { InvoiceRecord, NewInvoice } from '../../storage/invoices/InvoiceStorage.js'
import type { UserRecord } from '../../storage/users/UserStorage.js'
import type { Services } from '../../services/Services.js'
import { auditEntry } from '../audit.js'
import { billingRetainUntil } from '../billingRecords.js'
import { ConflictError, NotFoundError } from '../errors.js'
import { draftInvoice, mayBillCase, type InvoicePorts } from './draftInvoice.js'

/** The last day a document issued at `issuedAt` is kept (§ 147(4) AO, § 14b UStG: from the end of the year of issue). */
export function invoiceRetainUntil(issuedAt: string, years: number): string {
  return billingRetainUntil(issuedAt.slice(0, 10), years)
}

/** Issues the caller's draft of a funding body and month; 409 when it changed or cannot be issued. */
export async function issueInvoice(services: Services<InvoicePorts>, caller: UserRecord, body: IssueInvoiceBody, retentionYears: number): Promise<InvoiceRecord> {
  const draft = await draftInvoice(services, caller, body.fundingBodyId, body.month)
  if (draft.digest !== body.digest) {
    throw new ConflictError('invoiceDraftChanged', 'The draft changed since it was read')
  }
  if (draft.problems.length > 0 || draft.currency === null) {
    throw new ConflictError('invoiceNotIssuable', `The draft cannot be issued: ${draft.problems.join(', ')}`)
  }
  const now = services.clock()
  const issuedAt = now.toISOString()
  const caseIds = [...new Set(draft.lines.map((line) => line.caseId))].sort()
  const invoice: NewInvoice = {
    id: newId(),
    kind: 'invoice',
    cancelsId: null,
    fundingBodyId: body.fundingBodyId,
    month: body.month,
    issuedAt,
    issuedBy: caller.id,
    retainUntil: invoiceRetainUntil(issuedAt, retentionYears),
    details: {
      fundingBody: draft.fundingBody,
      currency: draft.currency,
      lines: draft.lines,
      totalCents: draft.totalCents,
      issuedByName: caller.name,
      reason: '',
      cancelsNumber: null,
    },
    caseIds,
  }
  const audit = (issued: { number: string }): AuditRecord[] =>
    caseIds.map((caseId) => auditEntry(caseId, 'invoiceIssued', caller.id, now, { invoiceId: invoice.id, number: issued.number, month: body.month }))
  // The number is allocated inside the transaction: the audit entries are made there.
  const issued = await services.storage.issueInvoice(invoice, caseIds.map((caseId) => ({ caseId, month: body.month })), audit)
  if (typeof issued === 'string') {
    throw new ConflictError('invoiceDraftChanged', 'A month of the draft was billed in the meantime')
  }
  services.logger.info({ invoiceId: issued.id, number: issued.number, lines: issued.details.lines.length, by: caller.id }, 'invoice issued')
  return issued
}

/** An issued document the caller may see: every case it bills must be one the caller may bill; 404 otherwise (no leak). */
export async function findInvoiceFor(services: Services<InvoicePorts>, caller: UserRecord, id: string): Promise<InvoiceRecord> {
  const invoice = await services.storage.findInvoice(id)
  if (invoice === null) {
    throw new NotFoundError('invoiceNotFound', 'No such invoice')
  }
  for (const caseId of invoice.caseIds) {
    if (!(await mayBillCase(services, caller, caseId))) {
      throw new NotFoundError('invoiceNotFound', 'No such invoice')
    }
  }
  return invoice
}

/** Cancels an invoice with a new document (Storno); 409 for a cancellation or an invoice cancelled already. */
export async function cancelInvoice(services: Services<InvoicePorts>, caller: UserRecord, id: string, reason: string, retentionYears: number): Promise<InvoiceRecord> {
  const original = await findInvoiceFor(services, caller, id)
  if (original.kind === 'cancellation') {
    throw new ConflictError('invoiceIsCancellation', 'A cancellation cannot be cancelled')
  }
  if (original.cancelledBy !== null) {
    throw new ConflictError('invoiceCancelled', 'The invoice is cancelled already')
  }
  const now = services.clock()
  const issuedAt = now.toISOString()
  const cancellation: NewInvoice = {
    id: newId(),
    kind: 'cancellation',
    cancelsId: original.id,
    fundingBodyId: original.fundingBodyId,
    month: original.month,
    issuedAt,
    issuedBy: caller.id,
    retainUntil: invoiceRetainUntil(issuedAt, retentionYears),
    details: {
      ...original.details,
      lines: original.details.lines.map((line) => ({ ...line, amountCents: -line.amountCents })),
      totalCents: -original.details.totalCents,
      issuedByName: caller.name,
      reason,
      cancelsNumber: original.number,
    },
    caseIds: original.caseIds,
  }
  const audit = ({ number }: { number: string }): AuditRecord[] =>
    original.caseIds.map((caseId) => auditEntry(caseId, 'invoiceCancelled', caller.id, now, { invoiceId: cancellation.id, number, cancels: original.number }))
  const issued = await services.storage.issueInvoice(cancellation, [], audit)
  if (typeof issued === 'string') {
    throw new ConflictError('invoiceCancelled', 'The invoice is cancelled already')
  }
  services.logger.info({ invoiceId: issued.id, number: issued.number, cancels: original.id, by: caller.id }, 'invoice cancelled')
  return issued
}
