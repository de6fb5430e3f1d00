/** Erasure of a case (issue 10): the tombstone it leaves and the port. */
import type { RetainedBillingRecord } from '../billing/BillingStorage.js'

/** Why a case was erased. */
export type ErasureReason = 'request' | 'retention'

/** The tombstone an erasure leaves: no content, only that the id is gone. */
export interface ErasedCase {
  caseId: string
  erasedAt: string
  reason: ErasureReason
  /** The user who asked for it; null for the retention sweep. */
  erasedBy: string | null
}

/** Erasure of cases and their tombstones. */
export interface ErasureStorage {
  /**
   * Erases a case in one transaction: every room's log and client id
   * bindings, every row of the case (members, invitations, agreements,
   * consents, audit events), its unreleased supervision copies with their
   * rooms, and the case row; leaves the tombstone (released copies stay,
   * their link to the case set to null). Appends to its rooms from then on
   * throw CaseErasedError (rooms/RoomStorage.ts). Afterwards the freed
   * storage is overwritten as far as the backend allows. False when there
   * was no such case (nothing written). `retained` billing records (issue
   * 16) are written in the same transaction, sealed with the case's
   * billing key, which outlives the case's own.
   */
  eraseCase(tombstone: ErasedCase, retained?: readonly RetainedBillingRecord[]): Promise<boolean>
  /** Whether the case id is tombstoned. */
  isCaseErased(caseId: string): Promise<boolean>
  /** Every tombstoned case id (to finish erasures a crash interrupted). */
  erasedCaseIds(): Promise<string[]>
}
