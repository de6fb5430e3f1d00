/**
 * `npm run migrate:sqlite-to-postgres`: copies the embedded installation in
 * DATA_DIR into the (empty) PostgreSQL database of DATABASE_URL (schema
 * DATABASE_SCHEMA, default public). Stop the relay first; start it with
 * DATABASE_URL (and REDIS_URL) afterwards.
 */
import { errorMessage } from '../../shared/src/errors.js'
import { ConfigError, loadConfig } from './config/loadConfig.js'
import { loadMasterKeys } from './crypto/masterKeys.js'
import { createLogger } from './log.js'
import { migrateSqliteToPostgres } from './storage/migrateSqliteToPostgres.js'

async function main(): Promise<void> {
  const config = loadConfig(process.env)
  if (config.databaseUrl === undefined) {
    throw new ConfigError('DATABASE_URL must name the target PostgreSQL database, e.g. postgres://fallbuch@db:5432/fallbuch')
  }
  const logger = createLogger({ logLevel: config.logLevel === 'info' ? 'warn' : config.logLevel })
  // The embedded installation's keys: MASTER_KEY / MASTER_KEY_FILE, or DATA_DIR/master.key.
  const masterKeys = loadMasterKeys({ masterKey: config.masterKey, masterKeyFile: config.masterKeyFile, dataDir: config.dataDir, backend: 'sqlite', logger })
  const counts = await migrateSqliteToPostgres({
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    schema: config.databaseSchema,
    logger,
    masterKeys,
  })
  const keyHint =
    masterKeys.source.kind === 'file'
      ? `MASTER_KEY_FILE=${masterKeys.source.path} (or the same key in MASTER_KEY)`
      : 'the same MASTER_KEY'
  
  process.stdout.write(
    `Copied ${config.dataDir}/fallbuch.sqlite into schema ${config.databaseSchema}:\n` +
      `${Object.entries(counts)
        .map(([table, n]) => `  ${table}: ${n}`)
        .join('\n')}\n` +
      `The data keys stay wrapped by master key ${masterKeys.current.id}: start every relay process with ${keyHint}.\n` +
      'Start the relay with DATABASE_URL (and REDIS_URL for several processes) set.\n',
  )
}

main().catch((err: unknown) => {
  process.stderr.write(`Migration failed: ${errorMessage(err)}\n`)
  process.exit(1)
})
