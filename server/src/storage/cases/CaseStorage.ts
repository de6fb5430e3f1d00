/** Cases, their closing and their erasure: records and ports. */
import type { CaseRole } from '../../../../shared/src/policy/access.js'
import type { CaseType } from '../../../../shared/src/api/cases.js'
import type { AuditOf } from '../audit/AuditStorage.js'
import type { MemberRecord } from '../members/MemberStorage.js'
import type { RoomSeed } from '../rooms/RoomStorage.js'

/** A case row. */
export interface CaseRecord {
  id: string
  title: string
  type: CaseType
  employerCanEdit: boolean
  createdAt: string
  createdBy: string
  /** When a coach closed the case (read-only from then on; retention runs from here), or null. */
  closedAt: string | null
  closedBy: string | null
}

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

/** A write to a room of an erased case: refused, never stored. */
export class CaseErasedError extends Error {
  override name = 'CaseErasedError'
  constructor(readonly caseId: string) {
    super('the case was erased')
  }
}

/** Case rows (titles sealed at rest). */
export interface CaseStorage {
  /** Creates a case, its first member and its seeded rooms in one transaction. */
  createCase(record: CaseRecord, firstMember: MemberRecord, seeds: readonly RoomSeed[]): Promise<void>
  findCase(id: string): Promise<CaseRecord | null>
  /** Cases the user is a member of, with the user's role, newest first. */
  listCasesOfUser(userId: string): Promise<Array<{ record: CaseRecord; role: CaseRole }>>
  /** Changes a case row, with `audit` in the same transaction. */
  updateCase(id: string, changes: Partial<Pick<CaseRecord, 'title' | 'type' | 'employerCanEdit'>>, audit?: AuditOf): Promise<void>
  /** Closes a case, with `audit`; false (nothing written) when it is closed already or missing. */
  closeCase(id: string, at: string, by: string, audit?: AuditOf): Promise<boolean>
  /** Ids of cases closed before `closedBefore` (their retention period ended). */
  casesClosedBefore(closedBefore: string): Promise<string[]>
}

/** Erasure of cases and their tombstones. */
export interface ErasureStorage {
  /**
   * Erases a case in one transaction: every room's log and client id
   * bindings, every row of the case (members, invitations, agreements,
   * consents, audit events), its unreleased supervision copies with their
   * rooms, and the case row; leaves the tombstone (released copies stay,
   * their link to the case set to null). Appends
   * to its rooms from then on throw {@link CaseErasedError}. Afterwards the
   * freed storage is overwritten as far as the backend allows. False when
   * there was no such case (nothing written).
   */
  eraseCase(tombstone: ErasedCase): Promise<boolean>
  /** Whether the case id is tombstoned. */
  isCaseErased(caseId: string): Promise<boolean>
  /** Every tombstoned case id (to finish erasures a crash interrupted). */
  erasedCaseIds(): Promise<string[]>
}
