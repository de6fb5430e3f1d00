#!/usr/bin/env node
// `npm run backup:keys -- <file>`: a consistent online backup of the embedded
// keystore alone (DATA_DIR/keys.sqlite: the wrapped data keys of encryption
// at rest), for the short-lived keystore generations the README describes.
// `npm run backup` takes database and keystore together.
//
// Restore: stop the relay; copy the backup to DATA_DIR/keys.sqlite; delete
// DATA_DIR/keys.sqlite-wal and keys.sqlite-shm if present; start the relay.
import { join, resolve } from 'node:path'
import { backupSqliteFile, BackupError, runCommand } from './sqliteBackup.mjs'

runCommand(async () => {
  const target = process.argv[2]
  if (target === undefined || target === '' || target.startsWith('-')) {
    process.stderr.write('usage: npm run backup:keys -- <file>   (reads DATA_DIR, default ./data)\n')
    process.exit(2)
  }
  if (process.env.DATABASE_URL) {
    throw new BackupError('DATABASE_URL is set: the keystore is in PostgreSQL (schema <DATABASE_SCHEMA>_keys); use `npm run backup` or pg_dump --schema=<schema>_keys')
  }
  const source = join(resolve(process.env.DATA_DIR || './data'), 'keys.sqlite')
  await backupSqliteFile(source, resolve(target), 'keystore')
  process.stdout.write(`backup of ${source} written to ${resolve(target)}\n`)
})
