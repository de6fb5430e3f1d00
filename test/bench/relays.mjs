/**
 * Starts the relays under test, each in its own child process on loopback:
 * Fallbuch (the built server, fresh temporary DATA_DIR, first account made
 * through /api/setup), Fallbuch with its room log switched off (durability
 * cost only), and the references `@y/websocket-server` and
 * `@hocuspocus/server` (in memory, no auth, as they ship). All expose the
 * same small interface to the scenarios; `newRoom()` returns a room target
 * (protocol.mjs).
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const StartTimeoutMs = 30_000
const StopTimeoutMs = 15_000
/** How long a Fallbuch room without clients stays loaded in the bench (server default: 10 s). */
export const FallbuchRoomIdleMs = 1_000

/** Every child this harness started, so an abnormal exit can stop them (by pid). */
const children = new Set()
process.on('exit', () => {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL')
    }
  }
})

/** A free loopback port (the reference relay cannot be told to pick one itself). */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

/** Resident set size of a process in KiB (VmRSS in /proc/<pid>/status), or NaN. */
export function rssKiB(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)
    return match ? Number(match[1]) : Number.NaN
  } catch {
    return Number.NaN
  }
}

/** CPU time (user + system) a process has used so far, in seconds (from /proc/<pid>/stat), or NaN. */
export function cpuSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(fields[11]) + Number(fields[12])) / ClockTicksPerSecond
  } catch {
    return Number.NaN
  }
}

/** USER_HZ: Linux reports process times in 1/100 s on every common platform. */
const ClockTicksPerSecond = 100

/**
 * Spawns `node <entry>` and resolves once `ready(stdoutSoFar)` returns a
 * value; rejects with the child's output if it exits first or takes too long.
 */
function spawnRelay(label, entry, env, ready, cwd) {
  return new Promise((resolve, reject) => {
    // The bench measures the embedded default: drop the scaled-out settings.
    const { DATABASE_URL: _db, DATABASE_SCHEMA: _schema, REDIS_URL: _redis, REDIS_PREFIX: _prefix, ...inherited } = process.env
    // BENCH_CPU_PROF=<dir> writes a V8 CPU profile of every relay process there (where the time goes).
    const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []
    const child = spawn(process.execPath, [...profile, entry], { cwd, env: { ...inherited, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    children.add(child)
    let stdout = ''
    let stderr = ''
    let settled = false
    const fail = (message) => {
      if (settled) {
        return
      }
      settled = true
      clearTimeout(timer)
      if (child.exitCode === null) {
        child.kill('SIGKILL')
      }
      const output = `${stdout}${stderr}`.trim().split('\n').slice(-15).join('\n')
      reject(new Error(`${label} relay failed to start: ${message}${output ? `\n--- its output ---\n${output}` : ''}`))
    }
    const timer = setTimeout(() => fail(`not ready within ${StartTimeoutMs / 1000} s`), StartTimeoutMs)
    child.stdout.setEncoding('utf8')
    child.stderr.setEncoding('utf8')
    child.stdout.on('data', (chunk) => {
      stdout += chunk
      if (!settled) {
        const value = ready(stdout)
        if (value) {
          settled = true
          clearTimeout(timer)
          resolve({ child, value, output: () => ({ stdout, stderr }) })
        }
      }
    })
    child.stderr.on('data', (chunk) => {
      stderr += chunk
    })
    child.once('error', (err) => fail(err.message))
    child.once('exit', (code, signal) => {
      children.delete(child)
      fail(`exited with ${signal ?? `code ${code}`}`)
    })
  })
}

/** SIGTERM, then SIGKILL if it does not exit in time. */
function stopChild(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve()
      return
    }
    const timer = setTimeout(() => child.kill('SIGKILL'), StopTimeoutMs)
    child.once('exit', () => {
      clearTimeout(timer)
      resolve()
    })
    child.kill('SIGTERM')
  })
}

