/**
 * Backend selection (contract §6): PostgreSQL when DATABASE_URL is set,
 * otherwise the embedded SQLite file in DATA_DIR.
 */
import { mkdirSync } from 'node:fs'
import type { Config } from '../env.js'
import type { Logger } from '../log.js'
import { PostgresStorage } from './postgres/PostgresStorage.js'
import { SqliteStorage } from './sqlite/SqliteStorage.js'
import type { Storage } from './Storage.js'

/** Which backend {@link openStorage} chose. */
export type StorageBackend = 'sqlite' | 'postgres'

/** Opens (and migrates) the configured storage. */
export async function openStorage(config: Config, logger: Logger): Promise<{ storage: Storage; backend: StorageBackend }> {
  if (config.databaseUrl !== undefined) {
    const storage = await PostgresStorage.open({ connectionString: config.databaseUrl, schema: config.databaseSchema, logger })
    return { storage, backend: 'postgres' }
  }
  mkdirSync(config.dataDir, { recursive: true })
  return { storage: SqliteStorage.open({ dataDir: config.dataDir, synchronous: config.sqliteSynchronous, logger }), backend: 'sqlite' }
}
