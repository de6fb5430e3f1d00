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
import { backupSqliteFile } from './sqliteBackup.mjs'

await backupSqliteFile({ fileName: 'keys.sqlite', command: 'npm run backup:keys', what: 'keystore' })
