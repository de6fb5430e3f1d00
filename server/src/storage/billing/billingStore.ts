/**
 * Retained billing records (issue 16) on either backend. Written only by the
 * erasure of a case, in its transaction (erasure/erasureStore.ts); read by
 * the admin list and removed by the billing sweep.
 */
import { all, run, type Param, type Query } from '../sql/query.js'
import type { StoreContext } from '../StoreContext.js'
import type { BillingStorage, RetainedBillingKind, RetainedBillingRecord } from './BillingStorage.js'

/** Columns of retained_billing_records. */
interface BillingRow {
  id: string
  case_id: string
  kind: RetainedBillingKind
  retained_at: string
  retain_until: string
  /** Sealed JSON of the minimised entry. */
  details: string
}

/** Column list of an insert, in the order of {@link billingValues}. */
export const BILLING_COLUMNS = 'id, case_id, kind, retained_at, retain_until, details'

const SQL_INSERT_BILLING = `INSERT INTO retained_billing_records (${BILLING_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)`
const SQL_ALL_BILLING = 'SELECT * FROM retained_billing_records ORDER BY retained_at, case_id, id'
const SQL_DELETE_EXPIRED = 'DELETE FROM retained_billing_records WHERE retain_until < ? RETURNING case_id'
const SQL_CASES_LEFT = 'SELECT DISTINCT case_id FROM retained_billing_records'

const kindOrder: Record<RetainedBillingKind, number> = { approval: 0, hours: 1 }

/** The day a record is sorted by: the day of the work, the first day of an approval. */
function dayOf(record: RetainedBillingRecord): string {
  return record.kind === 'hours' ? record.details.date : record.details.validFrom
}

function billingValues(record: RetainedBillingRecord, sealedDetails: string): Param[] {
  return [record.id, record.caseId, record.kind, record.retainedAt, record.retainUntil, sealedDetails]
}

/** Inserts sealed records (inside the erasure's transaction; `sealed` maps a record id to its sealed details). */
export function* insertRetainedBilling(records: readonly RetainedBillingRecord[], sealed: ReadonlyMap<string, string>): Query<void> {
  for (const record of records) {
    const details = sealed.get(record.id)
    if (details === undefined) {
      throw new Error(`billing record ${record.id} was not sealed`)
    }
    yield* run(SQL_INSERT_BILLING, ...billingValues(record, details))
  }
}

/** {@link BillingStorage} on either backend. */
export function createBillingStore({ db, atRest }: StoreContext): BillingStorage {
  return {
    async listRetainedBilling() {
      const rows = await db.query(all<BillingRow>(SQL_ALL_BILLING))
      const opened = await atRest.openBillingRows(rows)
      const records = opened.map(
        (row) =>
          ({
            id: row.id,
            caseId: row.case_id,
            kind: row.kind,
            retainedAt: row.retained_at,
            retainUntil: row.retain_until,
            details: JSON.parse(row.details) as unknown,
          }) as RetainedBillingRecord,
      )
      // The days are sealed: sorted once opened (per case the approvals first, then the hours, each by day).
      return records.sort(
        (a, b) => a.retainedAt.localeCompare(b.retainedAt) || a.caseId.localeCompare(b.caseId) || kindOrder[a.kind] - kindOrder[b.kind] || dayOf(a).localeCompare(dayOf(b)),
      )
    },

    removeExpiredBilling: (today) =>
      db.transaction(function* () {
        const removed = yield* all<{ case_id: string }>(SQL_DELETE_EXPIRED, today)
        const left = new Set((yield* all<{ case_id: string }>(SQL_CASES_LEFT)).map((row) => row.case_id))
        return { removed: removed.length, emptiedCases: [...new Set(removed.map((row) => row.case_id))].filter((caseId) => !left.has(caseId)) }
      }),
  }
}
