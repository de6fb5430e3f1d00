#!/usr/bin/env node
// `npm run backup -- <file>`: a consistent online backup of the embedded
// database (DATA_DIR/fallbuch.sqlite) while the relay runs, through SQLite's
// backup API (better-sqlite3's db.backup). The copy is checked with
// `PRAGMA integrity_check` before the command reports success.
//
// Restore: stop the relay; copy the backup to DATA_DIR/fallbuch.sqlite;
// delete DATA_DIR/fallbuch.sqlite-wal and DATA_DIR/fallbuch.sqlite-shm if
// present; start the relay.
//
// The keystore (DATA_DIR/keys.sqlite) and the master key are left out on
// purpose: the content is sealed with per-case data keys, and erasing a case
// destroys its key, so this backup cannot bring an erased case back. The
// keystore has its own command, `npm run backup:keys` (README: Data protection).
import Database from 'better-sqlite3'
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'

const target = process.argv[2]
if (target === undefined || target === '' || target.startsWith('-')) {
  process.stderr.write('usage: npm run backup -- <file>   (reads DATA_DIR, default ./data)\n')
  process.exit(2)
}
const dataDir = resolve(process.env.DATA_DIR || './data')
const source = join(dataDir, 'fallbuch.sqlite')
if (!existsSync(source)) {
  process.stderr.write(`no database at ${source} (set DATA_DIR)\n`)
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
    process.stderr.write(`backup written to ${destination}, but integrity_check says: ${String(result)}\n`)
    process.exit(1)
  }
} finally {
  copy.close()
}
process.stdout.write(`backup of ${source} written to ${destination}\n`)
