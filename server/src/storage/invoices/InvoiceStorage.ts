/**
 * Issued invoices and cancellations (issue 18, billing): records and port.
 * Insert-only: an issued document is never updated; a cancellation is a
 * document of its own that names the original. Numbers are allocated inside
 * the issuing transaction (no gaps, no duplicates across processes).
 */
import type { Currency } from '../../../../shared/src/api/funding.js'
import type { FundingBodyOnInvoice, InvoiceLine } from '../../../../shared/src/api/invoices.js'
import type { AuditOf } from '../audit/AuditStorage.js'

/** The sealed part of an invoice: everything a reader of the document sees beyond number and dates. */
export interface InvoiceDetails {
  fundingBody: FundingBodyOnInvoice
  currency: Currency
  lines: InvoiceLine[]
  totalCents: number
  /** The issuer's name as it was (an invoice never changes with a renamed account). */
  issuedByName: string
  /** A cancellation's reason (empty for an invoice). */
  reason: string
  /** A cancellation: the number of the invoice it cancels. */
  cancelsNumber: string | null
}

/** An issued document. */
export interface InvoiceRecord {
  id: string
  /** `YYYY-NNNNN` (shared/src/billing/invoiceNumbers.ts). */
  number: string
  year: number
  seq: number
  kind: 'invoice' | 'cancellation'
  cancelsId: string | null
  fundingBodyId: string
  month: string
  issuedAt: string
  issuedBy: string
  retainUntil: string
  details: InvoiceDetails
  /** The cases it bills (ids only; kept beyond the cases' erasure). */
  caseIds: string[]
  /** An invoice's cancellation, once there is one. */
  cancelledBy: { id: string; number: string } | null
}

/** What issuing needs; number, year and running number are allocated by the store. */
export type NewInvoice = Omit<InvoiceRecord, 'number' | 'year' | 'seq' | 'cancelledBy'>

/** Why an issue was refused (nothing written, no number used). */
export type IssueRefusal = 'alreadyBilled' | 'alreadyCancelled'

/** Filter of the list: the cases a caller may see (null: every case). */
export interface InvoiceFilter {
  caseIds: readonly string[] | null
  fundingBodyId?: string
  month?: string
}

export interface InvoiceStorage {
  /**
   * Issues an invoice (or a cancellation: `cancelsId` set) in one
   * transaction: locks the year's counter row, takes the next number,
   * marks the invoice's case months billed (a cancellation frees its
   * original's), writes the document and `audit` (given the number). 'alreadyBilled' when a
   * month is billed already, 'alreadyCancelled' when the original has a
   * cancellation: nothing written, no number used.
   */
  issueInvoice(invoice: NewInvoice, billedMonths: ReadonlyArray<{ caseId: string; month: string }>, audit?: AuditOf<{ number: string }>): Promise<InvoiceRecord | IssueRefusal>
  findInvoice(id: string): Promise<InvoiceRecord | null>
  /** Issued documents, newest first. */
  listInvoices(filter: InvoiceFilter): Promise<InvoiceRecord[]>
  /** Of `caseIds`, the months billed by an invoice in force, as `caseId -> months`. */
  billedMonths(caseIds: readonly string[]): Promise<Map<string, string[]>>
  /** Removes the documents past their retention; resolves with the years that have no document left (their keys may go). */
  removeExpiredInvoices(today: string): Promise<{ removed: number; emptiedYears: number[] }>
}
