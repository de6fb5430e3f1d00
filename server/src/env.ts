/**
 * The relay's configuration, read once from the environment and validated
 * with zod so a typo fails at start with every bad variable named.
 */
import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'

/** Finds the project root (the folder with package.json) above this file, from src and from dist alike. */
function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url))
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) {
      return dir
    }
    const parent = dirname(dir)
    if (parent === dir) {
      return process.cwd()
    }
    dir = parent
  }
}

const LogLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])

const positiveInt = z.coerce.number({ error: 'must be a number' }).int('must be a whole number').positive('must be greater than 0')

const EnvSchema = z.object({
  PORT: z.coerce.number({ error: 'must be a port number (0-65535)' }).int('must be a whole number').min(0).max(65_535, 'must be at most 65535').default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  PUBLIC_URL: z.url({ message: 'must be an absolute URL such as https://fallbuch.example.org' }).optional(),
  CLIENT_DIR: z.string().min(1).optional(),
  LOG_LEVEL: LogLevel.default('info'),
  SESSION_MAX_AGE_HOURS: positiveInt.default(336),
  SESSION_IDLE_HOURS: positiveInt.default(12),
  SESSION_SWEEP_MS: positiveInt.default(30_000),
  COMPACT_AFTER_UPDATES: positiveInt.default(500),
  ROOM_IDLE_MS: z.coerce.number().int().min(0).default(10_000),
  MAX_MESSAGE_BYTES: positiveInt.default(8 * 1024 * 1024),
  SQLITE_SYNCHRONOUS: z.enum(['normal', 'full']).default('normal'),
})

/** Validated relay configuration. */
export interface Config {
  /** TCP port; 0 picks a free one (tests). */
  port: number
  /** Interface to listen on. */
  host: string
  /** Folder holding the SQLite database; created if missing. */
  dataDir: string
  /** Public base URL behind a proxy; https turns on Secure cookies. */
  publicUrl: string | undefined
  /** Folder of the built client (index.html, assets). */
  clientDir: string
  /** pino log level. */
  logLevel: z.infer<typeof LogLevel>
  /** Absolute lifetime of a login session. */
  sessionMaxAgeHours: number
  /** A session without a request for this long ends. */
  sessionIdleHours: number
  /** How often open WebSockets and event streams are checked for ended sessions. */
  sessionSweepMs: number
  /** Stored updates per room after which the room's log is compacted. */
  compactAfterUpdates: number
  /** How long a room without connections stays in memory. */
  roomIdleMs: number
  /** Largest WebSocket message accepted. */
  maxMessageBytes: number
  /** SQLite `synchronous` pragma (contract §6). */
  sqliteSynchronous: 'normal' | 'full'
}

/** Thrown by {@link loadConfig}; the message lists every bad variable. */
export class ConfigError extends Error {
  override name = 'ConfigError'
}

/** Parses the relay configuration from an environment (usually `process.env`). */
export function loadConfig(env: Record<string, string | undefined>): Config {
  // Empty strings count as unset, as in most .env tooling.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''))
  const parsed = EnvSchema.safeParse(cleaned)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = issue.path.join('.')
      return `  ${name}=${JSON.stringify(env[name] ?? '')}: ${issue.message}`
    })
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`)
  }
  const values = parsed.data
  return {
    port: values.PORT,
    host: values.HOST,
    dataDir: resolve(values.DATA_DIR),
    publicUrl: values.PUBLIC_URL?.replace(/\/+$/, ''),
    clientDir: resolve(values.CLIENT_DIR ?? join(projectRoot(), 'dist', 'client')),
    logLevel: values.LOG_LEVEL,
    sessionMaxAgeHours: values.SESSION_MAX_AGE_HOURS,
    sessionIdleHours: values.SESSION_IDLE_HOURS,
    sessionSweepMs: values.SESSION_SWEEP_MS,
    compactAfterUpdates: values.COMPACT_AFTER_UPDATES,
    roomIdleMs: values.ROOM_IDLE_MS,
    maxMessageBytes: values.MAX_MESSAGE_BYTES,
    sqliteSynchronous: values.SQLITE_SYNCHRONOUS,
  }
}
