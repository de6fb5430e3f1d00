/**
 * Invoices (issue 18, billing): a draft per funding body and month from the
 * hours the employer or the coachee confirmed, issued with a number without
 * gaps, never changed afterwards, cancelled only by a cancellation (Storno)
 * with its own number. Server-side data, minimised to what billing needs
 * (file number and the coachee's initials, hours per category, rate,
 * amount); the action policy's `invoices.read` / `invoices.issue`.
 */
import { z } from 'zod'
import { HoursCategories } from '../caseDocument/hoursCategories.js'
import { Limits } from '../limits.js'
import { Id } from './common.js'
import { Currency } from './funding.js'

/** A calendar month, `YYYY-MM`. */
export const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM')

/** What an hour was spent on; `none` for entries from before the categories. */
export const InvoiceHoursKeys = [...HoursCategories, 'none'] as const
export const InvoiceHoursKey = z.enum(InvoiceHoursKeys)
export type InvoiceHoursKey = z.infer<typeof InvoiceHoursKey>

export const AppliedRate = z.object({
  kind: z.enum(['hourly', 'flat']),
  cents: z.number().int().min(0),
  currency: Currency,
  source: z.enum(['approval', 'coach']),
})
export type AppliedRate = z.infer<typeof AppliedRate>

/** One line: one case's hours of the month at one rate. */
export const InvoiceLine = z.object({
  caseId: Id,
  /** The funding body's file number (Aktenzeichen); empty when none is recorded. */
  fileNumber: z.string(),
  /** The coachee's initials only. */
  initials: z.string(),
  month: Month,
  /** Hours per category (only those with hours). */
  hours: z.partialRecord(InvoiceHoursKey, z.number().min(0)),
  totalHours: z.number().min(0),
  /** Null: no rate applies (no approval rate, no coach rate); such a draft cannot be issued. */
  rate: AppliedRate.nullable(),
  amountCents: z.number().int(),
})
export type InvoiceLine = z.infer<typeof InvoiceLine>

/** Why a confirmed month is not in the draft. */
export const DraftExclusionReasons = ['changedSinceConfirmation', 'billed'] as const
export const DraftExclusion = z.object({ caseId: Id, fileNumber: z.string(), initials: z.string(), reason: z.enum(DraftExclusionReasons) })
export type DraftExclusion = z.infer<typeof DraftExclusion>

/** Why a draft cannot be issued as it is. */
export const DraftProblems = ['noLines', 'rateMissing', 'mixedCurrency'] as const
export type DraftProblem = (typeof DraftProblems)[number]

export const FundingBodyOnInvoice = z.object({ id: Id, name: z.string(), address: z.string() })
export type FundingBodyOnInvoice = z.infer<typeof FundingBodyOnInvoice>

/** `GET /api/invoices/draft?fundingBodyId=&month=`. */
export const InvoiceDraft = z.object({
  fundingBody: FundingBodyOnInvoice,
  month: Month,
  currency: Currency.nullable(),
  lines: z.array(InvoiceLine),
  totalCents: z.number().int(),
  excluded: z.array(DraftExclusion),
  problems: z.array(z.enum(DraftProblems)),
  /** Echoed by the issue request: the server issues only the draft the caller saw. */
  digest: z.string(),
})
export type InvoiceDraft = z.infer<typeof InvoiceDraft>
export const InvoiceDraftReply = z.object({ draft: InvoiceDraft })
export type InvoiceDraftReply = z.infer<typeof InvoiceDraftReply>

export const DraftQuery = z.object({ fundingBodyId: Id, month: Month })
export type DraftQuery = z.infer<typeof DraftQuery>

/** `POST /api/invoices`: issue the draft of a funding body and month. */
export const IssueInvoiceBody = z.object({ fundingBodyId: Id, month: Month, digest: z.string().min(1).max(Limits.maxInvoiceDigestLength) }).strict()
export type IssueInvoiceBody = z.infer<typeof IssueInvoiceBody>

/** `POST /api/invoices/:id/cancel`: a cancellation (Storno) with its reason. */
export const CancelInvoiceBody = z.object({ reason: z.string().trim().min(1).max(Limits.maxFundingTextLength) }).strict()
export type CancelInvoiceBody = z.infer<typeof CancelInvoiceBody>

/** An issued document: an invoice or the cancellation of one. */
export const Invoice = z.object({
  id: Id,
  number: z.string(),
  kind: z.enum(['invoice', 'cancellation']),
  month: Month,
  fundingBody: FundingBodyOnInvoice,
  currency: Currency,
  lines: z.array(InvoiceLine),
  /** A cancellation's lines and total are the original's, negated. */
  totalCents: z.number().int(),
  issuedAt: z.iso.datetime(),
  issuedByName: z.string(),
  /** A cancellation: the invoice it cancels, and why. */
  cancels: z.object({ id: Id, number: z.string() }).nullable(),
  reason: z.string(),
  /** An invoice: its cancellation, once there is one. */
  cancelledBy: z.object({ id: Id, number: z.string() }).nullable(),
  /** Last day it is kept (end of the year of issue plus BILLING_RETENTION_YEARS). */
  retainUntil: z.iso.date(),
})
export type Invoice = z.infer<typeof Invoice>
export const InvoiceReply = z.object({ invoice: Invoice })
export type InvoiceReply = z.infer<typeof InvoiceReply>

/** An issued document in the list (no lines). */
export const InvoiceSummary = Invoice.omit({ lines: true })
export type InvoiceSummary = z.infer<typeof InvoiceSummary>
export const InvoicesReply = z.object({ invoices: z.array(InvoiceSummary) })
export type InvoicesReply = z.infer<typeof InvoicesReply>
