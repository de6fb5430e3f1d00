/**
 * A redis-server of a test's own on a free port, to stop and start again
 * (the shared Redis of REDIS_URL must stay up for the other test files).
 * Stopped when the test file ends (helpers/processes.ts).
 */
import type { ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { freePort } from './relayProcess.js'
import { spawnTracked, stopProcess, waitForOutput } from './processes.js'

/** The redis-server binary, if installed. */
export const redisServerBinary = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((path) => existsSync(path))

/** A private Redis. */
export interface OwnRedis {
  url: string
  /** Stops it (SIGTERM; its clients see the connection close). */
  stop(): Promise<void>
  /** Starts it again on the same port. */
  start(): Promise<void>
}

/** Starts a private redis-server (no persistence) on a free loopback port. */
export async function startOwnRedis(): Promise<OwnRedis> {
  if (redisServerBinary === undefined) {
    throw new Error('redis-server is not installed')
  }
  const port = await freePort()
  let child: ChildProcess | null = null
  const start = async (): Promise<void> => {
    const started = spawnTracked(redisServerBinary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    started.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
    started.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
    await waitForOutput(started, () => output, /Ready to accept connections/)
    child = started
  }
  await start()
  return {
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      if (child !== null) {
        await stopProcess(child, 'SIGTERM')
        child = null
      }
    },
    start,
  }
}
