/**
 * The relay's configuration, read once from the environment and validated
 * with zod so a typo fails at start with every bad variable named.
 */
import { existsSync } from 'node:fs'
import { isIP } from 'node:net'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'
import type { LoginThrottleRules } from './auth/LoginThrottle.js'
import { parseTrustProxy, TrustProxyError } from './http/clientAddress.js'

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

/** Operations settings (issue 23): metrics access, shutdown drain, keys accepted as lost. */
const OpsEnvShape = {
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters (e.g. openssl rand -hex 24)').optional(),
  METRICS_ALLOW: z
    .string()
    .refine((value) => parseAddressList(value) !== null, 'must be `loopback`, `none`, or a comma list of addresses and CIDR ranges (10.0.0.0/8, ::1)')
    .default('loopback'),
  SHUTDOWN_DRAIN_MS: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(0).default(0),
  ACCEPT_MISSING_DATA_KEYS: z
    .string()
    .regex(/^[A-Za-z0-9_-]+(,[A-Za-z0-9_-]+)*$/, 'must be case or copy ids separated by commas')
    .optional(),
}

/** One entry of an address list: an address or a CIDR range. */
export interface AddressRule {
  address: string
  prefix: number
  family: 'ipv4' | 'ipv6'
}

/** Parses METRICS_ALLOW (`loopback` stands for 127.0.0.0/8 and ::1; `none` for nothing); null when invalid. */
export function parseAddressList(value: string): AddressRule[] | null {
  const rules: AddressRule[] = []
  for (const raw of value.split(',').map((part) => part.trim()).filter((part) => part !== '')) {
    if (raw === 'none') {
      continue
    }
    if (raw === 'loopback') {
      rules.push({ address: '127.0.0.0', prefix: 8, family: 'ipv4' }, { address: '::1', prefix: 128, family: 'ipv6' })
      continue
    }
    const [address = '', prefixText] = raw.split('/')
    const family = isIP(address) === 4 ? 'ipv4' : isIP(address) === 6 ? 'ipv6' : null
    const max = family === 'ipv4' ? 32 : 128
    const prefix = prefixText === undefined ? max : Number(prefixText)
    if (family === null || !Number.isInteger(prefix) || prefix < 0 || prefix > max) {
      return null
    }
    rules.push({ address, prefix, family })
  }
  return rules
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
  CONSENT_SWEEP_MS: positiveInt.default(60_000),
  RETENTION_YEARS: positiveInt.default(5),
  TIME_ZONE: z
    .string()
    .refine((zone) => {
      try {
        new Intl.DateTimeFormat('en-CA', { timeZone: zone })
        return true
      } catch {
        return false
      }
    }, 'must be an IANA time zone such as Europe/Berlin')
    .default('Europe/Berlin'),
  RETENTION_SWEEP_MS: positiveInt.default(3_600_000),
  COMPACT_AFTER_UPDATES: positiveInt.default(500),
  COMPACT_AFTER_BYTES: positiveInt.default(1_048_576),
  ROOM_IDLE_MS: z.coerce.number().int().min(0).default(10_000),
  MAX_MESSAGE_BYTES: positiveInt.default(8 * 1024 * 1024),
  SQLITE_SYNCHRONOUS: z.enum(['normal', 'full']).default('normal'),
  SERVICE_COUNTRY: z.enum(['DE', 'CH'], { error: 'must be DE or CH' }).default('DE'),
  VERSION_SETTLE_MS: positiveInt.default(120_000),
  // Checked in detail by crypto/masterKeys.ts (without ever echoing the value).
  MASTER_KEY: z.string().regex(/^[A-Za-z0-9+/=_,\s-]+$/, 'must be base64 of 32 bytes (several separated by commas, current first)').optional(),
  MASTER_KEY_FILE: z.string().min(1).optional(),
  ...OpsEnvShape,
})

/** Variables whose value an error message must not repeat. */
const SecretVariables: ReadonlySet<string> = new Set(['MASTER_KEY', 'METRICS_TOKEN', 'SMTP_URL'])

