/**
 * Starts the real Fallbuch server in-process for tests: port 0, a fresh
 * temporary DATA_DIR, silent logs (unless LOG_LEVEL is set). The relay is
 * stopped and the temp dir removed when the calling test ends (or the file,
 * when started outside a test: whenDone.ts).
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startServer } from '../../server/src/createServer.js'
import type { Clock } from '../../server/src/clock.js'
import { loadConfig, type Config } from '../../server/src/config/loadConfig.js'
import { testMasterKey } from './atRest.js'
import type { Keyring } from '../../server/src/crypto/Keyring.js'
import type { Metrics } from '../../server/src/metrics.js'
import { pino, type Logger } from 'pino'
import { cleanupScope } from './whenDone.js'

/** A relay started by {@link startRelay}. */
export interface TestRelay {
  /** `http://127.0.0.1:<port>` */
  url: string
  /** `ws://127.0.0.1:<port>/sync`, the WebsocketProvider's server URL. */
  wsUrl: string
  port: number
  /** The relay's DATA_DIR (holds fallbuch.sqlite). */
  dataDir: string
  /** The first-account setup token, or null when an account exists. */
  setupToken: string | null
  /** The relay's data keys (destroyCaseKey crypto-shreds a case). */
  keyring: Keyring
  /** The relay's metrics. */
  metrics: Metrics
  /** Gracefully stops the relay (closes sockets with 1001, compacts rooms). */
  stop(): Promise<void>
  /** Stops and starts again on the same dataDir (a new port). */
  restart(): Promise<TestRelay>
}

/**
 * Overrides of the relay config; `dataDir` reuses an existing folder (not
 * removed afterwards); `clock` replaces the system clock (move time past end
 * dates).
 */
export type RelayOverrides = Partial<Config> & { dataDir?: string; clock?: Clock; logger?: Logger }

/** A logger whose lines (JSON objects) a test can read: what the operator's log would show. */
export function captureLogger(level = 'info'): { logger: Logger; lines(): Array<Record<string, unknown>>; messages(): string[] } {
  const lines: Array<Record<string, unknown>> = []
  const logger = pino({ level }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) })
  return { logger, lines: () => lines, messages: () => lines.map((line) => String(line.msg)) }
}

/** Starts a relay for a test; see {@link TestRelay}. */
export async function startRelay(overrides: RelayOverrides = {}): Promise<TestRelay> {
  const scope = cleanupScope()
  let dataDir = overrides.dataDir
  if (dataDir === undefined) {
    const created = await mkdtemp(join(tmpdir(), 'fallbuch-test-'))
    // Registered before the relay's own cleanup, so it runs after it (hooks run in reverse order).
    scope(() => rm(created, { recursive: true, force: true }))
    dataDir = created
  }
  const base = loadConfig({ LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' })
  const { clock, logger, ...configOverrides } = overrides
  const config: Config = { ...base, port: 0, host: '127.0.0.1', ...configOverrides, dataDir }
  // Relays sharing PostgreSQL share a master key; an embedded relay generates DATA_DIR/master.key.
  if (config.databaseUrl !== undefined && config.masterKey === undefined && config.masterKeyFile === undefined) {
    config.masterKey = testMasterKey
  }
  return launch(config, clock, logger, scope)
}

async function launch(config: Config, clock: Clock | undefined, logger: Logger | undefined, scope: ReturnType<typeof cleanupScope>): Promise<TestRelay> {
  // The line with the setup link is for operators; keep test output clean.
  const write = process.stdout.write
  process.stdout.write = (() => true) as typeof process.stdout.write
  let server
  try {
    server = await startServer(config, { ...(clock ? { clock } : {}), ...(logger ? { logger } : {}) })
  } finally {
    process.stdout.write = write
  }
  const running = server
  let stopped = false
  const relay: TestRelay = {
    url: running.url,
    wsUrl: `ws://127.0.0.1:${running.port}/sync`,
    port: running.port,
    dataDir: config.dataDir,
    setupToken: running.setupToken,
    keyring: running.keyring,
    metrics: running.metrics,
    async stop() {
      // Once: the end of the test stops it too (whenDone), after a test's own stop.
      if (!stopped) {
        stopped = true
        await running.close()
      }
    },
    async restart() {
      if (!stopped) {
        await relay.stop()
      }
      return launch({ ...config, port: 0 }, clock, logger, scope)
    },
  }
  scope(() => relay.stop())
  return relay
}
