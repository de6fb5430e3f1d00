/**
 * Writing the audit log (contract §4; shared/src/api/audit.ts lists the
 * event types). Details carry ids, roles and flags only: never document
 * content, titles, tokens or passwords.
 */
import type { AuditEventType } from '../../../shared/src/api/audit.js'
import type { AuditDetails, AuditStorage } from '../storage/audit/AuditStorage.js'

/** One event to record. */
export interface AuditEntry {
  /** The case, or null for an account's event (login). */
  caseId: string | null
  type: AuditEventType
  actorId: string | null
  details?: AuditDetails
}

/** Records events with the current time, in one transaction. */
export async function recordAudit(storage: AuditStorage, ...entries: AuditEntry[]): Promise<void> {
  const at = new Date().toISOString()
  await storage.appendAudit(
    entries.map((entry) => ({ caseId: entry.caseId, at, type: entry.type, actorId: entry.actorId, details: entry.details ?? {} })),
  )
}
