/**
 * Requests (issue 19) on either backend. The details are one JSON column
 * sealed with the request's own key, or with its case's key once it became
 * a case (server/src/storage/AtRest.ts); status, funding body and the
 * instants stay plain for the list, the directory's "in use" and the
 * retention sweep.
 */
import type { RequestStatus } from '../../../../shared/src/api/requests.js'
import { insertAudit } from '../audit/auditStore.js'
import { all, run } from '../sql/query.js'
import type { StoreContext } from '../StoreContext.js'
import type { RequestDetails, RequestRecord, RequestStorage, RequestWithNames } from './RequestStorage.js'

interface RequestRow {
  id: string
  status: RequestStatus
  funding_body_id: string | null
  case_id: string | null
  details: string
  created_at: string
  created_by: string
  updated_at: string
  decided_at: string | null
  decided_by: string | null
  funding_body_name: string | null
  created_by_name: string
  decided_by_name: string | null
}

function detailsOf(record: RequestRecord): RequestDetails {
  return {
    personName: record.personName,
    requesterKind: record.requesterKind,
    requesterName: record.requesterName,
    requesterContact: record.requesterContact,
    referringBody: record.referringBody,
    firstContactOn: record.firstContactOn,
    reason: record.reason,
    roughGoals: record.roughGoals,
    consentOn: record.consentOn,
    declineReason: record.declineReason,
    referral: record.referral,
  }
}

function toRequest(row: RequestRow): RequestWithNames {
  const details = JSON.parse(row.details) as RequestDetails
  return {
    ...details,
    roughGoals: details.roughGoals ?? [],
    consentOn: details.consentOn ?? null,
    id: row.id,
    status: row.status,
    fundingBodyId: row.funding_body_id,
    caseId: row.case_id,
    createdAt: row.created_at,
    createdBy: row.created_by,
    updatedAt: row.updated_at,
    decidedAt: row.decided_at,
    decidedBy: row.decided_by,
    fundingBodyName: row.funding_body_name,
    createdByName: row.created_by_name,
    decidedByName: row.decided_by_name,
  }
}

const SQL_SELECT = `SELECT r.*, b.name AS funding_body_name, c.name AS created_by_name, d.name AS decided_by_name
  FROM intake_requests r LEFT JOIN funding_bodies b ON b.id = r.funding_body_id
  JOIN users c ON c.id = r.created_by LEFT JOIN users d ON d.id = r.decided_by`
const SQL_LIST = `${SQL_SELECT} ORDER BY r.created_at DESC, r.id`
const SQL_FIND = `${SQL_SELECT} WHERE r.id = ?`
const SQL_FIND_OF_CASE = `${SQL_SELECT} WHERE r.case_id = ?`
const SQL_INSERT = `INSERT INTO intake_requests (id, status, funding_body_id, case_id, details, created_at, created_by, updated_at, decided_at, decided_by)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
const SQL_SAVE_OPEN = `UPDATE intake_requests SET status = ?, funding_body_id = ?, case_id = ?, details = ?, updated_at = ?, decided_at = ?, decided_by = ?
  WHERE id = ? AND status = 'open'`
const SQL_DUE = `SELECT id FROM intake_requests WHERE case_id IS NULL AND
  ((status = 'declined' AND decided_at < ?) OR (status = 'open' AND updated_at < ?)) ORDER BY id`
const SQL_DELETE = 'DELETE FROM intake_requests WHERE id = ? AND case_id IS NULL'

/** {@link RequestStorage} on either backend. */
export function createRequestStore({ db, atRest }: StoreContext): RequestStorage {
  const open = async (rows: RequestRow[]): Promise<RequestWithNames[]> => (await atRest.openRequestRows(rows)).map(toRequest)
  const seal = (record: RequestRecord): Promise<string> => atRest.sealRequestDetails({ id: record.id, case_id: record.caseId }, JSON.stringify(detailsOf(record)))

  return {
    async addRequest(record) {
      const sealed = await seal(record)
      await db.transaction(function* () {
        yield* run(
          SQL_INSERT,
          record.id,
          record.status,
          record.fundingBodyId,
          record.caseId,
          sealed,
          record.createdAt,
          record.createdBy,
          record.updatedAt,
          record.decidedAt,
          record.decidedBy,
        )
      })
    },

    listRequests: async () => open(await db.query(all<RequestRow>(SQL_LIST))),

    findRequest: async (id) => (await open(await db.query(all<RequestRow>(SQL_FIND, id))))[0] ?? null,

    findRequestOfCase: async (caseId) => (await open(await db.query(all<RequestRow>(SQL_FIND_OF_CASE, caseId))))[0] ?? null,

    async saveOpenRequest(record, audit = []) {
      const sealed = await seal(record)
      const result = await db.transaction(function* () {
        const saved = yield* run(
          SQL_SAVE_OPEN,
          record.status,
          record.fundingBodyId,
          record.caseId,
          sealed,
          record.updatedAt,
          record.decidedAt,
          record.decidedBy,
          record.id,
        )
        if (saved.changes === 1) {
          yield* insertAudit(audit)
        }
        return saved
      })
      return result.changes === 1
    },

    requestsDueForErasure: async ({ declinedBefore, openUntouchedBefore }) =>
      (await db.query(all<{ id: string }>(SQL_DUE, declinedBefore, openUntouchedBefore))).map((row) => row.id),

    deleteRequest: async (id) => (await db.transaction(() => run(SQL_DELETE, id))).changes === 1,
  }
}
