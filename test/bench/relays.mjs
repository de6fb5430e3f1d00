/**
 * Starts the relays under test, each in its own child process on loopback:
 * Fallbuch (the built server, fresh temporary DATA_DIR, first account made
 * through /api/setup), Fallbuch with its room log switched off (durability
 * cost only), and the references `@y/websocket-server` and
 * `@hocuspocus/server` (in memory, no auth, as they ship), and Fallbuch
 * scaled out: two processes on PostgreSQL + Redis (DATABASE_URL, REDIS_URL;
 * a fresh schema and channel prefix, dropped afterwards). All expose the
 * same small interface to the scenarios; `newRoom()` returns a room target
 * (protocol.mjs).
 */
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'

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
  if (Array.isArray(pid)) {
    // A relay of several processes (scaled out): their sum.
    return pid.reduce((sum, one) => sum + rssKiB(one), 0)
  }
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
  if (Array.isArray(pid)) {
    return pid.reduce((sum, one) => sum + cpuSeconds(one), 0)
  }
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

/** Makes the first account through /api/setup; returns its session cookie (`fb_session=…`). */
async function setupFirstAccount(url, token) {
  const setup = await fetch(`${url}/api/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token, name: 'Bench Coach', email: 'bench@example.org', password: 'bench-passwort-1' }),
  })
  let cookie = ''
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
  return cookie
}

/** A new case (number `counter`) through the API; its notes room (not loaded yet). */
async function newNotesRoom(url, cookie, counter) {
  const response = await fetch(`${url}/api/cases`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ title: `Bench ${counter}` }),
  })
  const body = await expectJson(response, 201, 'create case')
  return { room: `cases/${body.case.id}/notes`, caseId: body.case.id }
}

/** Fallbuch's setup line: where and with which token the first account is made. */
function setupLine(stdout) {
  const match = /create the first account at (http:\/\/[^\s/]+)\/setup\?token=([^\s&]+)/.exec(stdout)
  return match ? { url: match[1], token: decodeURIComponent(match[2]) } : null
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
      setupLine,
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
  let cookie
  try {
    cookie = await setupFirstAccount(url, token)
  } catch (err) {
    await stop()
    throw new Error(`Fallbuch relay failed to start: ${err.message}`, { cause: err })
  }
  let caseCounter = 0
  return {
    name,
    isFallbuch: true,
    pid: child.pid,
    pids: [child.pid],
    running: () => child.exitCode === null && child.signalCode === null,
    url,
    cookie,
    dataDir,
    /** A new room (the notes room of a new case, not loaded yet); returns its target. */
    async newRoom() {
      caseCounter += 1
      const { room, caseId } = await newNotesRoom(url, cookie, caseCounter)
      return { room, caseId, cookie, url: `${url.replace(/^http/, 'ws')}/sync/${room}` }
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

/**
 * Fallbuch as large providers run it (README, "Running several processes"):
 * two relay processes of the built server on one PostgreSQL (DATABASE_URL)
 * and Redis (REDIS_URL), in a fresh schema and channel prefix. The clients
 * of every room are spread over both processes in turn, as a load balancer
 * without sticky sessions would (so every update crosses Redis to reach
 * some of its readers). RSS and CPU are the two processes' sums. Stopping
 * ends both processes and drops the schema (and its keystore schema);
 * Redis keeps nothing (pub/sub only).
 */
export async function startFallbuchScaledOut(root) {
  const databaseUrl = process.env.DATABASE_URL
  const redisUrl = process.env.REDIS_URL
  if (!databaseUrl || !redisUrl) {
    throw new Error(`${FallbuchScaledOutName} not run: set DATABASE_URL and REDIS_URL (e.g. postgres://postgres@127.0.0.1:5432/test, redis://127.0.0.1:6379)`)
  }
  const entry = join(root, 'dist/server/server/src/main.js')
  if (!existsSync(entry)) {
    throw new Error(`${FallbuchScaledOutName} failed to start: dist/server/server/src/main.js is missing (run npm run build)`)
  }
  const suffix = randomBytes(6).toString('hex')
  const schema = `fb_bench_${suffix}`
  const dataDir = mkdtempSync(join(tmpdir(), 'fallbuch-bench-scaled-'))
  const env = {
    DATABASE_URL: databaseUrl,
    DATABASE_SCHEMA: schema,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: `fb-bench-${suffix}:`,
    // The same master key on every process (no key is generated in this mode).
    MASTER_KEY: randomBytes(32).toString('base64'),
    DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    ROOM_IDLE_MS: String(FallbuchRoomIdleMs),
    ...FallbuchBenchLimits,
  }
  const processes = []
  const stop = async () => {
    await Promise.all(processes.map(({ child }) => stopChild(child)))
    await dropSchemas(databaseUrl, [schema, `${schema}_keys`])
    rmSync(dataDir, { recursive: true, force: true })
  }
  let cookie
  try {
    // One after the other: the first creates the schema, the second finds it (both print the setup line: no account yet).
    for (const label of ['process 1', 'process 2']) {
      processes.push(await spawnRelay(`${FallbuchScaledOutName}, ${label}`, entry, env, setupLine, root))
    }
    cookie = await setupFirstAccount(processes[0].value.url, processes[0].value.token)
  } catch (err) {
    await stop()
    throw new Error(`${FallbuchScaledOutName} failed to start: ${err.message}`, { cause: err })
  }
  const urls = processes.map(({ value }) => value.url)
  const pids = processes.map(({ child }) => child.pid)
  let caseCounter = 0
  let socketCounter = 0
  return {
    name: FallbuchScaledOutName,
    isFallbuch: true,
    pid: pids[0],
    pids,
    running: () => processes.every(({ child }) => child.exitCode === null && child.signalCode === null),
    url: urls[0],
    cookie,
    dataDir,
    /** A new room; each socket opened with its target goes to the next process in turn. */
    async newRoom() {
      caseCounter += 1
      const { room, caseId } = await newNotesRoom(urls[0], cookie, caseCounter)
      return {
        room,
        caseId,
        cookie,
        get url() {
          socketCounter += 1
          return `${urls[socketCounter % urls.length].replace(/^http/, 'ws')}/sync/${room}`
        },
      }
    },
    /** Rooms held in memory by both processes together (a room open on both counts twice). */
    async loadedRooms() {
      let sum = 0
      for (const url of urls) {
        const text = await (await fetchRetryingReset(`${url}/metrics`)).text()
        const match = /^fallbuch_loaded_rooms (\d+)/m.exec(text)
        sum += match ? Number(match[1]) : Number.NaN
      }
      return sum
    },
    logLines() {
      return processes.flatMap(({ output }, index) => {
        const { stdout, stderr } = output()
        return `${stdout}${stderr}`
          .split('\n')
          .filter((line) => line.trim() !== '' && !line.startsWith('Fallbuch: create the first account') && !line.includes('SIGTERM received, shutting down'))
          .map((line) => `process ${index + 1}: ${line}`)
      })
    },
    stop,
  }
}

/** Drops the bench's PostgreSQL schemas with everything in them. */
async function dropSchemas(databaseUrl, schemas) {
  const client = new pg.Client({ connectionString: databaseUrl })
  try {
    await client.connect()
    for (const schema of schemas) {
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
    }
  } finally {
    await client.end().catch(() => {})
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
    pids: [child.pid],
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
/** Fallbuch as large providers run it: two relay processes on PostgreSQL + Redis. */
export const FallbuchScaledOutName = 'Fallbuch, PG+Redis x2'
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
    case FallbuchScaledOutName:
      return startFallbuchScaledOut(root)
    case YWebsocketServerName:
      return startYWebsocketServer(root)
    case HocuspocusName:
      return startHocuspocus(root)
    default:
      throw new Error(`unknown relay ${name}`)
  }
}
