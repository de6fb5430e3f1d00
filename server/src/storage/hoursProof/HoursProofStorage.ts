/**
 * Confirmations of a case's monthly proof of hours (Stundennachweis, issue
 * 18 point 2): who confirmed a month, in which role, when, and the SHA-256
 * of the month's canonical entries they saw (shared/src/hoursProof/monthProof.ts).
 * A month with a confirmation is locked in the notes room (the relay refuses
 * changes to its entries); invoices are built from confirmed months.
 */
import type { AuditOf } from '../audit/AuditStorage.js'

/** The roles that confirm a month: the employer, the coachee and, where the case has one, the legal guardian. */
export type ConfirmingRole = 'employer' | 'coachee' | 'guardian'

/** One confirmation of one month. */
export interface MonthConfirmation {
  caseId: string
  /** YYYY-MM. */
  month: string
  role: ConfirmingRole
  /** The confirming account (sealed at rest with the case's key). */
  accountId: string
  confirmedAt: string
  /** Hex SHA-256 of the month's canonical entries as confirmed. */
  entriesHash: string
}

/** Insert-only; the rows go with the case's erasure. */
export interface HoursProofStorage {
  /** Records a confirmation (with `audit`, in one transaction); the same role confirming the same month and hash again keeps the first one. */
  addMonthConfirmation(confirmation: MonthConfirmation, audit?: AuditOf): Promise<void>
  /** A case's confirmations, oldest first. */
  listMonthConfirmations(caseId: string): Promise<MonthConfirmation[]>
  /** Every case's confirmed months of `month` (one row per case, month and confirmed hash; the newest hash last). */
  listConfirmedCaseMonths(month: string): Promise<Array<{ caseId: string; month: string; entriesHash: string }>>
  /** The months (YYYY-MM) of a case that have a confirmation: the locked months. */
  listLockedMonths(caseId: string): Promise<string[]>
}
