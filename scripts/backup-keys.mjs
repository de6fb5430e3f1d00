#!/usr/bin/env node
// `npm run backup:keys -- <file>`: a consistent online backup of the embedded
// keystore (DATA_DIR/keys.sqlite: the wrapped data keys of encryption at
// rest), through SQLite's backup API, checked with `PRAGMA integrity_check`.
//
// `npm run backup` leaves the keystore out on purpose: erasing a case
// destroys its data key, and a database backup without keys cannot bring the
// case back. A keystore backup can (until the next erasure it predates), so
// keep few, short-lived generations of it, apart from database backups.
//
// Restore: stop the relay; copy the backup to DATA_DIR/keys.sqlite; delete
// DATA_DIR/keys.sqlite-wal and keys.sqlite-shm if present; start the relay.
import Database from 'better-sqlite3'
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'

const target = process.argv[2]
if (target === undefined || target === '' || target.startsWith('-')) {
  process.stderr.write('usage: npm run backup:keys -- <file>   (reads DATA_DIR, default ./data)\n')
  process.exit(2)
}
const dataDir = resolve(process.env.DATA_DIR || './data')
const source = join(dataDir, 'keys.sqlite')
if (!existsSync(source)) {
  process.stderr.write(`no keystore at ${source} (set DATA_DIR)\n`)
  process.exit(1)
}
const destination = resolve(target)
if (existsSync(destination)) {
  process.stderr.write(`${destination} exists; choose a new file name\n`)
  process.exit(1)
}
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
    process.stderr.write(`keystore backup written to ${destination}, but integrity_check says: ${String(result)}\n`)
    process.exit(1)
  }
} finally {
  copy.close()
}
process.stdout.write(`backup of ${source} written to ${destination}\n`)
