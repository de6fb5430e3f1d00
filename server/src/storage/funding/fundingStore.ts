/**
 * Funding bodies and a case's funding and approvals (issue 18) on either
 * backend. A case's funding rows are insert-only and their free texts are
 * sealed with the case's key (one JSON `details` column per row); they go
 * with the case's erasure (ON DELETE CASCADE, then the key destroyed).
 */
import type { Currency, FundingBodyKind } from '../../../../shared/src/api/funding.js'
import { insertAuditOf } from '../audit/auditStore.js'
import { all, get, run } from '../sql/query.js'
import type { StoreContext } from '../StoreContext.js'
import type { ApprovalRecord, ApprovalWithNames, CaseFundingRecord, CaseFundingWithNames, FundingBodyRecord, FundingStorage } from './FundingStorage.js'

interface FundingBodyRow {
  id: string
  kind: FundingBodyKind
  name: string
  address: string
  contact: string
  active: boolean | number
  created_at: string
  updated_at: string
}

interface CaseFundingRow {
  id: string
  case_id: string
  funding_body_id: string | null
  details: string
  recorded_at: string
  recorded_by: string
  funding_body_name: string | null
  funding_body_kind: FundingBodyKind | null
  recorded_by_name: string
}

interface ApprovalRow {
  id: string
  case_id: string
  kind: 'approval' | 'extension'
  extends_id: string | null
  corrects_id: string | null
  valid_from: string
  valid_until: string
  hours_centi: number
  rate_cents: number | null
  currency: Currency
  decided_on: string | null
  details: string
  recorded_at: string
  recorded_by: string
  recorded_by_name: string
}

/** The sealed part of a case_funding row. */
interface FundingDetails {
  fileNumber: string
  referringBody: string
}

/** The sealed part of a funding_approvals row. */
interface ApprovalDetails {
  reference: string
  note: string
}

function toFundingBody(row: FundingBodyRow): FundingBodyRecord {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    address: row.address,
    contact: row.contact,
    active: Boolean(row.active),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}

function toCaseFunding(row: CaseFundingRow): CaseFundingWithNames {
  const details = JSON.parse(row.details) as Partial<FundingDetails>
  return {
    id: row.id,
    caseId: row.case_id,
    fundingBodyId: row.funding_body_id,
    fileNumber: details.fileNumber ?? '',
    referringBody: details.referringBody ?? '',
    recordedAt: row.recorded_at,
    recordedBy: row.recorded_by,
    fundingBodyName: row.funding_body_name,
    fundingBodyKind: row.funding_body_kind,
    recordedByName: row.recorded_by_name,
  }
}

function toApproval(row: ApprovalRow): ApprovalWithNames {
  const details = JSON.parse(row.details) as Partial<ApprovalDetails>
  return {
    id: row.id,
    caseId: row.case_id,
    kind: row.kind,
    extendsId: row.extends_id,
    correctsId: row.corrects_id,
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    // PostgreSQL answers an INTEGER as a number; hundredths keep quarter hours exact on both.
    hours: Number(row.hours_centi) / 100,
    rateCents: row.rate_cents === null ? null : Number(row.rate_cents),
    currency: row.currency,
    decidedOn: row.decided_on,
    reference: details.reference ?? '',
    note: details.note ?? '',
    recordedAt: row.recorded_at,
    recordedBy: row.recorded_by,
    recordedByName: row.recorded_by_name,
  }
}

