/**
 * Relay processes as separate OS processes (`node --import tsx
 * server/src/main.ts`), for tests that kill one with SIGKILL, and a TCP
 * proxy standing in for a load balancer: it forwards each new connection to
 * the first upstream that accepts it.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { connect as connectTcp, createServer, type Socket } from 'node:net'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll } from 'vitest'

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
}

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  await new Promise((resolve) => server.close(resolve))
  if (address === null || typeof address === 'string') {
    throw new Error('no free port')
  }
  return address.port
}

/** Starts `server/src/main.ts` with `env` on a free port; killed when the test file ends. */
export async function startRelayProcess(env: Record<string, string>): Promise<RelayProcess> {
  const port = await freePort()
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'info', ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  afterAll(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL')
      await exited
    }
  })
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`relay process did not start within 20 s:\n${output}`)), 20_000)
    const check = (): void => {
      if (output.includes('Fallbuch relay listening')) {
        clearTimeout(timer)
        resolve()
      }
    }
    child.stdout?.on('data', check)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`relay process exited with ${code}:\n${output}`))
    })
  })
  return {
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/sync`,
    port,
    setupToken: /setup\?token=(\S+)/.exec(output)?.[1] ?? null,
    output: () => output,
    async kill() {
      child.kill('SIGKILL')
      await exited
    },
  }
}

/** A proxy in front of several relays: each new connection goes to the first that accepts it. */
export interface FailoverProxy {
  port: number
  wsUrl: string
}

/** Starts a {@link FailoverProxy} to 127.0.0.1 `ports` (in order of preference); closed when the test file ends. */
export async function startFailoverProxy(ports: readonly number[]): Promise<FailoverProxy> {
  const open = new Set<Socket>()
  const server = createServer((client) => {
    client.pause()
    open.add(client)
    const tryPort = (index: number): void => {
      const port = ports[index]
      if (port === undefined) {
        client.destroy()
        return
      }
      const upstream = connectTcp(port, '127.0.0.1')
      upstream.once('error', () => {
        if (!upstream.readyState.startsWith('open')) {
          tryPort(index + 1)
        }
      })
      upstream.once('connect', () => {
        open.add(upstream)
        const drop = (): void => {
          client.destroy()
          upstream.destroy()
          open.delete(client)
          open.delete(upstream)
        }
        upstream.on('error', drop)
        client.on('error', drop)
        upstream.on('close', drop)
        client.on('close', drop)
        client.pipe(upstream)
        upstream.pipe(client)
        client.resume()
      })
    }
    tryPort(0)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (address === null || typeof address === 'string') {
    throw new Error('proxy has no port')
  }
  afterAll(async () => {
    for (const socket of open) {
      socket.destroy()
    }
    await new Promise((resolve) => server.close(resolve))
  })
  return { port: address.port, wsUrl: `ws://127.0.0.1:${address.port}/sync` }
}
