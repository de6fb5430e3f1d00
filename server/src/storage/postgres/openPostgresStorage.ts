/**
 * The scaled-out storage: PostgreSQL through a `pg` Pool (contract §6).
 * Every operation's Promise resolves after its transaction committed, so
 * several relay processes can share one database; the rules that SQLite
 * gets from its single writer (one first account, one last admin, one last
 * coach, one accepted invitation) are kept with row locks and advisory
 * locks (the `lock(…)` ops and `Dialect.forUpdate`).
 */
import pg from 'pg'
import { Keyring } from '../../crypto/Keyring.js'
import type { MasterKeySet } from '../../crypto/masterKeys.js'
import type { Logger } from '../../log.js'
import { AtRest } from '../AtRest.js'
import { openSqlStorage } from '../openSqlStorage.js'
import { defaultKeysSchema, PostgresKeyStore } from './PostgresKeyStore.js'
import type { MigrationLedger } from '../migrations/migrate.js'
import { all, exec, lock, run } from '../sql/query.js'
import type { Storage } from '../Storage.js'
import type { StorageHealthObserver } from '../sql/StorageUnavailableError.js'
import { ConnectionRetry, DefaultRetryOptions } from './connectionRetry.js'
import { postgresMigrations } from './migrations.js'
import { PostgresDatabase } from './PostgresDatabase.js'
import { postgresRoomLog } from './postgresRoomLog.js'

/** Options of {@link openPostgresStorage}. */
export interface PostgresStorageOptions {
  /** `postgres://user@host:5432/database` */
  connectionString: string
  /** Schema of Fallbuch's tables; created when missing. */
  schema: string
  logger: Logger
  /** Pool size (default 10, at least 2: the keystore is read while a migration holds a connection). */
  maxConnections?: number
  /** Master keys wrapping the data keys (crypto/masterKeys.ts). */
  masterKeys: MasterKeySet
  /** Schema of the keystore; default `<schema>_keys`, left out of database backups (README). */
  keysSchema?: string
  /** Told about lost connections, retries and refusals (metrics). */
  health?: StorageHealthObserver
  /** Longest time an operation retries after a lost connection before it is refused (default 10 s). */
  retryMaxWaitMs?: number
}

const SQL_CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)`
const SQL_VACUUM_AFTER_ERASURE =
  'VACUUM room_updates, room_heads, yjs_client_ids, cases, members, invitations, agreements, document_versions, consent_grants, case_funding, funding_approvals, month_confirmations, audit_events, supervision_copies'

/** `schema_migrations` has one row per step that ran. */
const ledger: MigrationLedger = {
  *applied() {
    return new Set((yield* all<{ version: number }>('SELECT version FROM schema_migrations')).map((row) => row.version))
  },
  *record(step) {
    yield* run('INSERT INTO schema_migrations (version, description, applied_at) VALUES (?, ?, ?)', step.version, step.description, new Date().toISOString())
  },
}

/** Connects, creates the schema when missing, and migrates it (one process at a time). */
export async function openPostgresStorage(options: PostgresStorageOptions): Promise<Storage> {
  if (!/^[a-z_][a-z0-9_]*$/.test(options.schema)) {
    throw new Error(`invalid schema name ${JSON.stringify(options.schema)}`)
  }
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: Math.max(2, options.maxConnections ?? 10),
    // Every connection works in the configured schema.
    options: `-c search_path=${options.schema}`,
    // An unreachable server fails a connect instead of hanging it; the retry decides what next.
    connectionTimeoutMillis: 5_000,
    keepAlive: true,
    // pg_stat_activity names whose connection it is.
    application_name: `fallbuch:${options.schema}`,
  })
  // A broken idle connection is the database going away (a restart, a
  // failover, a terminated backend) even when no statement was running: the
  // operator hears of it once, and of its return with the next success.
  pool.on('error', (err) => {
    options.logger.warn({ error: err.message }, 'an idle PostgreSQL connection failed; the pool replaces it')
    options.health?.connectionError(err)
  })
  // A connection that breaks while checked out (a terminated backend in the
  // middle of a transaction) emits 'error' on its client; without a listener
  // that error would end the process. The query in flight fails on its own,
  // and the retry of connectionRetry.ts decides what happens to it.
  pool.on('connect', (client) => {
    client.on('error', (err) => {
      options.logger.warn({ error: err.message }, 'a PostgreSQL connection broke')
      options.health?.connectionError(err)
    })
  })
  const retry = new ConnectionRetry(options.health, { ...DefaultRetryOptions, maxWaitMs: options.retryMaxWaitMs ?? DefaultRetryOptions.maxWaitMs })
  const database = new PostgresDatabase(pool, retry)
  const keyStore = new PostgresKeyStore(database, options.keysSchema ?? defaultKeysSchema(options.schema), options.logger)
  const keyring = new Keyring(options.masterKeys, keyStore)
  try {
    await pool.query(`CREATE SCHEMA IF NOT EXISTS ${options.schema}`)
    await database.transaction(function* () {
      // Processes starting together wait here.
      yield* lock('migrations')
      yield* exec(SQL_CREATE_MIGRATIONS_TABLE)
      yield* exec(keyStore.createSql())
    })
    await keyring.checkMasterKeys()
  } catch (err) {
    await pool.end()
    throw err
  }
  return openSqlStorage({
    db: database,
    atRest: new AtRest(keyring),
    roomLog: postgresRoomLog,
    logger: options.logger,
    migrations: postgresMigrations,
    ledger,
    async afterRewrite(counts) {
      options.logger.info(counts, 'sealed the plaintext rows of an older installation; run VACUUM FULL once so no dead row keeps the plaintext')
    },
    async reclaimErased() {
      // Marks the dead rows' space for reuse. PostgreSQL cannot overwrite
      // them on demand; the content is unreadable anyway once the case's key
      // is destroyed (encryption at rest).
      await database.statement(SQL_VACUUM_AFTER_ERASURE, [], true).catch((err: unknown) => {
        options.logger.warn({ err }, 'VACUUM after an erasure failed; autovacuum will reclaim the rows')
      })
    },
    async close() {
      await keyring.close()
      await database.close()
    },
  })
}
