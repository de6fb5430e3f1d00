/**
 * Billing records that outlive a case's erasure (issue 16): the minimised
 * hours entries (date, minutes, coach id, category), kept under their own
 * retention (BILLING_RETENTION_YEARS) because the law asks for them
 * (Art. 17(3)(b) GDPR with § 147 AO / § 257 HGB; README "Billing records").
 */

/** A minimised hours entry: nothing of the case's text. */
export interface BillingHours {
  /** ISO day of the work. */
  date: string
  minutes: number
  coachId: string
  /** The phase the hours were booked to, when the entry names one. */
  category: string | null
}

/** One retained record. */
export interface RetainedBillingRecord {
  id: string
  /** The erased case's id (no longer a case; only groups its records). */
  caseId: string
  kind: 'hours'
  retainedAt: string
  /** Last ISO day the record is kept; removed the day after. */
  retainUntil: string
  details: BillingHours
}

/** Retained billing records; sealed with each case's billing key, which the case's erasure does not destroy. */
export interface BillingStorage {
  /** The retained records, oldest case first. */
  listRetainedBilling(): Promise<RetainedBillingRecord[]>
  /** Removes the records whose retainUntil is before `today`; resolves with the cases that have no record left (their billing keys may go). */
  removeExpiredBilling(today: string): Promise<{ removed: number; emptiedCases: string[] }>
}