async function expectJson(response, status, what) {
  const text = await response.text()
  if (response.status !== status) {
    throw new Error(`Fallbuch ${what}: expected HTTP ${status}, got ${response.status}: ${text}`)
  }
  return text === '' ? null : JSON.parse(text)
}

/**
 * The per-connection rate limits are lifted for the benchmark: its writers
 * send far faster than a person types (500 updates/s), which the production
 * defaults (50/s) close with 4429; and all load comes from one address.
 */
export const FallbuchBenchLimits = {
  SYNC_MESSAGES_PER_SECOND: '100000',
  SYNC_MESSAGE_BURST: '100000',
  AWARENESS_MESSAGES_PER_SECOND: '100000',
  AWARENESS_MESSAGE_BURST: '100000',
  MAX_CONNECTIONS_PER_ADDRESS: '100000',
  MAX_CONNECTIONS_PER_ACCOUNT: '100000',
}

/**
 * A GET that is sent again when the connection was reset: after the relay's
 * event loop was busy for seconds (loading or compacting a 100,000-row log),
 * its keep-alive timer closes the idle pooled socket just as the next
 * request goes out on it.
 */
async function fetchRetryingReset(address) {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await fetch(address)
    } catch (err) {
      if (attempt >= 3 || !(err instanceof Error) || !(err.cause instanceof Error) || !/ECONNRESET|other side closed/.test(err.cause.message)) {
        throw err
      }
    }
  }
}

/**
 * Starts the built Fallbuch relay (`dist/server/server/src/main.js`) with a
 * fresh DATA_DIR and makes the first account; its session cookie is used for
 * every socket. `persistence: false` starts it with its room log switched
 * off (fallbuchWithoutPersistence.mjs).
 */
export async function startFallbuch(root, { persistence = true } = {}) {
  const entry = persistence ? join(root, 'dist/server/server/src/main.js') : join(root, 'test/bench/fallbuchWithoutPersistence.mjs')
  const name = persistence ? FallbuchName : FallbuchWithoutPersistenceName
  if (!existsSync(join(root, 'dist/server/server/src/main.js'))) {
    throw new Error('Fallbuch relay failed to start: dist/server/server/src/main.js is missing (run npm run build)')
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'fallbuch-bench-'))
  let started
  try {
    started = await spawnRelay(
      name,
      entry,
      { PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', ROOM_IDLE_MS: String(FallbuchRoomIdleMs), ...FallbuchBenchLimits },
      (stdout) => {
        const match = /create the first account at (http:\/\/[^\s/]+)\/setup\?token=([^\s&]+)/.exec(stdout)
        return match ? { url: match[1], token: decodeURIComponent(match[2]) } : null
      },
      root,
    )
  } catch (err) {
    rmSync(dataDir, { recursive: true, force: true })
    throw err
  }
  const { child, value, output } = started
  const { url, token } = value
  const stop = async () => {
    await stopChild(child)
    rmSync(dataDir, { recursive: true, force: true })
  }
  let cookie = ''
  try {
    const setup = await fetch(`${url}/api/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token, name: 'Bench Coach', email: 'bench@example.org', password: 'bench-passwort-1' }),
    })
    for (const setCookie of setup.headers.getSetCookie()) {
      const pair = setCookie.split(';')[0] ?? ''
      if (pair.startsWith('fb_session=')) {
        cookie = pair
      }
    }
    await expectJson(setup, 201, 'setup')
    if (cookie === '') {
      throw new Error('Fallbuch setup: no fb_session cookie in the reply')
    }
  } catch (err) {
    await stop()
    throw new Error(`Fallbuch relay failed to start: ${err.message}`, { cause: err })
  }
  let caseCounter = 0
  return {
    name,
    isFallbuch: true,
    pid: child.pid,
    running: () => child.exitCode === null && child.signalCode === null,
    url,
    cookie,
    dataDir,
    /** A new room (the notes room of a new case, not loaded yet); returns its target. */
    async newRoom() {
      caseCounter += 1
      const response = await fetch(`${url}/api/cases`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify({ title: `Bench ${caseCounter}` }),
      })
      const body = await expectJson(response, 201, 'create case')
      const room = `cases/${body.case.id}/notes`
      return { room, caseId: body.case.id, cookie, url: `${url.replace(/^http/, 'ws')}/sync/${room}` }
    },
    /** Rooms held in memory (from GET /metrics). */
    async loadedRooms() {
      const text = await (await fetchRetryingReset(`${url}/metrics`)).text()
      const match = /^fallbuch_loaded_rooms (\d+)/m.exec(text)
      return match ? Number(match[1]) : Number.NaN
    },
    /** Lines the relay logged (LOG_LEVEL=warn: warnings and errors). */
    logLines() {
      const { stdout, stderr } = output()
      return `${stdout}${stderr}`
        .split('\n')
        .filter(
          (line) =>
            line.trim() !== '' && !line.startsWith('Fallbuch: create the first account') && !line.includes('SIGTERM received, shutting down'),
        )
    },
    stop,
  }
}

/** Starts `@y/websocket-server` 0.1.1 (in memory, no persistence, no auth). */
export async function startYWebsocketServer(root) {
  const entry = join(root, 'node_modules/@y/websocket-server/src/server.js')
  if (!existsSync(entry)) {
    throw new Error(`${YWebsocketServerName} failed to start: ${entry} is missing (npm install)`)
  }
  const port = await freePort()
  // No YPERSISTENCE (in memory only), no callback, default gc; spawn ignores undefined values.
  const env = { HOST: '127.0.0.1', PORT: String(port), YPERSISTENCE: undefined, CALLBACK_URL: undefined, GC: undefined }
  const { child, output } = await spawnRelay(YWebsocketServerName, entry, env, (stdout) => stdout.includes('running at'), root)
  let roomCounter = 0
  return referenceRelay(YWebsocketServerName, child, output, () => {
    roomCounter += 1
    const room = `bench/${roomCounter}`
    return { room, url: `ws://127.0.0.1:${port}/sync/${room}` }
  })
}

