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
import { backupSqliteFile } from './sqliteBackup.mjs'

await backupSqliteFile({ fileName: 'fallbuch.sqlite', command: 'npm run backup', what: 'database' })
