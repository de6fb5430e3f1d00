/**
 * Health that tells the truth, metrics for operators, and logs that say
 * what happened without content (issue 23 points 2 and 7, issue 17 point 9).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { parseAddressList } from '../../server/src/config/addresses.js'
import { planApproach } from '../../shared/src/caseDocument/plan.js'
import { createCase, setupAdmin } from '../helpers/apiClient.js'
import { captureLogger, startRelay } from '../helpers/startRelay.js'
import { until } from '../helpers/until.js'
import { appendParagraph, connectProvider } from './support/syncClients.js'

const dirs: string[] = []
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })))
})

async function clientDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'fallbuch-client-'))
  dirs.push(dir)
  await mkdir(join(dir, 'assets'))
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>Fallbuch</title>')
  return dir
}

describe('liveness, readiness and unknown paths', () => {
  it('answers /healthz and /readyz with 200 and the checks, and 404 for paths that are neither the app nor the API', async () => {
    const relay = await startRelay({ clientDir: await clientDir() })
    expect(await (await fetch(`${relay.url}/healthz`)).json()).toEqual({ status: 'ok' })
    const ready = await fetch(`${relay.url}/readyz`)
    expect(ready.status).toBe(200)
    expect(await ready.json()).toEqual({ status: 'ready', checks: { database: 'ok', keystore: 'ok', lock: 'ok', shutdown: 'ok' } })
    for (const path of ['/readyz2', '/.env', '/wp-login.php', '/healthz/x', '/cases.php', '/favicon-nope.ico']) {
      const response = await fetch(`${relay.url}${path}`)
      expect(response.status, path).toBe(404)
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('not_found')
    }
    // The app's own routes still load the client.
    for (const path of ['/', '/cases/abc123', '/cases/abc123/report/final', '/supervision/xyz', '/admin', '/login', '/invitations/tok']) {
      const response = await fetch(`${relay.url}${path}`)
      expect(response.status, path).toBe(200)
      expect(await response.text()).toContain('<title>Fallbuch</title>')
    }
  })

  it('answers /readyz with 503 (draining) from the shutdown signal until it stops, while /healthz stays 200', async () => {
    const relay = await startRelay({ shutdownDrainMs: 1_500 })
    const stopping = relay.stop()
    const ready = await fetch(`${relay.url}/readyz`)
    expect(ready.status).toBe(503)
    expect(((await ready.json()) as { checks: Record<string, string> }).checks.shutdown).toBe('draining')
    expect((await fetch(`${relay.url}/healthz`)).status).toBe(200)
    await stopping
  })
})

describe('/metrics', () => {
  it('serves prom-client text with process defaults and the latency histograms to loopback', async () => {
    const relay = await startRelay()
    const admin = await setupAdmin(relay)
    const { id: caseId } = await createCase(admin)
    const plan = await connectProvider(relay.wsUrl, `cases/${caseId}/plan`, admin.client.cookie)
    appendParagraph(planApproach(plan.doc), 'Schrittweise')
    await until(() => relay.metrics.committedUpdates.value > 0, { message: 'a commit' })
    const response = await fetch(`${relay.url}/metrics`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toContain('text/plain')
    const text = await response.text()
    for (const name of [
      'process_resident_memory_bytes',
      'nodejs_eventloop_lag_seconds',
      'nodejs_heap_size_used_bytes',
      'fallbuch_commit_seconds_bucket',
      'fallbuch_upgrade_seconds_bucket{le="0.1",result="accepted"}',
      'fallbuch_fanout_delay_seconds_count',
      'fallbuch_storage_up 1',
      'fallbuch_open_connections 1',
      'fallbuch_committed_updates_total',
    ]) {
      expect(text, name).toContain(name)
    }
    plan.provider.destroy()
  })

  it('refuses other addresses (METRICS_ALLOW) and opens with METRICS_TOKEN as a bearer token', async () => {
    const relay = await startRelay({ metricsAllow: parseAddressList('10.0.0.0/8') ?? [], metricsToken: 'metrics-token-0123456789' })
    expect((await fetch(`${relay.url}/metrics`)).status).toBe(403)
    expect((await fetch(`${relay.url}/metrics`, { headers: { authorization: 'Bearer wrong-token-0123456789' } })).status).toBe(403)
    expect((await fetch(`${relay.url}/metrics`, { headers: { authorization: 'Bearer metrics-token-0123456789' } })).status).toBe(200)
    expect(parseAddressList('loopback,192.168.1.0/24,::1')).toHaveLength(4)
    expect(parseAddressList('10.0.0.0/33')).toBeNull()
    expect(parseAddressList('nonsense')).toBeNull()
  })
})

describe('logs', () => {
  it('give every request line a request id (the caller\'s X-Request-Id when plain), and sync opens and closes with room kind, account and code — never content', async () => {
    const log = captureLogger()
    const relay = await startRelay({ logger: log.logger })
    const admin = await setupAdmin(relay)
    const { id: caseId } = await createCase(admin)
    const own = await fetch(`${relay.url}/healthz`, { headers: { 'x-request-id': 'lb-1234' } })
    expect(own.headers.get('x-request-id')).toBe('lb-1234')
    const odd = await fetch(`${relay.url}/healthz`, { headers: { 'x-request-id': 'bad id with spaces' } })
    expect(odd.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
    const plan = await connectProvider(relay.wsUrl, `cases/${caseId}/plan`, admin.client.cookie)
    appendParagraph(planApproach(plan.doc), 'Diagnose: vertraulich')
    await until(() => relay.metrics.committedUpdates.value > 0, { message: 'a commit' })
    plan.provider.disconnect()
    await until(() => log.messages().includes('sync connection closed'), { message: 'the close line' })

    const requests = log.lines().filter((line) => line.msg === 'request')
    expect(requests.length).toBeGreaterThan(2)
    expect(requests.every((line) => typeof line.requestId === 'string')).toBe(true)
    expect(requests.some((line) => line.requestId === 'lb-1234')).toBe(true)
    const opened = log.lines().find((line) => line.msg === 'sync connection opened')
    expect(opened).toMatchObject({ roomKind: 'plan', userId: admin.user.id, access: 'write' })
    const closed = log.lines().find((line) => line.msg === 'sync connection closed')
    expect(closed).toMatchObject({ roomKind: 'plan', userId: admin.user.id })
    expect(typeof closed?.code).toBe('number')
    const all = JSON.stringify(log.lines())
    expect(all).not.toContain('vertraulich')
    expect(all).not.toContain(admin.client.cookie.split('=')[1] ?? 'no-cookie')
    plan.provider.destroy()
  })
})
