import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { SessionEnded } from '../../shared/src/protocol/closeCodes.js'
import { hashSessionToken } from '../../server/src/auth/sessions.js'
import { ApiClient, createCase, createStaff, login, setupAdmin, type LoggedIn } from '../helpers/apiClient.js'
import { startRelay, type TestRelay } from '../helpers/startRelay.js'
import { execSql, querySql } from './support/database.js'
import { connectRaw, UpgradeRefused } from './support/syncClients.js'

const sockets: WebSocket[] = []
afterEach(() => {
  for (const socket of sockets.splice(0)) {
    socket.terminate()
  }
})

/** The HTTP status of an upgrade with these headers (101 when it opens). */
async function upgradeStatus(wsUrl: string, room: string, headers: Record<string, string>): Promise<number> {
  const socket = new WebSocket(`${wsUrl}/${room}`, { headers })
  sockets.push(socket)
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(101))
    socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0))
    socket.once('error', reject)
  })
}

function tokenHash(client: ApiClient): string {
  return hashSessionToken(client.cookie.slice('fb_session='.length))
}

describe('login throttling', () => {
  it('answers 429 with Retry-After after 5 failures of one account from one address, even for the right password; others can still log in', async () => {
    const relay = await startRelay()
    const miriam = await setupAdmin(relay)
    const tobias = await createStaff(miriam)
    const anonymous = new ApiClient(relay.url)
    for (let i = 0; i < 5; i += 1) {
      expect((await anonymous.request('POST', '/api/auth/login', { email: tobias.user.email, password: `falsch-${i}-xxxx` })).status).toBe(401)
    }
    const limited = await anonymous.request('POST', '/api/auth/login', { email: tobias.user.email, password: tobias.password })
    expect(limited.status).toBe(429)
    expect(limited.body.error.code).toBe('rate_limited')
    const retryAfter = Number(limited.headers.get('retry-after'))
    expect(retryAfter).toBeGreaterThan(800)
    expect(retryAfter).toBeLessThanOrEqual(900)
    // Another account from the same address is not blocked by these five.
    await login(relay, miriam.user.email, miriam.password)
  })

  it('clears the (account, address) count on success', async () => {
    const relay = await startRelay()
    const miriam = await setupAdmin(relay)
    const anonymous = new ApiClient(relay.url)
    const fail = () => anonymous.request('POST', '/api/auth/login', { email: miriam.user.email, password: 'falsches-passwort' })
    for (let i = 0; i < 4; i += 1) {
      expect((await fail()).status).toBe(401)
    }
    await login(relay, miriam.user.email, miriam.password)
    for (let i = 0; i < 4; i += 1) {
      expect((await fail()).status).toBe(401)
    }
    await login(relay, miriam.user.email, miriam.password)
  })

  it('limits one address across accounts (30 failures in 15 minutes)', async () => {
    const relay = await startRelay()
    const miriam = await setupAdmin(relay)
    const anonymous = new ApiClient(relay.url)
    for (let i = 0; i < 30; i += 1) {
      expect((await anonymous.request('POST', '/api/auth/login', { email: `nobody${i}@example.org`, password: 'falsches-passwort' })).status).toBe(401)
    }
    const limited = await anonymous.request('POST', '/api/auth/login', { email: miriam.user.email, password: miriam.password })
    expect(limited.status).toBe(429)
  })
})