/** Validated relay configuration. */
export interface Config extends ScaleOutConfig, NetworkConfig, MailConfig {
  /** Limits of the sync endpoint (issue 9); every field has an environment variable. */
  limits: RelayLimits
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
  /** How often consent grants past their end date are looked for (they close open connections then). */
  consentSweepMs: number
  /** Years a closed case is kept before it is erased automatically. */
  retentionYears: number
  /** The zone of calendar days (a consent's last day): where the people of the service live. */
  timeZone: string
  /** How often cases past their retention period are looked for. */
  retentionSweepMs: number
  /** Stored updates per room after which the room's log is compacted. */
  compactAfterUpdates: number
  /** Bytes appended to a room's log since its last compaction after which it is compacted. */
  compactAfterBytes: number
  /** How long a room without connections stays in memory. */
  roomIdleMs: number
  /** Largest WebSocket message accepted. */
  maxMessageBytes: number
  /** SQLite `synchronous` pragma (contract §6). */
  sqliteSynchronous: 'normal' | 'full'
  /** Where the service works (SERVICE_COUNTRY): the cases' agreement flow (contract §8.3; CH: the coaches agree too). */
  serviceCountry: 'DE' | 'CH'
  /** A plan or notes document unchanged for this long gets a "settled" version (contract §8.4). */
  versionSettleMs: number
  /**
   * MASTER_KEY: base64 master key(s) of encryption at rest, current first,
   * comma-separated. Never log it.
   */
  masterKey: string | undefined
  /** MASTER_KEY_FILE: a file with one base64 master key per line, current first. */
  masterKeyFile: string | undefined
  /** METRICS_TOKEN: a bearer token that opens /metrics from any address. Never log it. */
  metricsToken: string | undefined
  /** METRICS_ALLOW: addresses that may read /metrics without the token (default: loopback). */
  metricsAllow: AddressRule[]
  /** SHUTDOWN_DRAIN_MS: after SIGTERM, /readyz answers 503 this long before connections close (the load balancer stops sending first). */
  shutdownDrainMs: number
  /** ACCEPT_MISSING_DATA_KEYS: case / copy ids whose lost data keys the operator accepted (start-up check). */
  acceptMissingDataKeys: string[]
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
  const scaleOut = ScaleOutEnvSchema.safeParse(cleaned)
  const limits = LimitsEnvSchema.safeParse(cleaned)
  const network = NetworkEnvSchema.safeParse(cleaned)
  const mail = MailEnvSchema.safeParse(cleaned)
  if (!parsed.success || !scaleOut.success || !limits.success || !network.success || !mail.success) {
    const issues = [
      ...(parsed.error?.issues ?? []),
      ...(scaleOut.error?.issues ?? []),
      ...(limits.error?.issues ?? []),
      ...(network.error?.issues ?? []),
      ...(mail.error?.issues ?? []),
    ]
    const lines = issues.map((issue) => {
      const name = issue.path.join('.')
      return `  ${name}=${SecretVariables.has(name) ? '(hidden)' : JSON.stringify(env[name] ?? '')}: ${issue.message}`
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
    consentSweepMs: values.CONSENT_SWEEP_MS,
    retentionYears: values.RETENTION_YEARS,
    timeZone: values.TIME_ZONE,
    retentionSweepMs: values.RETENTION_SWEEP_MS,
    compactAfterUpdates: values.COMPACT_AFTER_UPDATES,
    compactAfterBytes: values.COMPACT_AFTER_BYTES,
    roomIdleMs: values.ROOM_IDLE_MS,
    maxMessageBytes: values.MAX_MESSAGE_BYTES,
    sqliteSynchronous: values.SQLITE_SYNCHRONOUS,
    serviceCountry: values.SERVICE_COUNTRY,
    versionSettleMs: values.VERSION_SETTLE_MS,
    masterKey: values.MASTER_KEY,
    masterKeyFile: values.MASTER_KEY_FILE === undefined ? undefined : resolve(values.MASTER_KEY_FILE),
    metricsToken: values.METRICS_TOKEN,
    metricsAllow: parseAddressList(values.METRICS_ALLOW) ?? [],
    shutdownDrainMs: values.SHUTDOWN_DRAIN_MS,
    acceptMissingDataKeys: values.ACCEPT_MISSING_DATA_KEYS?.split(',') ?? [],
    ...toScaleOutConfig(scaleOut.data),
    limits: toRelayLimits(limits.data),
    ...toNetworkConfig(network.data),
    ...toMailConfig(mail.data),
  }
}

// --- Scale-out (contract §6): PostgreSQL and Redis instead of embedded SQLite ---

const ScaleOutEnvSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a PostgreSQL URL such as postgres://fallbuch@db.example.org:5432/fallbuch')
    .optional(),
  DATABASE_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case SQL identifier').default('public'),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a Redis URL such as redis://redis.example.org:6379').optional(),
  REDIS_PREFIX: z.string().min(1).max(100).default('fallbuch:'),
  FANOUT_CATCHUP_MS: positiveInt.default(5_000),
}).refine((values) => values.REDIS_URL === undefined || values.DATABASE_URL !== undefined, {
  path: ['REDIS_URL'],
  message: 'needs DATABASE_URL: several processes share PostgreSQL, not an embedded SQLite file',
})

