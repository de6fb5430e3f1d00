/**
 * `npm run migrate:sqlite-to-postgres`: copies the embedded installation in
 * DATA_DIR into the (empty) PostgreSQL database of DATABASE_URL (schema
 * DATABASE_SCHEMA, default public). Stop the relay first; start it with
 * DATABASE_URL (and REDIS_URL) afterwards.
 */
import { errorMessage } from '../../shared/src/errors.js'
import { ConfigError, loadConfig } from './env.js'
import { createLogger } from './log.js'
import { migrateSqliteToPostgres } from './storage/migrateSqliteToPostgres.js'

async function main(): Promise<void> {
  const config = loadConfig(process.env)
  if (config.databaseUrl === undefined) {
    throw new ConfigError('DATABASE_URL must name the target PostgreSQL database, e.g. postgres://fallbuch@db:5432/fallbuch')
  }
  const counts = await migrateSqliteToPostgres({
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    schema: config.databaseSchema,
    logger: createLogger({ logLevel: config.logLevel === 'info' ? 'warn' : config.logLevel }),
  })
  process.stdout.write(
    `Copied ${config.dataDir}/fallbuch.sqlite into schema ${config.databaseSchema}:\n` +
      `${Object.entries(counts)
        .map(([table, n]) => `  ${table}: ${n}`)
        .join('\n')}\n` +
      'Start the relay with DATABASE_URL (and REDIS_URL for several processes) set.\n',
  )
}

main().catch((err: unknown) => {
  process.stderr.write(`Migration failed: ${errorMessage(err)}\n`)
  process.exit(1)
})
