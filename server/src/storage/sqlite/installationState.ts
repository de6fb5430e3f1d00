/**
 * What an embedded DATA_DIR holds, read before anything is opened for
 * writing: whether data sealed with a master key exists (then a missing
 * master key must never be replaced by a new one), and whether the
 * installation was moved to PostgreSQL (then it must not start again).
 */
import Database from 'better-sqlite3'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { KeystoreFileName } from './SqliteKeyStore.js'

/** Name of the marker table `npm run migrate:sqlite-to-postgres` leaves in the SQLite database. */
export const MovedMarkerTable = 'moved_to_postgres'

/** The state of an embedded DATA_DIR. */
export interface InstallationState {
  /** The keystore holds data keys, or the database holds accounts sealed-era rows: a master key exists somewhere. */
  hasSealedData: boolean
  /** Set when the installation was copied to PostgreSQL: when, and where to (no credentials). */
  movedToPostgres: { at: string; target: string } | null
}

function readOnly<T>(file: string, read: (db: Database.Database) => T, otherwise: T): T {
  if (!existsSync(file)) {
    return otherwise
  }
  const db = new Database(file, { readonly: true, fileMustExist: true })
  try {
    db.pragma('busy_timeout = 5000')
    return read(db)
  } finally {
    db.close()
  }
}

function hasTable(db: Database.Database, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined
}

/** Reads the state of `dataDir` (files that do not exist count as empty). */
export function readInstallationState(dataDir: string): InstallationState {
  const keys = readOnly(join(dataDir, KeystoreFileName), (db) => hasTable(db, 'data_keys') && db.prepare('SELECT 1 FROM data_keys LIMIT 1').get() !== undefined, false)
  return readOnly(
    join(dataDir, 'fallbuch.sqlite'),
    (db) => ({
      // An installation sealed at rest (the marker table exists from that version on) with accounts has used a master key.
      hasSealedData: keys || (hasTable(db, 'at_rest_encryption') && hasTable(db, 'users') && db.prepare('SELECT 1 FROM users LIMIT 1').get() !== undefined),
      movedToPostgres: hasTable(db, MovedMarkerTable)
        ? ((db.prepare(`SELECT at, target FROM ${MovedMarkerTable} LIMIT 1`).get() as { at: string; target: string } | undefined) ?? null)
        : null,
    }),
    { hasSealedData: keys, movedToPostgres: null },
  )
}

/** Leaves the marker of a finished move to PostgreSQL in the SQLite database (the relay refuses it from then on). */
export function markMovedToPostgres(dataDir: string, target: string): void {
  const db = new Database(join(dataDir, 'fallbuch.sqlite'), { fileMustExist: true })
  try {
    db.pragma('busy_timeout = 5000')
    db.exec(`CREATE TABLE IF NOT EXISTS ${MovedMarkerTable} (at TEXT NOT NULL, target TEXT NOT NULL)`)
    db.prepare(`DELETE FROM ${MovedMarkerTable}`).run()
    db.prepare(`INSERT INTO ${MovedMarkerTable} (at, target) VALUES (?, ?)`).run(new Date().toISOString(), target)
  } finally {
    db.close()
  }
}