/** Where the scaled-out relay keeps its data and fans out; all unset means embedded SQLite. */
export interface ScaleOutConfig {
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

function toScaleOutConfig(values: z.infer<typeof ScaleOutEnvSchema>): ScaleOutConfig {
  return {
    databaseUrl: values.DATABASE_URL,
    databaseSchema: values.DATABASE_SCHEMA,
    redisUrl: values.REDIS_URL,
    redisPrefix: values.REDIS_PREFIX,
    fanoutCatchUpMs: values.FANOUT_CATCHUP_MS,
  }
}

// --- Limits of the sync endpoint (issue 9: hostile input, floods, slow readers) ---

const LimitsEnvSchema = z.object({
  MAX_UPDATE_STRUCTS: positiveInt.default(100_000),
  MAX_UPDATE_DEPTH: positiveInt.default(64),
  SYNC_MESSAGES_PER_SECOND: positiveInt.default(50),
  SYNC_MESSAGE_BURST: positiveInt.default(500),
  AWARENESS_MESSAGES_PER_SECOND: positiveInt.default(20),
  AWARENESS_MESSAGE_BURST: positiveInt.default(200),
  MAX_SEND_BUFFER_BYTES: positiveInt.default(32 * 1024 * 1024),
  MAX_CONNECTIONS_PER_ACCOUNT: positiveInt.default(100),
  MAX_CONNECTIONS_PER_ADDRESS: positiveInt.default(500),
  MAX_LOADED_ROOMS: positiveInt.default(5_000),
})

/**
 * Limits of the sync endpoint. The defaults leave room for normal use (typing
 * sends one update and one awareness message per keystroke; a reconnect sends
 * a handful) and stop floods, hoarders and clients that stop reading.
 */
export interface RelayLimits {
  /** Structs plus delete ranges in one update (MAX_UPDATE_STRUCTS); more closes with 4413. */
  maxUpdateStructs: number
  /** Nesting depth of shared types an update may create (MAX_UPDATE_DEPTH); deeper closes with 4400. */
  maxUpdateDepth: number
  /** Sync messages (step 1, step 2, update) per second and connection, sustained (SYNC_MESSAGES_PER_SECOND). */
  syncMessagesPerSecond: number
  /** Sync messages a connection may send at once (SYNC_MESSAGE_BURST); beyond the bucket it closes with 4429. */
  syncMessageBurst: number
  /** Awareness and query-awareness messages per second and connection (AWARENESS_MESSAGES_PER_SECOND). */
  awarenessMessagesPerSecond: number
  /** Awareness messages at once (AWARENESS_MESSAGE_BURST); beyond the bucket the connection closes with 4429. */
  awarenessMessageBurst: number
  /** Bytes queued for a client that does not read (MAX_SEND_BUFFER_BYTES); beyond it the connection is dropped and logged. */
  maxSendBufferBytes: number
  /** Open sync connections per account (MAX_CONNECTIONS_PER_ACCOUNT); more are refused with HTTP 429. */
  maxConnectionsPerAccount: number
  /** Open sync connections per client address (MAX_CONNECTIONS_PER_ADDRESS); more are refused with HTTP 429. */
  maxConnectionsPerAddress: number
  /** Rooms held in memory by this process (MAX_LOADED_ROOMS); opening another is refused with HTTP 503. */
  maxLoadedRooms: number
}

function toRelayLimits(values: z.infer<typeof LimitsEnvSchema>): RelayLimits {
  return {
    maxUpdateStructs: values.MAX_UPDATE_STRUCTS,
    maxUpdateDepth: values.MAX_UPDATE_DEPTH,
    syncMessagesPerSecond: values.SYNC_MESSAGES_PER_SECOND,
    syncMessageBurst: values.SYNC_MESSAGE_BURST,
    awarenessMessagesPerSecond: values.AWARENESS_MESSAGES_PER_SECOND,
    awarenessMessageBurst: values.AWARENESS_MESSAGE_BURST,
    maxSendBufferBytes: values.MAX_SEND_BUFFER_BYTES,
    maxConnectionsPerAccount: values.MAX_CONNECTIONS_PER_ACCOUNT,
    maxConnectionsPerAddress: values.MAX_CONNECTIONS_PER_ADDRESS,
    maxLoadedRooms: values.MAX_LOADED_ROOMS,
  }
}

// --- Proxies and login throttling (contract §8.5) ---

const NetworkEnvSchema = z.object({
  TRUST_PROXY: z
    .string()
    .refine((value) => {
      try {
        parseTrustProxy(value)
        return true
      } catch (err) {
        if (err instanceof TrustProxyError) {
          return false
        }
        throw err
      }
    }, 'must be `loopback` or a comma list of proxy addresses / CIDRs such as 10.0.0.2,192.168.1.0/24')
    .optional(),
  LOGIN_FAILURES_PER_ACCOUNT_ADDRESS: positiveInt.default(5),
  LOGIN_FAILURES_PER_ADDRESS: positiveInt.default(30),
  LOGIN_THROTTLE_WINDOW_MINUTES: positiveInt.default(15),
})

/** Where client addresses come from, and how failed logins are limited. */
export interface NetworkConfig {
  /**
   * TRUST_PROXY as written: the proxies whose X-Forwarded-For entry is the
   * client address (`loopback`, addresses, CIDRs); unset, the header is ignored.
   */
  trustProxy: string | undefined
  /** Failed logins allowed per (account, client address) and per client address in one window. */
  loginThrottle: LoginThrottleRules
}

function toNetworkConfig(values: z.infer<typeof NetworkEnvSchema>): NetworkConfig {
  const windowMs = values.LOGIN_THROTTLE_WINDOW_MINUTES * 60_000
  return {
    trustProxy: values.TRUST_PROXY,
    loginThrottle: {
      accountAddress: { maxFailures: values.LOGIN_FAILURES_PER_ACCOUNT_ADDRESS, windowMs },
      address: { maxFailures: values.LOGIN_FAILURES_PER_ADDRESS, windowMs },
    },
  }
}

// --- Mail (contract §8.5, issue 22): SMTP, the outbox's retries, the daily digest ---

const MailEnvSchema = z
  .object({
    SMTP_URL: z.string().regex(/^smtps?:\/\/[^\s]+$/, 'must be an SMTP URL such as smtp://user:password@mail.example.org:587').optional(),
    MAIL_FROM: z.string().min(3).max(200).optional(),
    MAIL_RETRY_MS: positiveInt.default(60_000),
    DIGEST_HOUR: z.coerce.number().int().min(0).max(23).default(7),
    DIGEST_SWEEP_MS: positiveInt.default(15 * 60_000),
  })
  .refine((values) => values.SMTP_URL === undefined || values.MAIL_FROM !== undefined, {
    path: ['MAIL_FROM'],
    message: 'is needed with SMTP_URL, e.g. "Fallbuch <fallbuch@example.org>"',
  })

/** Mail settings; without `smtpUrl` nothing is sent and the UI shows links to copy. */
export interface MailConfig {
  /** SMTP_URL: `smtp://user:password@host:587` (STARTTLS when offered) or `smtps://` (TLS). Never log it. */
  smtpUrl: string | undefined
  /** MAIL_FROM: the sender, e.g. `Fallbuch <fallbuch@example.org>`. */
  mailFrom: string | undefined
  /** MAIL_RETRY_MS: how often the outbox looks for mails due (again). */
  mailRetryMs: number
  /** DIGEST_HOUR: from this hour (TIME_ZONE) on, the day's reminder digest goes out. */
  digestHour: number
  /** DIGEST_SWEEP_MS: how often accounts due a digest are looked for. */
  digestSweepMs: number
}

function toMailConfig(values: z.infer<typeof MailEnvSchema>): MailConfig {
  return {
    smtpUrl: values.SMTP_URL,
    mailFrom: values.MAIL_FROM,
    mailRetryMs: values.MAIL_RETRY_MS,
    digestHour: values.DIGEST_HOUR,
    digestSweepMs: values.DIGEST_SWEEP_MS,
  }
}
