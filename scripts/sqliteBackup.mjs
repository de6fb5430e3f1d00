// The online backup of one embedded SQLite file in DATA_DIR, shared by
// `npm run backup` (the database) and `npm run backup:keys` (the keystore):
// SQLite's backup API while the relay runs, then `PRAGMA integrity_check` on
// the copy; never overwrites a file. Exits the process with a message on
// every failure.
import Database from 'better-sqlite3'
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'

/**
 * Backs up DATA_DIR/<fileName> to the file named by the first argument.
 * `command` and `what` only shape the messages.
 */
export async function backupSqliteFile({ fileName, command, what }) {
  const target = process.argv[2]
  if (target === undefined || target === '' || target.startsWith('-')) {
    process.stderr.write(`usage: ${command} -- <file>   (reads DATA_DIR, default ./data)\n`)
    process.exit(2)
  }
  const dataDir = resolve(process.env.DATA_DIR || './data')
  const source = join(dataDir, fileName)
  if (!existsSync(source)) {
    process.stderr.write(`no ${what} at ${source} (set DATA_DIR)\n`)
    process.exit(1)
  }
  const destination = resolve(target)
  if (existsSync(destination)) {
    process.stderr.write(`${destination} exists; choose a new file name\n`)
    process.exit(1)
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
  const copy = new Database(destination, { readonly: true, fileMustExist: true })
  try {
    const result = copy.pragma('integrity_check', { simple: true })
    if (result !== 'ok') {
      process.stderr.write(`${what} backup written to ${destination}, but integrity_check says: ${String(result)}\n`)
      process.exit(1)
    }
  } finally {
    copy.close()
  }
  process.stdout.write(`backup of ${source} written to ${destination}\n`)
}
