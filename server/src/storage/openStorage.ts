/**
 * Backend selection (contract §6): PostgreSQL when DATABASE_URL is set,
 * otherwise the embedded SQLite file in DATA_DIR. Both seal their content
 * with the master keys of the configuration (crypto/masterKeys.ts).
 *
 * Before anything is served, the installation is checked so that keys,
 * backups and processes cannot silently mismatch (issue 23): the
 * installation's lock (one embedded process; no PostgreSQL relay without
 * Redis beside another; no rotation beside a relay), no new master key for
 * existing sealed data, no start of an installation moved to PostgreSQL,
 * and every case's data key present in the keystore.
 */
import { mkdirSync } from 'node:fs'
import { KeystoreMismatchError } from '../crypto/errors.js'
import { loadMasterKeys } from '../crypto/masterKeys.js'
import type { Config } from '../config/loadConfig.js'
import type { Logger } from '../log.js'
import { InstanceLockedError, type InstanceLock, type InstanceLockMode } from './InstanceLockedError.js'
import type * as PostgresStorage from './postgres/openPostgresStorage.js'
import type * as PostgresLock from './postgres/postgresInstanceLock.js'
import type { StorageHealthObserver } from './sql/StorageUnavailableError.js'
import { readInstallationState } from './sqlite/installationState.js'
import { openSqliteStorage } from './sqlite/openSqliteStorage.js'
import { acquireSqliteInstanceLock } from './sqlite/sqliteInstanceLock.js'
import type { Storage } from './Storage.js'

/**
 * The PostgreSQL backend and its driver, loaded only when configured: an
 * embedded installation does not carry pg in memory (about 4 MB of RSS).
 */
async function loadPostgres(): Promise<typeof PostgresStorage & typeof PostgresLock> {
  const [storage, lock] = await Promise.all([import('./postgres/openPostgresStorage.js'), import('./postgres/postgresInstanceLock.js')])
  return { ...storage, ...lock }
}

/** Which backend {@link openStorage} chose. */
export type StorageBackend = 'sqlite' | 'postgres'

/** Options of {@link openStorage}. */
export interface OpenStorageOptions {
  /** How this process uses the installation: a relay with Redis shares it, anything else needs it alone (default from REDIS_URL). */
  lock?: InstanceLockMode
  /** Named in the message another process gets while this one holds the lock. */
  purpose?: string
  /** Told about lost database connections, retries and refusals. */
  health?: StorageHealthObserver
  /** Skips the check that every case has its data key (key rotation re-wraps whatever is there). */
  skipDataKeyCheck?: boolean
  /** A lock taken before with {@link acquireInstanceLock} (released with the storage). */
  heldLock?: InstanceLock
}

/** The opened storage, its backend, and whether the installation's lock is held right now. */
export interface OpenedStorage {
  storage: Storage
  backend: StorageBackend
  lock: InstanceLock
}

/** Takes the installation's lock (see InstanceLockedError.ts) or throws {@link InstanceLockedError}. */
export async function acquireInstanceLock(config: Config, logger: Logger, mode: InstanceLockMode, purpose: string): Promise<InstanceLock> {
  if (config.databaseUrl === undefined) {
    mkdirSync(config.dataDir, { recursive: true })
    return acquireSqliteInstanceLock(config.dataDir, purpose)
  }
  const { acquirePostgresInstanceLock } = await loadPostgres()
  return acquirePostgresInstanceLock({ connectionString: config.databaseUrl, schema: config.databaseSchema, mode, logger })
}

/** Opens (and migrates) the configured storage after taking the installation's lock. */
export async function openStorage(config: Config, logger: Logger, options: OpenStorageOptions = {}): Promise<OpenedStorage> {
  const backend: StorageBackend = config.databaseUrl !== undefined ? 'postgres' : 'sqlite'
  const mode: InstanceLockMode = options.lock ?? (config.redisUrl !== undefined ? 'shared' : 'exclusive')
  const lock = options.heldLock ?? (await acquireInstanceLock(config, logger, mode, options.purpose ?? 'relay'))
  let sealedDataExists: string | undefined
  if (config.databaseUrl === undefined) {
    const state = readInstallationState(config.dataDir)
    if (state.movedToPostgres !== null) {
      if (options.heldLock === undefined) {
        await lock.release()
      }
      throw new InstanceLockedError(
        `${config.dataDir} was copied to PostgreSQL (${state.movedToPostgres.target}) at ${state.movedToPostgres.at}; ` +
          'start the relay with DATABASE_URL (and the same master key) instead. Its data here is stale: changes made since live only in PostgreSQL. ' +
          `To go back to this copy on purpose, delete the table moved_to_postgres from ${config.dataDir}/fallbuch.sqlite.`,
      )
    }
    if (state.hasSealedData) {
      sealedDataExists = `${config.dataDir} holds accounts and data sealed with it`
    }
  }
  // A lock the caller took stays the caller's to release.
  const releaseLock = options.heldLock === undefined ? () => lock.release() : async () => undefined
  try {
    const storage = await openConfigured(config, logger, backend, sealedDataExists, options)
    const close = storage.close
    return { storage: { ...storage, close: async () => (await close(), await releaseLock()) }, backend, lock }
  } catch (err) {
    await releaseLock()
    throw err
  }
}