describe('sessions', () => {
  let relay: TestRelay
  let miriam: LoggedIn
  let room: string

  beforeAll(async () => {
    relay = await startRelay({ sessionSweepMs: 100 })
    miriam = await setupAdmin(relay)
    room = `cases/${(await createCase(miriam)).id}/plan`
  })

  it('refuses a forged session with 401 on HTTP and on the upgrade', async () => {
    const forged = 'fb_session=' + 'A'.repeat(43)
    expect((await new ApiClient(relay.url).request('GET', '/api/me', undefined, { cookie: forged })).status).toBe(401)
    expect(await upgradeStatus(relay.wsUrl, room, { cookie: forged })).toBe(401)
  })

  it('ends a session past its absolute end: 401 on HTTP and upgrade, and its open socket closes with 4401', async () => {
    const session = await login(relay, miriam.user.email, miriam.password)
    const open = await connectRaw(relay.wsUrl, room, session.client.cookie)
    execSql(relay.dataDir, 'UPDATE sessions SET expires_at = ? WHERE token_hash = ?', new Date(Date.now() - 1_000).toISOString(), tokenHash(session.client))
    expect((await open.closed).code).toBe(SessionEnded.code)
    expect((await session.client.request('GET', '/api/me')).status).toBe(401)
    expect(await upgradeStatus(relay.wsUrl, room, { cookie: session.client.cookie })).toBe(401)
    expect((await miriam.client.request('GET', '/api/me')).status).toBe(200)
  })

  it(`ends a session idle for SESSION_IDLE_HOURS (default 12), the same way`, async () => {
    const session = await login(relay, miriam.user.email, miriam.password)
    const open = await connectRaw(relay.wsUrl, room, session.client.cookie)
    const idleSince = new Date(Date.now() - 12 * 3_600_000 - 1_000).toISOString()
    execSql(relay.dataDir, 'UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?', idleSince, tokenHash(session.client))
    expect((await open.closed).code).toBe(SessionEnded.code)
    expect((await session.client.request('GET', '/api/me')).status).toBe(401)
    expect(await upgradeStatus(relay.wsUrl, room, { cookie: session.client.cookie })).toBe(401)
  })

  it('records activity at most once a minute', async () => {
    const session = await login(relay, miriam.user.email, miriam.password)
    const hash = tokenHash(session.client)
    const lastSeen = () => querySql<{ last_seen_at: string }>(relay.dataDir, 'SELECT last_seen_at FROM sessions WHERE token_hash = ?', hash)[0]?.last_seen_at
    const loggedInAt = lastSeen()
    await session.client.request('GET', '/api/me')
    expect(lastSeen()).toBe(loggedInAt)
    const elevenHoursAgo = new Date(Date.now() - 11 * 3_600_000).toISOString()
    execSql(relay.dataDir, 'UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?', elevenHoursAgo, hash)
    expect((await session.client.request('GET', '/api/me')).status).toBe(200)
    expect(Date.parse(lastSeen() ?? '')).toBeGreaterThan(Date.now() - 60_000)
  })
})

describe('CSRF', () => {
  let relay: TestRelay
  let miriam: LoggedIn

  beforeAll(async () => {
    relay = await startRelay()
    miriam = await setupAdmin(relay)
  })

  it('refuses a state-changing request from a foreign Origin with 403 and accepts our own', async () => {
    const foreign = await miriam.client.request('POST', '/api/cases', { title: 'Von woanders' }, { origin: 'https://evil.example' })
    expect(foreign.status).toBe(403)
    expect(foreign.body.error.code).toBe('forbidden')
    const nullOrigin = await miriam.client.request('POST', '/api/auth/logout', undefined, { origin: 'null' })
    expect(nullOrigin.status).toBe(403)
    expect((await miriam.client.request('GET', '/api/me')).status).toBe(200)
    const own = await miriam.client.request('POST', '/api/cases', { title: 'Von hier' }, { origin: relay.url })
    expect(own.status).toBe(201)
    // A GET with a foreign Origin changes nothing and is answered.
    expect((await miriam.client.request('GET', '/api/me', undefined, { origin: 'https://evil.example' })).status).toBe(200)
  })

  it('refuses form and text bodies with 415 in the JSON error shape', async () => {
    const form = await miriam.client.request('POST', '/api/cases', 'title=Formular', { 'content-type': 'application/x-www-form-urlencoded' })
    expect(form.status).toBe(415)
    expect(form.body).toEqual({ error: { code: 'invalid_request', reason: 'notJson', message: expect.stringContaining('application/json') } })
    const text = await miriam.client.request('POST', '/api/cases', '{"title":"Text"}', { 'content-type': 'text/plain' })
    expect(text.status).toBe(415)
    const multipart = await miriam.client.request('PATCH', '/api/users/AAAAAAAAAAAAAAAAAAAAAA', '--x--', { 'content-type': 'multipart/form-data; boundary=x' })
    expect(multipart.status).toBe(415)
    const titles = (await miriam.client.request('GET', '/api/cases')).body.cases.map((c: { title: string }) => c.title)
    expect(titles).not.toContain('Formular')
    expect(titles).not.toContain('Text')
  })

  it('refuses a WebSocket upgrade from a foreign Origin with 403; our own Origin and none open', async () => {
    const room = `cases/${(await createCase(miriam)).id}/plan`
    expect(await upgradeStatus(relay.wsUrl, room, { cookie: miriam.client.cookie, origin: 'https://evil.example' })).toBe(403)
    expect(await upgradeStatus(relay.wsUrl, room, { cookie: miriam.client.cookie, origin: relay.url })).toBe(101)
    expect(await upgradeStatus(relay.wsUrl, room, { cookie: miriam.client.cookie })).toBe(101)
    await expect(connectRaw(relay.wsUrl, room, '')).rejects.toBeInstanceOf(UpgradeRefused)
  })

  it('checks Origin against PUBLIC_URL when it is set', async () => {
    const proxied = await startRelay({ publicUrl: 'https://fallbuch.example.org' })
    const admin = await setupAdmin(proxied)
    expect((await admin.client.request('POST', '/api/cases', { title: 'A' }, { origin: 'https://fallbuch.example.org' })).status).toBe(201)
    expect((await admin.client.request('POST', '/api/cases', { title: 'B' }, { origin: proxied.url })).status).toBe(403)
  })
})
