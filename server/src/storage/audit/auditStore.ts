/** The audit log on either backend. */
import { all, run, type Query } from '../sql/query.js'
import type { StoreContext } from '../StoreContext.js'
import type { AuditOf, AuditRecord, AuditStorage, StoredAuditEvent } from './AuditStorage.js'

const SQL_INSERT_AUDIT = 'INSERT INTO audit_events (case_id, at, type, actor_id, details) VALUES (?, ?, ?, ?, ?)'
const SQL_CASE_AUDIT = `SELECT e.*, u.name AS actor_name FROM audit_events e LEFT JOIN users u ON u.id = e.actor_id
  WHERE e.case_id = ?
     OR (e.case_id IS NULL AND e.type = 'login' AND EXISTS (
           SELECT 1 FROM members m WHERE m.case_id = ? AND m.user_id = e.actor_id AND m.added_at <= e.at))
  ORDER BY e.seq DESC LIMIT ?`

/** An audit_events row with the actor's name (PostgreSQL returns the BIGINT seq as a string). */
interface AuditRow {
  seq: number | string
  case_id: string | null
  at: string
  type: AuditRecord['type']
  actor_id: string | null
  details: string
  actor_name: string | null
}

function toAuditEvent(row: AuditRow): StoredAuditEvent {
  let details: AuditRecord['details'] = {}
  try {
    const parsed: unknown = JSON.parse(row.details)
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
      details = parsed as AuditRecord['details']
    }
  } catch {
    // A damaged row still shows who did what and when.
  }
  return { id: String(row.seq), caseId: row.case_id, at: row.at, type: row.type, actorId: row.actor_id, actorName: row.actor_name, details }
}

/** Inserts audit events (inside an operation: in the transaction of the change they record). */
export function* insertAudit(events: readonly AuditRecord[]): Query<void> {
  for (const event of events) {
    yield* run(SQL_INSERT_AUDIT, event.caseId, event.at, event.type, event.actorId, JSON.stringify(event.details))
  }
}

/** Inserts the entries of `audit` for a write that did `result` (inside the write's transaction). */
export function* insertAuditOf<T>(audit: AuditOf<T> | undefined, result: T): Query<void> {
  if (audit !== undefined) {
    yield* insertAudit(typeof audit === 'function' ? audit(result) : audit)
  }
}

/** {@link AuditStorage} on either backend. */
export function createAuditStore({ db }: StoreContext): AuditStorage {
  return {
    async appendAudit(events) {
      if (events.length === 0) {
        return
      }
      await db.transaction(() => insertAudit(events))
    },

    listCaseAudit: async (caseId, limit) => (await db.query(all<AuditRow>(SQL_CASE_AUDIT, caseId, caseId, limit))).map(toAuditEvent),
  }
}
