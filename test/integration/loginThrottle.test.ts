/**
 * Contract §8.5: the client address behind a proxy, and login throttling
 * per (account, address) and per address.
 */
import { afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { loadConfig } from '../../server/src/config/loadConfig.js'
import { ApiClient, createCase, createStaff, setupAdmin } from '../helpers/apiClient.js'
import { startRelay } from '../helpers/startRelay.js'

const rules = {
  accountAddress: { maxFailures: 3, windowMs: 15 * 60_000 },
  address: { maxFailures: 6, windowMs: 15 * 60_000 },
}

const sockets: WebSocket[] = []
afterEach(() => {
  for (const socket of sockets.splice(0)) {
    socket.terminate()
  }
})

/** A login attempt claiming to come from `forwardedFor`. */
function loginFrom(client: ApiClient, forwardedFor: string, email: string, password: string): Promise<number> {
  return client.request('POST', '/api/auth/login', { email, password }, { 'x-forwarded-for': forwardedFor }).then((response) => response.status)
}

/** The status of a sync upgrade claiming to come from `forwardedFor` (101 when it opens; the socket stays open). */
function upgradeFrom(wsUrl: string, room: string, cookie: string, forwardedFor: string): Promise<number> {
  const socket = new WebSocket(`${wsUrl}/${room}`, { headers: { cookie, 'x-forwarded-for': forwardedFor } })
  sockets.push(socket)
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(101))
    socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0))
    socket.once('error', reject)
  })
}

describe('login throttling behind a proxy', () => {
  it('with TRUST_PROXY throttles two forwarded addresses separately', async () => {
    const relay = await startRelay({ trustProxy: 'loopback', loginThrottle: rules })
    const miriam = await setupAdmin(relay)
    const anonymous = new ApiClient(relay.url)
    for (let i = 0; i < rules.address.maxFailures; i += 1) {
      expect(await loginFrom(anonymous, '203.0.113.10', `niemand${i}@example.org`, 'falsches-passwort')).toBe(401)
    }
    expect(await loginFrom(anonymous, '203.0.113.10', miriam.user.email, miriam.password)).toBe(429)
    expect(await loginFrom(new ApiClient(relay.url), '203.0.113.20', miriam.user.email, miriam.password)).toBe(200)
    // What the client wrote left of the proxy's own entry is not believed.
    expect(await loginFrom(new ApiClient(relay.url), '198.51.100.1, 203.0.113.10', miriam.user.email, miriam.password)).toBe(429)
  })

  it('without TRUST_PROXY a spoofed X-Forwarded-For changes nothing', async () => {
    const relay = await startRelay({ loginThrottle: rules })
    const miriam = await setupAdmin(relay)
    const anonymous = new ApiClient(relay.url)
    for (let i = 0; i < rules.address.maxFailures; i += 1) {
      expect(await loginFrom(anonymous, `203.0.113.${i + 1}`, `niemand${i}@example.org`, 'falsches-passwort')).toBe(401)
    }
    expect(await loginFrom(anonymous, '203.0.113.99', miriam.user.email, miriam.password)).toBe(429)
  })

  it("wrong passwords for a known e-mail from address A do not block the account's correct login from B", async () => {
    const relay = await startRelay({ trustProxy: '127.0.0.1/32,::1', loginThrottle: rules })
    const miriam = await setupAdmin(relay)
    const tobias = await createStaff(miriam)
    const attacker = new ApiClient(relay.url)
    for (let i = 0; i < rules.accountAddress.maxFailures; i += 1) {
      expect(await loginFrom(attacker, '203.0.113.10', tobias.user.email, `falsch-${i}-xxxx`)).toBe(401)
    }
    const limited = await attacker.request('POST', '/api/auth/login', { email: tobias.user.email, password: tobias.password }, { 'x-forwarded-for': '203.0.113.10' })
    expect(limited.status).toBe(429)
    expect(limited.body.error.code).toBe('rate_limited')
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(800)
    // Another account from A is not blocked by these three.
    expect(await loginFrom(attacker, '203.0.113.10', miriam.user.email, miriam.password)).toBe(200)
    expect(await loginFrom(new ApiClient(relay.url), '198.51.100.7', tobias.user.email, tobias.password)).toBe(200)
  })

  it('counts sync connections per forwarded address', async () => {
    const limits = { ...loadConfig({}).limits, maxConnectionsPerAddress: 1 }
    const relay = await startRelay({ trustProxy: 'loopback', limits })
    const miriam = await setupAdmin(relay)
    const kase = await createCase(miriam)
    const room = `cases/${kase.id}/plan`
    expect(await upgradeFrom(relay.wsUrl, room, miriam.client.cookie, '203.0.113.10')).toBe(101)
    expect(await upgradeFrom(relay.wsUrl, room, miriam.client.cookie, '203.0.113.10')).toBe(429)
    expect(await upgradeFrom(relay.wsUrl, room, miriam.client.cookie, '203.0.113.20')).toBe(101)
  })
})
