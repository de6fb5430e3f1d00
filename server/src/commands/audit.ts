/**
 * Audit entries as commands build them (contract §4; shared/src/api/audit.ts
 * lists the types). Details carry ids, roles and flags only: never document
 * content, titles, tokens or passwords. A command passes its entries to the
 * storage write of its change, which commits both in one transaction.
 */
import type { AuditEventType } from '../../../shared/src/api/audit.js'
import type { AuditDetails, AuditRecord } from '../storage/audit/AuditStorage.js'

/** An entry of `type` in the log of `caseId` (null: an account's event), at `at`. */
export function auditEntry(caseId: string | null, type: AuditEventType, actorId: string | null, at: Date, details: AuditDetails = {}): AuditRecord {
  return { caseId, at: at.toISOString(), type, actorId, details }
}
