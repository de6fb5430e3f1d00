/**
 * Relay processes as separate OS processes (`node --import tsx
 * server/src/main.ts`), for tests that kill one with SIGKILL or cut its
 * database; stopped when the test file ends (helpers/processes.ts).
 */
import { type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { embeddedEnv } from './embeddedEnv.js'
import { spawnTracked, stopProcess, waitForOutput } from './processes.js'

const root = join(dirname(fileURLToPath(import.meta.url)), '../..')

/** A relay running as its own process. */
export interface RelayProcess {
  url: string
  wsUrl: string
  port: number
  /** The setup token it printed, if it printed one. */
  setupToken: string | null
  /** Everything it wrote so far. */
  output(): string
  /** SIGKILL: no shutdown, no compaction, no goodbye to its sockets. */
  kill(): Promise<void>
  /** SIGTERM: the graceful shutdown (drain, 1001, compaction). */
  stop(): Promise<void>
  /** Whether the process still runs. */
  alive(): boolean
}

/** A free TCP port on 127.0.0.1 (free when asked). */
export async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  await new Promise((resolve) => server.close(resolve))
  if (address === null || typeof address === 'string') {
    throw new Error('no free port')
  }
  return address.port
}

/**
 * Starts `server/src/main.ts` with `env` on a free port; stopped when the
 * test file ends. `embedded`: without the scaled-out settings this test
 * process may have (SQLite in env's DATA_DIR).
 */
export async function startRelayProcess(env: Record<string, string>, options: { embedded?: boolean } = {}): Promise<RelayProcess> {
  const port = await freePort()
  const base = options.embedded === true ? embeddedEnv({}) : process.env
  const child: ChildProcess = spawnTracked(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: root,
    env: { ...base, LOG_LEVEL: 'info', ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  await waitForOutput(child, () => output, /Fallbuch relay listening/)
  return {
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/sync`,
    port,
    setupToken: /setup\?token=(\S+)/.exec(output)?.[1] ?? null,
    output: () => output,
    kill: () => stopProcess(child, 'SIGKILL'),
    stop: () => stopProcess(child, 'SIGTERM'),
    alive: () => child.exitCode === null && child.signalCode === null,
  }
}
