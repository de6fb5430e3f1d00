/**
 * What the operator's log shows (issue 23 §7), read from the real relay
 * process's stdout at LOG_LEVEL=debug and at info: auth failures with the
 * client's address (TRUST_PROXY honoured) and a keyed hash of the login name
 * that `npm run account-hash` reproduces — never the name, a password or a
 * token; debug lines of rooms, commits, access re-checks and sweeps only at
 * debug; and nothing typed into a document, at any level.
 */
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { planApproach } from '../../shared/src/caseDocument/plan.js'
import { ApiClient, createCase, setupAdmin, type LoggedIn } from '../helpers/apiClient.js'
import { embeddedEnv } from '../helpers/embeddedEnv.js'
import { startRelayProcess, type RelayProcess } from '../helpers/relayProcess.js'
import { until } from '../helpers/until.js'
import { appendParagraph, connectProvider, metricValue } from './support/syncClients.js'

const root = join(dirname(fileURLToPath(import.meta.url)), '../..')
const dirs: string[] = []

afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })))
})

type LogLine = Record<string, unknown>

/** The relay's JSON log lines so far (the setup link is a plain line and skipped). */
function logLines(relay: RelayProcess): LogLine[] {
  return relay
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as LogLine)
}

function messages(relay: RelayProcess): string[] {
  return logLines(relay).map((line) => String(line.msg))
}

function authFailures(relay: RelayProcess, reason: string): LogLine[] {
  return logLines(relay).filter((line) => line.event === 'auth_failure' && line.reason === reason)
}

/** Starts an embedded relay process at a log level; trusts X-Forwarded-For from loopback (as behind nginx). */
async function startLoggingRelay(level: string): Promise<{ relay: RelayProcess; dataDir: string }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'fallbuch-logs-'))
  dirs.push(dataDir)
  const relay = await startRelayProcess(
    { DATA_DIR: dataDir, LOG_LEVEL: level, TRUST_PROXY: 'loopback', ROOM_IDLE_MS: '300', SESSION_SWEEP_MS: '300' },
    { embedded: true },
  )
  return { relay, dataDir }
}

/** What `npm run account-hash -- <login>` prints first for the installation in `dataDir`: the hash under the current master key. */
function accountHashOf(dataDir: string, login: string): string {
  const output = execFileSync(process.execPath, ['--import', 'tsx', 'server/src/accountHash.ts', login], {
    cwd: root,
    env: embeddedEnv({ DATA_DIR: dataDir }),
    encoding: 'utf8',
  })
  return output.split(/\s+/)[0] ?? ''
}

/** The HTTP status of a sync upgrade sent with these headers (the socket is closed again when it opens). */
function upgradeStatus(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers })
    socket.once('open', () => {
      socket.close()
      resolve(101)
    })
    socket.once('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0)
      socket.terminate()
    })
    socket.once('error', reject)
  })
}

/** Types a paragraph into a case's plan through the stock provider and waits until the relay has it, then leaves. */
async function typeIntoPlan(relay: RelayProcess, admin: LoggedIn, caseId: string, text: string): Promise<void> {
  const committed = await metricValue(relay.url, 'fallbuch_committed_updates_total')
  const { doc, provider } = await connectProvider(relay.wsUrl, `cases/${caseId}/plan`, admin.client.cookie)
  appendParagraph(planApproach(doc), text)
  await until(async () => (await metricValue(relay.url, 'fallbuch_committed_updates_total')) > committed, { message: 'the typed paragraph to be committed' })
  provider.destroy()
  await until(async () => (await metricValue(relay.url, 'fallbuch_loaded_rooms')) === 0, { timeoutMs: 10_000, message: 'the room to unload' })
}

