/**
 * The legal guardian role (rechtliche Betreuung, issue 16) in the tables
 * whose CHECK constraints list the case roles: members, invitations,
 * agreements and consent grants. PostgreSQL swaps the constraints; SQLite
 * cannot alter a CHECK, so its step rebuilds each table from its own stored
 * DDL (columns other branches added are kept), the way SQLite's ALTER TABLE
 * documentation describes.
 */
import { all, exec, type Query } from '../sql/query.js'

/** The tables and role columns whose CHECK lists the case roles. */
const RoleColumns = [
  ['members', 'role'],
  ['invitations', 'role'],
  ['agreements', 'role'],
  ['consent_grants', 'recipient_role'],
] as const

const OldRoles = "('coach', 'employer', 'coachee')"
const NewRoles = "('coach', 'employer', 'coachee', 'guardian')"

/** PostgreSQL: the default constraint names (`<table>_<column>_check`) replaced with the wider list. */
export const guardianRolePostgres = RoleColumns.map(
  ([table, column]) => `
  ALTER TABLE ${table} DROP CONSTRAINT ${table}_${column}_check;
  ALTER TABLE ${table} ADD CONSTRAINT ${table}_${column}_check CHECK (${column} IN ${NewRoles});`,
).join('')

/** SQLite: rebuilds each table with the wider CHECK, inside the migration's transaction; a table that has it already is left alone. */
export function* guardianRoleSqlite(): Query<void> {
  for (const [table] of RoleColumns) {
    const [created] = yield* all<{ sql: string }>("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", table)
    if (created === undefined || !created.sql.includes(OldRoles)) {
      continue
    }
    const indexes = yield* all<{ sql: string }>("SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL", table)
    const rebuilt = `${table}__guardian`
    yield* exec(created.sql.replace(new RegExp(`^CREATE TABLE "?${table}"?`), `CREATE TABLE ${rebuilt}`).split(OldRoles).join(NewRoles))
    yield* exec(`INSERT INTO ${rebuilt} SELECT * FROM ${table} ORDER BY rowid; DROP TABLE ${table}; ALTER TABLE ${rebuilt} RENAME TO ${table};`)
    for (const index of indexes) {
      yield* exec(index.sql)
    }
  }
}
