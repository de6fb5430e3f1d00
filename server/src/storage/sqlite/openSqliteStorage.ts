/**
 * The embedded storage: SQLite through better-sqlite3 in WAL mode (contract
 * §6), with its keystore in a file of its own.
 */
import Database from 'better-sqlite3'
import { join } from 'node:path'
import { Keyring } from '../../crypto/Keyring.js'
import type { MasterKeySet } from '../../crypto/masterKeys.js'
import type { Logger } from '../../log.js'
import { AtRest } from '../AtRest.js'
import { openSqlStorage } from '../openSqlStorage.js'
import { KeystoreFileName, SqliteKeyStore } from './SqliteKeyStore.js'
import type { MigrationLedger } from '../migrations/migrate.js'
import { exec, get } from '../sql/query.js'
import type { Storage } from '../Storage.js'
import { migrations } from './migrations.js'
import { SqliteDatabase } from './SqliteDatabase.js'
import { createSqliteRoomLog } from './sqliteRoomLog.js'
import { startTailMover, type TailMover } from './sqliteRoomTail.js'
import { ensureIncrementalVacuum, startWalCheckpointer } from './walCheckpointer.js'

/** Options of {@link openSqliteStorage}. */
export interface SqliteStorageOptions {
  /** Folder of the database file `fallbuch.sqlite`. */
  dataDir: string
  /** `synchronous` pragma: normal survives a killed process, full also power loss. */
  synchronous: 'normal' | 'full'
  logger: Logger
  /** Master keys wrapping the data keys (crypto/masterKeys.ts). */
  masterKeys: MasterKeySet
  /** The keystore file; default DATA_DIR/keys.sqlite, apart from the database that backups copy. */
  keystoreFile?: string
}

/** `user_version` counts the steps that ran. */
const ledger: MigrationLedger = {
  *applied() {
    const version = Number((yield* get<{ user_version: number }>('PRAGMA user_version'))?.user_version ?? 0)
    return new Set(Array.from({ length: version }, (_, index) => index + 1))
  },
  *record(step) {
    yield* exec(`PRAGMA user_version = ${step.version}`)
  },
}

/** Empties the WAL into the main file and rebuilds the file without free pages, so no old page keeps deleted content. */
function rewriteFile(db: Database.Database): void {
  db.pragma('wal_checkpoint(TRUNCATE)')
  db.exec('VACUUM')
  db.pragma('wal_checkpoint(TRUNCATE)')
}

/**
 * Opens (and migrates) the database in `dataDir` and its keystore; seals
 * the plaintext rows of an older installation once (migration 8).
 */
export async function openSqliteStorage(options: SqliteStorageOptions): Promise<Storage> {
  const keyring = new Keyring(options.masterKeys, SqliteKeyStore.open(options.keystoreFile ?? join(options.dataDir, KeystoreFileName)))
  try {
    await keyring.checkMasterKeys()
  } catch (err) {
    await keyring.close()
    throw err
  }
  const file = join(options.dataDir, 'fallbuch.sqlite')
  const db = new Database(file)
  // Before the first table of a new file; once for an older file (issue 21).
  ensureIncrementalVacuum(db, options.logger)
  db.pragma('journal_mode = WAL')
  db.pragma(`synchronous = ${options.synchronous === 'full' ? 'FULL' : 'NORMAL'}`)
  db.pragma('foreign_keys = ON')
  // Freed pages are overwritten with zeros, so deleted content (a compacted
  // room's old log, an erased case) does not linger in the file (issue 4).
  db.pragma('secure_delete = ON')
  db.pragma('busy_timeout = 5000')
  // A WAL left large by a burst is cut back once checkpointed.
  db.pragma('journal_size_limit = 16777216')
  const checkpointer = startWalCheckpointer(db, file, options.logger)
  const database = new SqliteDatabase(db)
  const roomLog = createSqliteRoomLog()
  let mover: TailMover | null = null
  const storage = await openSqlStorage({
    db: database,
    atRest: new AtRest(keyring),
    roomLog,
    logger: options.logger,
    migrations,
    ledger,
    async afterRewrite(counts) {
      // The plaintext is gone from the live rows; no old page may keep it.
      rewriteFile(db)
      options.logger.info(counts, 'sealed the plaintext rows of an older installation')
    },
    // secure_delete zeroed the freed pages; the rewrite moves them into the main file and drops them.
    reclaimErased: async () => rewriteFile(db),
    async close() {
      await mover?.close()
      await checkpointer.close()
      await database.close()
      await keyring.close()
    },
  })
  try {
    // After the migrations (they make the tail) and before anything reads.
    mover = await startTailMover(database, roomLog.tail, options.logger)
  } catch (err) {
    await storage.close()
    throw err
  }
  return storage
}