describe('the log at LOG_LEVEL=debug', () => {
  let relay: RelayProcess
  let dataDir: string
  let admin: LoggedIn

  beforeAll(async () => {
    ;({ relay, dataDir } = await startLoggingRelay('debug'))
    admin = await setupAdmin({ url: relay.url, setupToken: relay.setupToken })
  }, 30_000)

  it("shows a failed login with the client's address and the account's hash, never the login name or the password", async () => {
    const wrongPassword = `falsch-${randomBytes(6).toString('hex')}`
    const client = new ApiClient(relay.url)
    const wrong = await client.request('POST', '/api/auth/login', { email: 'Miriam.Roth@example.org', password: wrongPassword }, { 'x-forwarded-for': '203.0.113.9' })
    const unknown = await client.request('POST', '/api/auth/login', { email: 'niemand.hier@example.org', password: wrongPassword }, { 'x-forwarded-for': '203.0.113.10' })
    expect([wrong.status, unknown.status]).toEqual([401, 401])

    const wrongLine = await until(() => authFailures(relay, 'wrong_password')[0], { message: 'the wrong password in the log' })
    expect(wrongLine).toMatchObject({ address: '203.0.113.9', via: '/api/auth/login', account: accountHashOf(dataDir, 'miriam.roth@example.org') })
    const unknownLine = await until(() => authFailures(relay, 'unknown_account')[0], { message: 'the unknown account in the log' })
    expect(unknownLine).toMatchObject({ address: '203.0.113.10', account: accountHashOf(dataDir, 'niemand.hier@example.org') })
    expect(unknownLine?.account).not.toBe(wrongLine?.account)

    const output = relay.output()
    expect(output).not.toMatch(/miriam\.roth|niemand\.hier/i)
    expect(output).not.toContain(wrongPassword)
    expect(output).not.toContain(admin.password)
  }, 20_000)

  it('logs a sync connection refused for a bad session with the address and the room kind, never the token', async () => {
    const { id: caseId } = await createCase(admin, 'Sitzung abgelaufen')
    const forged = `gefaelscht-${randomBytes(16).toString('base64url')}`
    const status = await upgradeStatus(`${relay.wsUrl}/cases/${caseId}/plan`, { cookie: `fb_session=${forged}`, 'x-forwarded-for': '198.51.100.4' })
    expect(status).toBe(401)
    const me = await new ApiClient(relay.url).request('GET', '/api/me', undefined, { cookie: `fb_session=${forged}`, 'x-forwarded-for': '198.51.100.5' })
    expect(me.status).toBe(401)

    const refused = await until(() => authFailures(relay, 'ws_session_invalid')[0], { message: 'the refused upgrade in the log' })
    expect(refused).toMatchObject({ address: '198.51.100.4', via: 'sync', roomKind: 'plan' })
    const api = await until(() => authFailures(relay, 'session_invalid')[0], { message: 'the refused API request in the log' })
    expect(api).toMatchObject({ address: '198.51.100.5', via: '/api/me' })

    const output = relay.output()
    expect(output).not.toContain(forged)
    expect(output).not.toContain(admin.client.cookie.replace('fb_session=', ''))
  })

  it('tells at debug what the relay does (rooms, commits, re-checks, sweeps), and nothing typed into a document reaches it', async () => {
    const coacheeName = `Jonas Kanarienvogel${randomBytes(3).toString('hex')}`
    const { id: caseId } = await createCase(admin, `Kassenbereich ${coacheeName}`)
    const canary = `KANARIE-${randomBytes(8).toString('hex')}`
    await typeIntoPlan(relay, admin, caseId, `Herr ${coacheeName} übt ${canary} an der Kasse`)
    // The log reaches this process through a pipe, maybe after the metric said the room unloaded.
    await until(() => messages(relay).includes('room unloaded') && messages(relay).includes('sweep done'), { message: 'the debug lines of the unload and a sweep' })

    const lines = logLines(relay)
    const named = (message: string): LogLine[] => lines.filter((line) => line.msg === message && line.room === `cases/${caseId}/plan`)
    expect(named('room loaded')[0]).toMatchObject({ level: 20, rows: expect.any(Number), ms: expect.any(Number) })
    const batches = named('batch committed')
    expect(batches.length).toBeGreaterThan(0)
    expect(batches[0]).toMatchObject({ level: 20, updates: expect.any(Number), bytes: expect.any(Number), ms: expect.any(Number) })
    expect(named('access re-check: kept')[0]).toMatchObject({ level: 20, access: 'write', userId: admin.user.id })
    expect(named('room unloaded')).toHaveLength(1)
    expect(lines.find((line) => line.msg === 'sweep done' && line.sweep === 'session')).toMatchObject({ level: 20, open: expect.any(Number) })

    const output = relay.output()
    expect(output).not.toContain(canary)
    expect(output).not.toContain(coacheeName)
  })
})

describe('the log at LOG_LEVEL=info', () => {
  it('has the auth failures and connection lines but none of the debug lines', async () => {
    const { relay } = await startLoggingRelay('info')
    const admin = await setupAdmin({ url: relay.url, setupToken: relay.setupToken })
    const { id: caseId } = await createCase(admin, 'Ohne Debug')
    await typeIntoPlan(relay, admin, caseId, `KANARIE-${randomBytes(8).toString('hex')}`)
    const failed = await new ApiClient(relay.url).request('POST', '/api/auth/login', { email: admin.user.email, password: 'nicht-das-passwort' })
    expect(failed.status).toBe(401)
    await until(() => authFailures(relay, 'wrong_password').length > 0, { message: 'the failed login in the log' })

    const lines = logLines(relay)
    expect(lines.some((line) => line.msg === 'sync connection closed')).toBe(true)
    expect(lines.filter((line) => Number(line.level) < 30)).toEqual([])
    for (const debugMessage of ['room loaded', 'batch committed', 'access re-check: kept', 'room unloaded', 'sweep done']) {
      expect(messages(relay)).not.toContain(debugMessage)
    }
  })
})
