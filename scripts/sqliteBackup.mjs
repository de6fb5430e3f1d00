// The online backup of one embedded SQLite file, shared by `npm run backup`
// (database, then keystore) and `npm run backup:keys` (keystore only):
// SQLite's backup API while the relay runs, then `PRAGMA integrity_check` on
// the copy; never overwrites a file. Throws BackupError with a message for
// the operator.
import Database from 'better-sqlite3'
import { existsSync } from 'node:fs'

/** A failure the command reports as its message (exit 1). */
export class BackupError extends Error {}

/** Copies `source` to `destination` (which must not exist) and checks the copy. */
export async function backupSqliteFile(source, destination, what) {
  if (!existsSync(source)) {
    throw new BackupError(`no ${what} at ${source} (set DATA_DIR)`)
  }
  if (existsSync(destination)) {
    throw new BackupError(`${destination} exists; choose a new name`)
  }
  // Read-only is enough in WAL mode; the relay keeps writing meanwhile, and
  // the backup API restarts a copy that a write interrupted, so the result is
  // one consistent snapshot.
  const db = new Database(source, { readonly: true, fileMustExist: true })
  db.pragma('busy_timeout = 5000')
  try {
    await db.backup(destination)
  } finally {
    db.close()
  }
  const copy = new Database(destination, { fileMustExist: true })
  try {
    // A backup is one self-contained file: no -wal / -shm beside it.
    copy.pragma('journal_mode = DELETE')
    const result = copy.pragma('integrity_check', { simple: true })
    if (result !== 'ok') {
      throw new BackupError(`${what} backup written to ${destination}, but integrity_check says: ${String(result)}`)
    }
  } finally {
    copy.close()
  }
}

/** The master key ids that wrap the keys in a keystore copy (a restore needs each of them). */
export function masterKeyIdsOf(keystoreFile) {
  const db = new Database(keystoreFile, { readonly: true, fileMustExist: true })
  try {
    return db.prepare('SELECT DISTINCT master_key_id AS id FROM data_keys WHERE master_key_id IS NOT NULL ORDER BY 1').all().map((row) => row.id)
  } finally {
    db.close()
  }
}

/** Runs a command's main function: BackupError -> its message and exit 1. */
export function runCommand(main) {
  main().catch((err) => {
    process.stderr.write(`${err instanceof BackupError ? err.message : (err?.stack ?? String(err))}\n`)
    process.exit(1)
  })
}