async function openConfigured(
  config: Config,
  logger: Logger,
  backend: StorageBackend,
  sealedDataExists: string | undefined,
  options: OpenStorageOptions,
): Promise<Storage> {
  const masterKeys = loadMasterKeys({
    masterKey: config.masterKey,
    masterKeyFile: config.masterKeyFile,
    dataDir: config.dataDir,
    backend,
    logger,
    ...(sealedDataExists !== undefined ? { sealedDataExists } : {}),
  })
  const storage =
    config.databaseUrl !== undefined
      ? await (await loadPostgres()).openPostgresStorage({
          connectionString: config.databaseUrl,
          schema: config.databaseSchema,
          logger,
          masterKeys,
          ...(options.health ? { health: options.health } : {}),
        })
      : await openSqliteStorage({ dataDir: config.dataDir, synchronous: config.sqliteSynchronous, logger, masterKeys })
  try {
    const counts = await storage.keyring.checkMasterKeys()
    const stale = [...counts.entries()].filter(([id]) => id !== masterKeys.current.id)
    logger.info(
      { masterKeyId: masterKeys.current.id, source: masterKeys.source.kind, dataKeys: [...counts.values()].reduce((a, b) => a + b, 0) },
      'encryption at rest: data keys wrapped by the master key',
    )
    if (stale.length > 0) {
      logger.warn(
        { masterKeyIds: stale.map(([id]) => id), dataKeys: stale.reduce((n, [, count]) => n + count, 0) },
        'some data keys are still wrapped by an older master key: finish the rotation with `npm run rotate-master-key`',
      )
    }
    if (options.skipDataKeyCheck !== true) {
      await checkDataKeys(storage, config, backend, logger)
    }
  } catch (err) {
    await storage.close()
    throw err
  }
  return storage
}

/**
 * Every case and supervision copy must have its data key: a database backup
 * restored with an older keystore (or none) would otherwise look healthy
 * and fail case by case. Ids the operator accepted as lost
 * (ACCEPT_MISSING_DATA_KEYS) only warn.
 */
async function checkDataKeys(storage: Storage, config: Config, backend: StorageBackend, logger: Logger): Promise<void> {
  const { caseIds, copyIds } = await storage.ownersWithoutDataKey()
  const accepted = new Set(config.acceptMissingDataKeys)
  const refused = [...caseIds, ...copyIds].filter((id) => !accepted.has(id))
  if (caseIds.length + copyIds.length > 0 && refused.length === 0) {
    logger.warn({ caseIds, copyIds }, 'these cases and copies have no data key (accepted by ACCEPT_MISSING_DATA_KEYS): their content cannot be read')
    return
  }
  if (refused.length === 0) {
    return
  }
  const keystore = backend === 'sqlite' ? `${config.dataDir}/keys.sqlite` : `the schema ${config.databaseSchema}_keys`
  const named = (label: string, ids: string[]): string => (ids.length === 0 ? '' : `${label} ${ids.slice(0, 20).join(', ')}${ids.length > 20 ? ` and ${ids.length - 20} more` : ''}; `)
  throw new KeystoreMismatchError(
    `the keystore (${keystore}) has no data key for ${named('cases', caseIds.filter((id) => !accepted.has(id)))}` +
      `${named('supervision copies', copyIds.filter((id) => !accepted.has(id)))}` +
      'the database and the keystore come from different points in time (a database backup restored without its keystore, or with an older one). ' +
      'Fix: restore the keystore taken together with this database (`npm run backup` writes both, keystore last), then start again. ' +
      'If that keystore is lost for good, these cases cannot be read by anyone: start with ACCEPT_MISSING_DATA_KEYS=<the ids, comma-separated> ' +
      'to serve the others, and erase those cases.',
  )
}