/** Starts `@hocuspocus/server` (hocuspocusServer.mjs: in memory, no extensions, no auth). */
export async function startHocuspocus(root) {
  const entry = join(root, 'test/bench/hocuspocusServer.mjs')
  const port = await freePort()
  const { child, output } = await spawnRelay(HocuspocusName, entry, { HOST: '127.0.0.1', PORT: String(port) }, (stdout) => stdout.includes('running at'), root)
  let roomCounter = 0
  return referenceRelay(HocuspocusName, child, output, () => {
    roomCounter += 1
    // One socket per document (as the provider does by default); the name travels in every frame.
    const room = `bench/${roomCounter}`
    return { room, docName: room, url: `ws://127.0.0.1:${port}/${room}` }
  })
}

function referenceRelay(name, child, output, newTarget) {
  return {
    name,
    isFallbuch: false,
    pid: child.pid,
    running: () => child.exitCode === null && child.signalCode === null,
    cookie: undefined,
    async newRoom() {
      return newTarget()
    },
    async loadedRooms() {
      return Number.NaN
    },
    logLines() {
      const { stdout, stderr } = output()
      return `${stdout}${stderr}`.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('running at'))
    },
    stop: () => stopChild(child),
  }
}

export const FallbuchName = 'Fallbuch'
export const FallbuchWithoutPersistenceName = 'Fallbuch, log off'
export const YWebsocketServerName = 'y-websocket-server'
export const HocuspocusName = 'Hocuspocus'
/** The reference relays, in table order. */
export const ReferenceNames = [YWebsocketServerName, HocuspocusName]

/** Starts a relay by name. */
export function startRelay(name, root) {
  switch (name) {
    case FallbuchName:
      return startFallbuch(root)
    case FallbuchWithoutPersistenceName:
      return startFallbuch(root, { persistence: false })
    case YWebsocketServerName:
      return startYWebsocketServer(root)
    case HocuspocusName:
      return startHocuspocus(root)
    default:
      throw new Error(`unknown relay ${name}`)
  }
}
