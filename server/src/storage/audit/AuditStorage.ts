/** The audit log: records and port. */
import type { AuditEventType } from '../../../../shared/src/api/audit.js'

/** Values allowed in audit details (never content, tokens or passwords). */
export type AuditDetails = Record<string, string | number | boolean | null>

/** One audit event to write. */
export interface AuditRecord {
  /** The case, or null for an account's event (login). */
  caseId: string | null
  at: string
  type: AuditEventType
  actorId: string | null
  details: AuditDetails
}

/** A stored audit event with its id and the actor's name. */
export interface StoredAuditEvent extends AuditRecord {
  id: string
  actorName: string | null
}

/**
 * The audit entries a write commits in its own transaction, and only when
 * the change happens: a list, or a function of what the write found (the
 * grants a revocation ended, …). Commands build them; storage only writes
 * them, so the change and its entries are never one without the other.
 */
export type AuditOf<T = void> = readonly AuditRecord[] | ((result: T) => readonly AuditRecord[])

/** The audit log. */
export interface AuditStorage {
  /** Events that record no change of their own (a login, a data export); changes pass theirs to their write ({@link AuditOf}). */
  appendAudit(events: readonly AuditRecord[]): Promise<void>
  /**
   * A case's events newest first: the case's own, plus the logins of its
   * current members since they joined.
   */
  listCaseAudit(caseId: string, limit: number): Promise<StoredAuditEvent[]>
}
