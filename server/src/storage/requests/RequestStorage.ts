/** Requests before a case (issue 19): records and port. */
import type { RequesterKind, RequestStatus, RoughGoal } from '../../../../shared/src/api/requests.js'
import type { AuditRecord } from '../audit/AuditStorage.js'

/** The sealed part of a request: everything that names or describes the person. */
export interface RequestDetails {
  personName: string
  requesterKind: RequesterKind
  requesterName: string
  requesterContact: string
  referringBody: string
  firstContactOn: string
  reason: string
  roughGoals: RoughGoal[]
  consentOn: string | null
  declineReason: string
  referral: string
}

/** A request row with its details opened. */
export interface RequestRecord extends RequestDetails {
  id: string
  status: RequestStatus
  fundingBodyId: string | null
  caseId: string | null
  createdAt: string
  createdBy: string
  updatedAt: string
  decidedAt: string | null
  decidedBy: string | null
}

/** A request with the names the screen shows. */
export interface RequestWithNames extends RequestRecord {
  fundingBodyName: string | null
  createdByName: string
  decidedByName: string | null
}

/** Requests; a row changes only while it is open. */
export interface RequestStorage {
  addRequest(record: RequestRecord): Promise<void>
  /** Every request, newest first contact first. */
  listRequests(): Promise<RequestWithNames[]>
  findRequest(id: string): Promise<RequestWithNames | null>
  /** The request a case came from, if any (the person's data export). */
  findRequestOfCase(caseId: string): Promise<RequestWithNames | null>
  /**
   * Writes the request as given, only while the stored one is still open
   * (a clarification, the decision); false when it was decided meanwhile or
   * is gone. `audit` is written in the same transaction, only when it saved.
   */
  saveOpenRequest(record: RequestRecord, audit?: readonly AuditRecord[]): Promise<boolean>
  /** Ids of declined requests decided before `declinedBefore` and open ones untouched since before `openUntouchedBefore`. */
  requestsDueForErasure(cutoffs: { declinedBefore: string; openUntouchedBefore: string }): Promise<string[]>
  /** Deletes a request that has no case; false when there was none. */
  deleteRequest(id: string): Promise<boolean>
}
