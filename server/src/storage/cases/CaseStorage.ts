/** Cases and their closing: record and port (erasure: erasure/ErasureStorage.ts). */
import type { CaseRole } from '../../../../shared/src/policy/access.js'
import type { CaseFlow, CaseType } from '../../../../shared/src/api/cases.js'
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
  /** The case's own flow (contract §8.3) set by a coach, or null: the installation's SERVICE_COUNTRY decides. */
  flow: CaseFlow | null
}

/** Case rows (titles sealed at rest). */
export interface CaseStorage {
  /** Creates a case, its first member and its seeded rooms in one transaction. */
  createCase(record: CaseRecord, firstMember: MemberRecord, seeds: readonly RoomSeed[]): Promise<void>
  findCase(id: string): Promise<CaseRecord | null>
  /** Every case (not erased), newest first: the team lead's overview and the statistics (issue 22). */
  listAllCases(): Promise<CaseRecord[]>
  /** Cases the user is a member of, with the user's role, newest first. */
  listCasesOfUser(userId: string): Promise<Array<{ record: CaseRecord; role: CaseRole }>>
  /** Changes a case row, with `audit` in the same transaction. */
  updateCase(id: string, changes: Partial<Pick<CaseRecord, 'title' | 'type' | 'employerCanEdit'>>, audit?: AuditOf): Promise<void>
  /** Sets the case's own flow (null: the installation's again), with `audit` in the same transaction. */
  setCaseFlow(id: string, flow: CaseFlow | null, audit?: AuditOf): Promise<void>
  /** Closes a case, with `audit`; false (nothing written) when it is closed already or missing. */
  closeCase(id: string, at: string, by: string, audit?: AuditOf): Promise<boolean>
  /** Ids of cases closed before `closedBefore` (their retention period ended). */
  casesClosedBefore(closedBefore: string): Promise<string[]>
}
