/**
 * Invoices (issue 18) on either backend. The year's counter row is locked
 * first in every issuing transaction (SELECT … FOR UPDATE on PostgreSQL;
 * SQLite's one writer serialises anyway), so two processes issuing at once
 * take consecutive numbers, and a refused or failed issue gives none away.
 */
import { formatInvoiceNumber, invoiceYear } from '../../../../shared/src/billing/invoiceNumbers.js'
import { insertAuditOf } from '../audit/auditStore.js'
import type { Dialect } from '../sql/Dialect.js'
import { all, get, list, run, Rollback } from '../sql/query.js'
import type { StoreContext } from '../StoreContext.js'
import type { InvoiceDetails, InvoiceRecord, InvoiceStorage, IssueRefusal } from './InvoiceStorage.js'

interface InvoiceRow {
  id: string
  number: string
  year: number | string
  seq: number | string
  kind: 'invoice' | 'cancellation'
  cancels_id: string | null
  funding_body_id: string
  month: string
  issued_at: string
  issued_by: string
  retain_until: string
  details: string
}

const SQL_ENSURE_COUNTER = 'INSERT INTO invoice_counters (year, last_seq) VALUES (?, 0) ON CONFLICT (year) DO NOTHING'
const SQL_LOCK_COUNTER = (d: Dialect): string => `SELECT last_seq FROM invoice_counters WHERE year = ?${d.forUpdate}`
const SQL_SET_COUNTER = 'UPDATE invoice_counters SET last_seq = ? WHERE year = ?'
const SQL_BILLED = 'SELECT invoice_id FROM billed_case_months WHERE case_id = ? AND month = ?'
const SQL_CANCELLED = 'SELECT id FROM invoices WHERE cancels_id = ?'
const SQL_INSERT_INVOICE = `INSERT INTO invoices (id, number, year, seq, kind, cancels_id, funding_body_id, month, issued_at, issued_by, retain_until, details)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
const SQL_INSERT_CASE = 'INSERT INTO invoice_cases (invoice_id, case_id) VALUES (?, ?)'
const SQL_INSERT_BILLED = 'INSERT INTO billed_case_months (case_id, month, invoice_id) VALUES (?, ?, ?)'
const SQL_FREE_BILLED = 'DELETE FROM billed_case_months WHERE invoice_id = ?'
const SQL_FIND = 'SELECT * FROM invoices WHERE id = ?'
const SQL_ALL = 'SELECT * FROM invoices ORDER BY year DESC, seq DESC'
const SQL_OF_CASES = (d: Dialect): string =>
  `SELECT * FROM invoices i WHERE EXISTS (SELECT 1 FROM invoice_cases c WHERE c.invoice_id = i.id AND ${d.inList('c.case_id', 'text')}) ORDER BY year DESC, seq DESC`
const SQL_CASES_OF = (d: Dialect): string => `SELECT invoice_id, case_id FROM invoice_cases WHERE ${d.inList('invoice_id', 'text')}`
const SQL_CANCELLATIONS_OF = (d: Dialect): string => `SELECT id, number, cancels_id FROM invoices WHERE ${d.inList('cancels_id', 'text')}`
const SQL_BILLED_OF = (d: Dialect): string => `SELECT case_id, month FROM billed_case_months WHERE ${d.inList('case_id', 'text')} ORDER BY month`
const SQL_DELETE_EXPIRED = 'DELETE FROM invoices WHERE retain_until < ? RETURNING year'
const SQL_YEARS_LEFT = 'SELECT DISTINCT year FROM invoices'

/** {@link InvoiceStorage} on either backend. */
export function createInvoiceStore({ db, atRest }: StoreContext): InvoiceStorage {
  /** Opened records of rows, with their cases and cancellations. */
  async function toRecords(rows: readonly InvoiceRow[]): Promise<InvoiceRecord[]> {
    if (rows.length === 0) {
      return []
    }
    const ids = rows.map((row) => row.id)
    const [opened, cases, cancellations] = await Promise.all([
      atRest.openInvoiceRows(rows.map((row) => ({ ...row, year: Number(row.year) }))),
      db.query(all<{ invoice_id: string; case_id: string }>(SQL_CASES_OF, list(ids))),
      db.query(all<{ id: string; number: string; cancels_id: string }>(SQL_CANCELLATIONS_OF, list(ids))),
    ])
    return opened.map((row) => ({
      id: row.id,
      number: row.number,
      year: Number(row.year),
      seq: Number(row.seq),
      kind: row.kind,
      cancelsId: row.cancels_id,
      fundingBodyId: row.funding_body_id,
      month: row.month,
      issuedAt: row.issued_at,
      issuedBy: row.issued_by,
      retainUntil: row.retain_until,
      details: JSON.parse(row.details) as InvoiceDetails,
      caseIds: cases.filter((entry) => entry.invoice_id === row.id).map((entry) => entry.case_id).sort(),
      cancelledBy: ((found) => (found === undefined ? null : { id: found.id, number: found.number }))(cancellations.find((entry) => entry.cancels_id === row.id)),
    }))
  }

  return {
    async issueInvoice(invoice, billedMonths, audit) {
      const year = invoiceYear(invoice.issuedAt)
      // The key is fetched (created) before the transaction: a PostgreSQL transaction must not wait for a second connection.
      const sealed = await atRest.sealInvoiceDetails(year, invoice.id, JSON.stringify(invoice.details))
      const issued = await db.transaction(
          function* () {
            yield* run(SQL_ENSURE_COUNTER, year)
            const counter = yield* get<{ last_seq: number | string }>(SQL_LOCK_COUNTER, year)
            const seq = Number(counter?.last_seq ?? 0) + 1
            if (invoice.cancelsId !== null && (yield* get(SQL_CANCELLED, invoice.cancelsId)) !== undefined) {
              throw new Rollback<IssueRefusal>('alreadyCancelled')
            }
            for (const { caseId, month } of billedMonths) {
              if ((yield* get(SQL_BILLED, caseId, month)) !== undefined) {
                throw new Rollback<IssueRefusal>('alreadyBilled')
              }
            }
            const number = formatInvoiceNumber(year, seq)
            yield* run(SQL_SET_COUNTER, seq, year)
            yield* run(
              SQL_INSERT_INVOICE,
              invoice.id,
              number,
              year,
              seq,
              invoice.kind,
              invoice.cancelsId,
              invoice.fundingBodyId,
              invoice.month,
              invoice.issuedAt,
              invoice.issuedBy,
              invoice.retainUntil,
              sealed,
            )
            for (const caseId of invoice.caseIds) {
              yield* run(SQL_INSERT_CASE, invoice.id, caseId)
            }
            if (invoice.cancelsId !== null) {
              yield* run(SQL_FREE_BILLED, invoice.cancelsId)
            }
            for (const { caseId, month } of billedMonths) {
              yield* run(SQL_INSERT_BILLED, caseId, month, invoice.id)
            }
            yield* insertAuditOf(audit, { number })
            return { number, year, seq }
          },
          { immediate: true },
      )
      return typeof issued === 'string' ? issued : { ...invoice, ...issued, cancelledBy: null }
    },

    findInvoice: async (id) => (await toRecords(await db.query(all<InvoiceRow>(SQL_FIND, id))))[0] ?? null,

    async listInvoices(filter) {
      if (filter.caseIds !== null && filter.caseIds.length === 0) {
        return []
      }
      const rows = await db.query(filter.caseIds === null ? all<InvoiceRow>(SQL_ALL) : all<InvoiceRow>(SQL_OF_CASES, list(filter.caseIds)))
      return toRecords(rows.filter((row) => (filter.fundingBodyId === undefined || row.funding_body_id === filter.fundingBodyId) && (filter.month === undefined || row.month === filter.month)))
    },

    async billedMonths(caseIds) {
      const billed = new Map<string, string[]>()
      if (caseIds.length === 0) {
        return billed
      }
      for (const row of await db.query(all<{ case_id: string; month: string }>(SQL_BILLED_OF, list(caseIds)))) {
        billed.set(row.case_id, [...(billed.get(row.case_id) ?? []), row.month])
      }
      return billed
    },

    removeExpiredInvoices: (today) =>
      db.transaction(function* () {
        const removed = yield* all<{ year: number | string }>(SQL_DELETE_EXPIRED, today)
        const left = new Set((yield* all<{ year: number | string }>(SQL_YEARS_LEFT)).map((row) => Number(row.year)))
        return { removed: removed.length, emptiedYears: [...new Set(removed.map((row) => Number(row.year)))].filter((year) => !left.has(year)) }
      }),
  }
}
