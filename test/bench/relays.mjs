/**
 * Starts the relays under test, each in its own child process on loopback:
 * Fallbuch (the built server, fresh temporary DATA_DIR, first account made
 * through /api/setup), Fallbuch with its room log switched off (durability
 * cost only), and Fallbuch scaled out: two processes on PostgreSQL + Redis
 * (DATABASE_URL, REDIS_URL; a fresh schema and channel prefix, dropped
 * afterwards); the references are in referenceRelays.mjs, and `startRelay`
 * starts any of them by name. All expose the same small interface to the
 * scenarios; `newRoom()` returns a room target (protocol.mjs).
 */
import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { spawnRelay, stopChild } from './childProcess.mjs'
import { HocuspocusName, startHocuspocus, startWsForwarder, startYWebsocketServer, WsForwarderName, YWebsocketServerName } from './referenceRelays.mjs'

export { cpuSeconds, rssKiB } from './childProcess.mjs'
export { HocuspocusName, ReferenceNames, WsForwarderName, YWebsocketServerName } from './referenceRelays.mjs'

/** How long a Fallbuch room without clients stays loaded in the bench (server default: 10 s). */
export const FallbuchRoomIdleMs = 1_000

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
      { PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: process.env.BENCH_RELAY_LOG_LEVEL ?? 'warn', ROOM_IDLE_MS: String(FallbuchRoomIdleMs), ...FallbuchBenchLimits },
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
    LOG_LEVEL: process.env.BENCH_RELAY_LOG_LEVEL ?? 'warn',
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

export const FallbuchName = 'Fallbuch'
export const FallbuchWithoutPersistenceName = 'Fallbuch, log off'
/** Fallbuch as large providers run it: two relay processes on PostgreSQL + Redis. */
export const FallbuchScaledOutName = 'Fallbuch, PG+Redis x2'

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
    case WsForwarderName:
      return startWsForwarder(root)
    default:
      throw new Error(`unknown relay ${name}`)
  }
}
