/**
 * Backend selection (contract §6): PostgreSQL when DATABASE_URL is set,
 * otherwise the embedded SQLite file in DATA_DIR. Both seal their content
 * with the master keys of the configuration (crypto/masterKeys.ts).
 */
import { mkdirSync } from 'node:fs'
import { loadMasterKeys } from '../crypto/masterKeys.js'
import type { Config } from '../env.js'
import type { Logger } from '../log.js'
import { openPostgresStorage } from './postgres/openPostgresStorage.js'
import { openSqliteStorage } from './sqlite/openSqliteStorage.js'
import type { Storage } from './Storage.js'

/** Which backend {@link openStorage} chose. */
export type StorageBackend = 'sqlite' | 'postgres'

/** Opens (and migrates) the configured storage. */
export async function openStorage(config: Config, logger: Logger): Promise<{ storage: Storage; backend: StorageBackend }> {
  const backend: StorageBackend = config.databaseUrl !== undefined ? 'postgres' : 'sqlite'
  if (backend === 'sqlite') {
    mkdirSync(config.dataDir, { recursive: true })
  }
  const masterKeys = loadMasterKeys({ masterKey: config.masterKey, masterKeyFile: config.masterKeyFile, dataDir: config.dataDir, backend, logger })
  const storage =
    config.databaseUrl !== undefined
      ? await openPostgresStorage({ connectionString: config.databaseUrl, schema: config.databaseSchema, logger, masterKeys })
      : await openSqliteStorage({ dataDir: config.dataDir, synchronous: config.sqliteSynchronous, logger, masterKeys })
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
  return { storage, backend }
}
