/**
 * Direct access to a test relay's SQLite file, to set up states no API
 * makes on purpose (an expired invitation, an idle session). The relay's own
 * connection sees the change at once (WAL).
 */
import Database from 'better-sqlite3'
import { join } from 'node:path'

/** Runs one statement against the relay's database; returns the number of changed rows. */
export function execSql(dataDir: string, sql: string, ...params: unknown[]): number {
  const db = new Database(join(dataDir, 'fallbuch.sqlite'), { fileMustExist: true })
  try {
    db.pragma('busy_timeout = 5000')
    return db.prepare(sql).run(...params).changes
  } finally {
    db.close()
  }
}

/** Reads rows from the relay's database. */
export function querySql<T>(dataDir: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(join(dataDir, 'fallbuch.sqlite'), { readonly: true, fileMustExist: true })
  try {
    return db.prepare(sql).all(...params) as T[]
  } finally {
    db.close()
  }
}
