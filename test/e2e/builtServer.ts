import type { ChildProcess } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { whenDone } from '../helpers/whenDone.js'
import { embeddedEnv } from '../helpers/embeddedEnv.js'
import { spawnTracked, stopProcess } from '../helpers/processes.js'

const serverEntry = join(dirname(fileURLToPath(import.meta.url)), '../../dist/server/server/src/main.js')

/** The built server (`dist/`) running as its own process, as `npm start` runs it. */
export interface BuiltServer {
  url: string
  /** The link the server printed for creating the first account. */
  setupUrl: string
  dataDir: string
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string
  stop(): Promise<void>
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

/** Starts `node dist/server/server/src/main.js` on a free port with a fresh DATA_DIR; stopped and the folder removed when the calling test ends (whenDone.ts). */
export async function startBuiltServer(): Promise<BuiltServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'fallbuch-e2e-'))
  const port = await freePort()
  // Tracked: ended when the file ends, also after a failure or a timeout (issue 23 point 8).
  const child: ChildProcess = spawnTracked(process.execPath, [serverEntry], {
    // `npm start` on a fresh machine: the embedded default, whatever the test run exports.
    env: embeddedEnv({ PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn' }),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))

  const setupUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no setup link printed within 20 s:\n${output}`)), 20_000)
    const check = (): void => {
      const match = /(http:\/\/\S+\/setup\?token=\S+)/.exec(output)
      if (match?.[1] !== undefined) {
        clearTimeout(timer)
        resolve(match[1])
      }
    }
    child.stdout?.on('data', check)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`server exited with ${code}:\n${output}`))
    })
  })

  const server: BuiltServer = {
    url: `http://127.0.0.1:${port}`,
    setupUrl,
    dataDir,
    output: () => output,
    async stop() {
      await stopProcess(child, 'SIGTERM')
      await rm(dataDir, { recursive: true, force: true })
    },
  }
  whenDone(() => server.stop())
  return server
}
