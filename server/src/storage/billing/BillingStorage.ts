/**
 * Billing records that outlive a case's erasure (issue 16): the minimised
 * hours entries (date, minutes, coach id, category) and funding approvals
 * (funding body, Aktenzeichen, period, hours, rate), kept under their own
 * retention (BILLING_RETENTION_YEARS) because the law asks for them
 * (Art. 17(3)(b) GDPR with § 147 AO / § 257 HGB; README "Billing records").
 */

import type { Currency } from '../../../../shared/src/api/funding.js'

/** A minimised hours entry: nothing of the case's text. */
export interface BillingHours {
  /** ISO day of the work. */
  date: string
  minutes: number
  coachId: string
  /** The phase the hours were booked to, when the entry names one. */
  category: string | null
}

/**
 * A minimised approval (Bewilligung / Kostengutsprache, issue 18) that
 * counted when the case was erased: what an invoice to the funding body
 * rests on. No decision reference text, no note.
 */
export interface BillingApproval {
  /** The approval record's id (an extension names the one it extends by it). */
  approvalId: string
  approvalKind: 'approval' | 'extension'
  /** The approval an extension extends (the record that counted for it), else null. */
  extendsId: string | null
  fundingBodyId: string | null
  /** The funding body's name when the case was erased (the directory entry may change or go). */
  fundingBodyName: string | null
  /** The case's Aktenzeichen with the funding body when the approval was recorded. */
  fileNumber: string
  validFrom: string
  validUntil: string
  hours: number
  rateCents: number | null
  currency: Currency
}

interface RetainedBillingBase {
  id: string
  /** The erased case's id (no longer a case; only groups its records). */
  caseId: string
  retainedAt: string
  /** Last ISO day the record is kept; removed the day after. */
  retainUntil: string
}

/** One retained record. */
export type RetainedBillingRecord = (RetainedBillingBase & { kind: 'hours'; details: BillingHours }) | (RetainedBillingBase & { kind: 'approval'; details: BillingApproval })

/** The kinds of retained records (the table's CHECK lists the same). */
export type RetainedBillingKind = RetainedBillingRecord['kind']

/** Retained billing records; sealed with each case's billing key, which the case's erasure does not destroy. */
export interface BillingStorage {
  /** The retained records, oldest case first. */
  listRetainedBilling(): Promise<RetainedBillingRecord[]>
  /** Removes the records whose retainUntil is before `today`; resolves with the cases that have no record left (their billing keys may go). */
  removeExpiredBilling(today: string): Promise<{ removed: number; emptiedCases: string[] }>
}