const SQL_LIST_BODIES = 'SELECT * FROM funding_bodies WHERE active = ? OR ? ORDER BY name, id'
const SQL_FIND_BODY = 'SELECT * FROM funding_bodies WHERE id = ?'
const SQL_INSERT_BODY = `INSERT INTO funding_bodies (id, kind, name, address, contact, active, created_at, updated_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
const SQL_UPDATE_BODY = `UPDATE funding_bodies SET kind = COALESCE(?, kind), name = COALESCE(?, name), address = COALESCE(?, address),
  contact = COALESCE(?, contact), active = COALESCE(?, active), updated_at = ? WHERE id = ? RETURNING *`
// A request (issue 19) naming the body keeps it too: its row refers to it.
const SQL_BODY_IN_USE = `SELECT 1 AS found FROM case_funding WHERE funding_body_id = ?
  UNION ALL SELECT 1 AS found FROM intake_requests WHERE funding_body_id = ? LIMIT 1`
const SQL_DELETE_BODY = 'DELETE FROM funding_bodies WHERE id = ?'

const SQL_INSERT_CASE_FUNDING = `INSERT INTO case_funding (id, case_id, funding_body_id, details, recorded_at, recorded_by)
  VALUES (?, ?, ?, ?, ?, ?)`
const SQL_CASE_FUNDING = `SELECT f.*, b.name AS funding_body_name, b.kind AS funding_body_kind, u.name AS recorded_by_name
  FROM case_funding f LEFT JOIN funding_bodies b ON b.id = f.funding_body_id JOIN users u ON u.id = f.recorded_by
  WHERE f.case_id = ? ORDER BY f.recorded_at DESC, f.id DESC`

const SQL_INSERT_APPROVAL = `INSERT INTO funding_approvals (id, case_id, kind, extends_id, corrects_id, valid_from, valid_until, hours_centi,
  rate_cents, currency, decided_on, details, recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
const SQL_APPROVAL_KIND = 'SELECT kind FROM funding_approvals WHERE case_id = ? AND id = ?'
const SQL_APPROVALS = `SELECT a.*, u.name AS recorded_by_name FROM funding_approvals a JOIN users u ON u.id = a.recorded_by
  WHERE a.case_id = ? ORDER BY a.recorded_at, a.id`

/** {@link FundingStorage} on either backend. */
export function createFundingStore({ db, atRest }: StoreContext): FundingStorage {
  return {
    listFundingBodies: async ({ includeInactive }) => (await db.query(all<FundingBodyRow>(SQL_LIST_BODIES, true, includeInactive))).map(toFundingBody),

    findFundingBody: async (id) => {
      const row = await db.query(get<FundingBodyRow>(SQL_FIND_BODY, id))
      return row === undefined ? null : toFundingBody(row)
    },

    addFundingBody: (body, audit) =>
      db.transaction(function* () {
        yield* run(SQL_INSERT_BODY, body.id, body.kind, body.name, body.address, body.contact, body.active, body.createdAt, body.updatedAt)
        yield* insertAuditOf(audit, undefined)
      }),

    updateFundingBody: (id, change, at, audit) =>
      db.transaction(function* () {
        const [row] = yield* all<FundingBodyRow>(
          SQL_UPDATE_BODY,
          change.kind ?? null,
          change.name ?? null,
          change.address ?? null,
          change.contact ?? null,
          change.active ?? null,
          at,
          id,
        )
        if (row === undefined) {
          return null
        }
        yield* insertAuditOf(audit, undefined)
        return toFundingBody(row)
      }),

    deleteFundingBody: (id, audit) =>
      db.transaction(function* () {
        if ((yield* get(SQL_BODY_IN_USE, id, id)) !== undefined) {
          return 'inUse' as const
        }
        if ((yield* run(SQL_DELETE_BODY, id)).changes !== 1) {
          return 'notFound' as const
        }
        yield* insertAuditOf(audit, undefined)
        return 'deleted' as const
      }),

    async addCaseFunding(record: CaseFundingRecord, audit) {
      const details: FundingDetails = { fileNumber: record.fileNumber, referringBody: record.referringBody }
      const sealed = await atRest.sealFundingDetails('case_funding', record.caseId, record.id, JSON.stringify(details))
      await db.transaction(function* () {
        yield* run(SQL_INSERT_CASE_FUNDING, record.id, record.caseId, record.fundingBodyId, sealed, record.recordedAt, record.recordedBy)
        yield* insertAuditOf(audit, undefined)
      })
    },

    listCaseFunding: async (caseId) =>
      (await atRest.openFundingRows('case_funding', caseId, await db.query(all<CaseFundingRow>(SQL_CASE_FUNDING, caseId)))).map(toCaseFunding),

    async addApproval(record: ApprovalRecord, audit) {
      const details: ApprovalDetails = { reference: record.reference, note: record.note }
      const sealed = await atRest.sealFundingDetails('funding_approvals', record.caseId, record.id, JSON.stringify(details))
      return db.transaction(function* () {
        if (record.extendsId !== null) {
          const extended = yield* get<{ kind: string }>(SQL_APPROVAL_KIND, record.caseId, record.extendsId)
          if (extended?.kind !== 'approval') {
            return 'extendsNotFound' as const
          }
        }
        if (record.correctsId !== null && (yield* get(SQL_APPROVAL_KIND, record.caseId, record.correctsId)) === undefined) {
          return 'correctsNotFound' as const
        }
        yield* run(
          SQL_INSERT_APPROVAL,
          record.id,
          record.caseId,
          record.kind,
          record.extendsId,
          record.correctsId,
          record.validFrom,
          record.validUntil,
          Math.round(record.hours * 100),
          record.rateCents,
          record.currency,
          record.decidedOn,
          sealed,
          record.recordedAt,
          record.recordedBy,
        )
        yield* insertAuditOf(audit, undefined)
        return null
      })
    },

    listApprovals: async (caseId) =>
      (await atRest.openFundingRows('funding_approvals', caseId, await db.query(all<ApprovalRow>(SQL_APPROVALS, caseId)))).map(toApproval),
  }
}
