/**
 * Issue 16: retained billing records of kind 'approval' beside 'hours'
 * (funding approvals outlive an erased case like its hours). PostgreSQL
 * swaps the kind column's CHECK; SQLite cannot alter a CHECK, so its step
 * rebuilds the table from its own stored DDL (columns added since are kept),
 * as guardianRole.ts does.
 */
import { all, exec, type Query } from '../sql/query.js'

const Table = 'retained_billing_records'
const KindCheck = /CHECK \(kind IN \(([^)]*)\)\)/

/** The kinds a CHECK list holds, with 'approval' added when missing. */
function widened(list: string): string {
  const kinds = list.split(',').map((kind) => kind.trim())
  return kinds.includes("'approval'") ? list : [...kinds, "'approval'"].join(', ')
}

/** PostgreSQL: the default constraint name (`<table>_<column>_check`) replaced with the wider list. */
export const billingApprovalKindPostgres = `
  ALTER TABLE ${Table} DROP CONSTRAINT ${Table}_kind_check;
  ALTER TABLE ${Table} ADD CONSTRAINT ${Table}_kind_check CHECK (kind IN ('hours', 'approval'));`

/** SQLite: rebuilds the table with the wider CHECK inside the migration's transaction; a table that has it already is left alone. */
export function* billingApprovalKindSqlite(): Query<void> {
  const [created] = yield* all<{ sql: string }>("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", Table)
  const check = created?.sql.match(KindCheck)
  if (created === undefined || check === null || check === undefined || widened(check[1] ?? '') === check[1]) {
    return
  }
  const indexes = yield* all<{ sql: string }>("SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL", Table)
  const rebuilt = `${Table}__approval`
  const ddl = created.sql.replace(new RegExp(`^CREATE TABLE "?${Table}"?`), `CREATE TABLE ${rebuilt}`).replace(KindCheck, `CHECK (kind IN (${widened(check[1] ?? '')}))`)
  yield* exec(ddl)
  yield* exec(`INSERT INTO ${rebuilt} SELECT * FROM ${Table} ORDER BY rowid; DROP TABLE ${Table}; ALTER TABLE ${rebuilt} RENAME TO ${Table};`)
  for (const index of indexes) {
    yield* exec(index.sql)
  }
}
