/** Funding bodies and a case's funding and approvals (issue 18): records and port. */
import type { Currency, FundingBodyKind } from '../../../../shared/src/api/funding.js'
import type { AuditOf } from '../audit/AuditStorage.js'

/** An entry of the service's directory of funding bodies. */
export interface FundingBodyRecord {
  id: string
  kind: FundingBodyKind
  name: string
  address: string
  contact: string
  active: boolean
  createdAt: string
  updatedAt: string
}

/** What a directory change may set. */
export type FundingBodyChange = Partial<Pick<FundingBodyRecord, 'kind' | 'name' | 'address' | 'contact' | 'active'>>

/** One record of a case's funding; the newest one is the funding now. */
export interface CaseFundingRecord {
  id: string
  caseId: string
  fundingBodyId: string | null
  /** Aktenzeichen (sealed). */
  fileNumber: string
  /** Einleitende Stelle (sealed). */
  referringBody: string
  recordedAt: string
  recordedBy: string
}

/** A funding record with the names the screen shows. */
export interface CaseFundingWithNames extends CaseFundingRecord {
  fundingBodyName: string | null
  fundingBodyKind: FundingBodyKind | null
  recordedByName: string
}

/** One approval record (an approval or an extension; a correction names the record it replaces). */
export interface ApprovalRecord {
  id: string
  caseId: string
  kind: 'approval' | 'extension'
  extendsId: string | null
  correctsId: string | null
  validFrom: string
  validUntil: string
  hours: number
  rateCents: number | null
  currency: Currency
  decidedOn: string | null
  /** The decision's reference (sealed). */
  reference: string
  /** A note (sealed). */
  note: string
  recordedAt: string
  recordedBy: string
}

export interface ApprovalWithNames extends ApprovalRecord {
  recordedByName: string
}

/** Why a new approval record was not written. */
export type AddApprovalRefusal = 'extendsNotFound' | 'correctsNotFound'

/** The directory and the cases' funding; rows are never updated except directory entries. */
export interface FundingStorage {
  /** The directory by name; inactive entries only when asked. */
  listFundingBodies(options: { includeInactive: boolean }): Promise<FundingBodyRecord[]>
  findFundingBody(id: string): Promise<FundingBodyRecord | null>
  addFundingBody(body: FundingBodyRecord, audit?: AuditOf): Promise<void>
  /** Changes an entry; null when there is none. */
  updateFundingBody(id: string, change: FundingBodyChange, at: string, audit?: AuditOf): Promise<FundingBodyRecord | null>
  /** Deletes an entry no case ever named; 'inUse' keeps it (deactivate it instead). */
  deleteFundingBody(id: string, audit?: AuditOf): Promise<'deleted' | 'notFound' | 'inUse'>

  /** Adds a record of the case's funding (the earlier ones stay), with `audit`. */
  addCaseFunding(record: CaseFundingRecord, audit?: AuditOf): Promise<void>
  /** A case's funding records, newest first. */
  listCaseFunding(caseId: string): Promise<CaseFundingWithNames[]>

  /**
   * Adds an approval record with `audit`, in one transaction that checks
   * the record it extends or corrects belongs to the case (an extension
   * extends an approval, not an extension).
   */
  addApproval(record: ApprovalRecord, audit?: AuditOf): Promise<AddApprovalRefusal | null>
  /** A case's approval records in the order they were recorded. */
  listApprovals(caseId: string): Promise<ApprovalWithNames[]>
}
