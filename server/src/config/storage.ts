/**
 * Where the data lives (contract §6): embedded SQLite in DATA_DIR, or, scaled
 * out, PostgreSQL and Redis shared by several relay processes.
 */
import { resolve } from 'node:path'
import { z } from 'zod'
import { defineSection, namedFields, positiveInt } from './section.js'

const EmbeddedEnvSchema = z.object({
  DATA_DIR: z.string().min(1).default('./data'),
  SQLITE_SYNCHRONOUS: z.enum(['normal', 'full']).default('normal'),
})

// Its own schema: the REDIS_URL rule is checked even when a variable above is bad.
const ScaleOutEnvSchema = z
  .object({
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a PostgreSQL URL such as postgres://fallbuch@db.example.org:5432/fallbuch')
      .optional(),
    DATABASE_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case SQL identifier').default('public'),
    REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a Redis URL such as redis://redis.example.org:6379').optional(),
    REDIS_PREFIX: z.string().min(1).max(100).default('fallbuch:'),
    FANOUT_CATCHUP_MS: positiveInt.default(5_000),
  })
  .refine((values) => values.REDIS_URL === undefined || values.DATABASE_URL !== undefined, {
    path: ['REDIS_URL'],
    message: 'needs DATABASE_URL: several processes share PostgreSQL, not an embedded SQLite file',
  })

/** Where the relay keeps its data and fans out; no DATABASE_URL means embedded SQLite. */
export interface StorageConfig {
  /** Folder holding the SQLite database; created if missing. */
  dataDir: string
  /** SQLite `synchronous` pragma (contract §6). */
  sqliteSynchronous: 'normal' | 'full'
  /** PostgreSQL connection URL; set, it replaces SQLite. */
  databaseUrl: string | undefined
  /** PostgreSQL schema holding Fallbuch's tables (tests use one per file). */
  databaseSchema: string
  /** Redis URL for fan-out between relay processes; needs `databaseUrl`. */
  redisUrl: string | undefined
  /** Prefix of every Redis channel (several installations on one Redis, tests). */
  redisPrefix: string
  /** How often loaded rooms are compared with their head in PostgreSQL, to fetch rows whose fan-out message was lost. */
  fanoutCatchUpMs: number
}

type EmbeddedConfig = Pick<StorageConfig, 'dataDir' | 'sqliteSynchronous'>

export const EmbeddedStorageSettings = defineSection(EmbeddedEnvSchema, (values): EmbeddedConfig => ({
  dataDir: resolve(values.DATA_DIR),
  sqliteSynchronous: values.SQLITE_SYNCHRONOUS,
}))

export const ScaleOutSettings = defineSection(
  ScaleOutEnvSchema,
  ({ FANOUT_CATCHUP_MS, ...values }): Omit<StorageConfig, keyof EmbeddedConfig> => ({
    ...namedFields(values),
    fanoutCatchUpMs: FANOUT_CATCHUP_MS,
  }),
)
