/**
 * Month confirmations (issue 18) on either backend. Case, month, role, time
 * and hash stay readable (they carry nothing of the case and the invoices
 * select by month); the confirming account is sealed with the case's key,
 * bound to the row, and the rows go with the case (ON DELETE CASCADE, then
 * the key destroyed).
 */
import { randomUUID } from 'node:crypto'
import { insertAuditOf } from '../audit/auditStore.js'
import { all, run } from '../sql/query.js'
import type { StoreContext } from '../StoreContext.js'
import type { ConfirmingRole, HoursProofStorage, MonthConfirmation } from './HoursProofStorage.js'

interface ConfirmationRow {
  id: string
  case_id: string
  month: string
  role: ConfirmingRole
  confirmed_at: string
  entries_hash: string
  details: string
}

/** The sealed part of a row. */
interface ConfirmationDetails {
  accountId: string
}

const SQL_INSERT = `INSERT INTO month_confirmations (id, case_id, month, role, confirmed_at, entries_hash, details)
  VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (case_id, month, role, entries_hash) DO NOTHING`
const SQL_LIST = 'SELECT * FROM month_confirmations WHERE case_id = ? ORDER BY confirmed_at, id'
const SQL_CONFIRMED_MONTHS = `SELECT case_id, month, entries_hash, MAX(confirmed_at) AS last_at FROM month_confirmations
  WHERE month = ? GROUP BY case_id, month, entries_hash ORDER BY case_id, last_at`
const SQL_LOCKED = 'SELECT DISTINCT month FROM month_confirmations WHERE case_id = ? ORDER BY month'

/** {@link HoursProofStorage} on either backend. */
export function createHoursProofStore({ db, atRest }: StoreContext): HoursProofStorage {
  return {
    async addMonthConfirmation(confirmation: MonthConfirmation, audit) {
      const id = randomUUID()
      const details: ConfirmationDetails = { accountId: confirmation.accountId }
      const sealed = await atRest.sealHoursProofDetails(confirmation.caseId, id, JSON.stringify(details))
      await db.transaction(function* () {
        const inserted = yield* run(SQL_INSERT, id, confirmation.caseId, confirmation.month, confirmation.role, confirmation.confirmedAt, confirmation.entriesHash, sealed)
        if (inserted.changes === 1) {
          yield* insertAuditOf(audit, undefined)
        }
      })
    },

    async listMonthConfirmations(caseId) {
      const rows = await atRest.openHoursProofRows(caseId, await db.query(all<ConfirmationRow>(SQL_LIST, caseId)))
      return rows.map((row) => ({
        caseId: row.case_id,
        month: row.month,
        role: row.role,
        accountId: (JSON.parse(row.details) as ConfirmationDetails).accountId,
        confirmedAt: row.confirmed_at,
        entriesHash: row.entries_hash,
      }))
    },

    listConfirmedCaseMonths: async (month) =>
      (await db.query(all<{ case_id: string; month: string; entries_hash: string }>(SQL_CONFIRMED_MONTHS, month))).map((row) => ({
        caseId: row.case_id,
        month: row.month,
        entriesHash: row.entries_hash,
      })),

    listLockedMonths: async (caseId) => (await db.query(all<{ month: string }>(SQL_LOCKED, caseId))).map((row) => row.month),
  }
}
