/**
 * Redis down and back (issue 23 point 1) with two relay processes' worth of
 * servers on one PostgreSQL and a redis-server of this test's own. What the
 * operator sees: fallbuch_redis_up drops to 0 and a log line "Redis
 * connection lost"; /readyz answers 503 (redis: unavailable); edits still
 * reach the other process through the catch-up from PostgreSQL; when Redis
 * is back the metric is 1 again, "Redis connection restored" is logged, and
 * everything converges.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { planApproach } from '../../shared/src/caseDocument/plan.js'
import { createCase, setupAdmin } from '../helpers/apiClient.js'
import { redisServerBinary, startOwnRedis } from '../helpers/redisServer.js'
import { databaseUrl, needsPostgres, testRedisPrefix, testSchema } from '../helpers/scaleOut.js'
import { captureLogger, startRelay } from '../helpers/startRelay.js'
import { until } from '../helpers/until.js'
import { appendParagraph, connectProvider } from './support/syncClients.js'

const skip = databaseUrl === undefined || redisServerBinary === undefined

/** The paragraphs of the plan's approach (a fragment the plan schema names). */
function items(doc: Y.Doc): string[] {
  return planApproach(doc)
    .toArray()
    .map((paragraph) => (paragraph instanceof Y.XmlElement ? paragraph.toArray().join('') : ''))
}

describe.skipIf(skip)(`Redis stopped and started again under two relays${needsPostgres}`, () => {
  it('keeps serving, says so in metric, log and /readyz, and converges', async () => {
    const redis = await startOwnRedis()
    const schema = testSchema()
    const shared = { databaseUrl, databaseSchema: schema, redisUrl: redis.url, redisPrefix: testRedisPrefix(), fanoutCatchUpMs: 300 }
    const firstLog = captureLogger()
    const secondLog = captureLogger()
    const first = await startRelay({ ...shared, logger: firstLog.logger })
    const second = await startRelay({ ...shared, logger: secondLog.logger })
    const admin = await setupAdmin(first)
    const { id: caseId } = await createCase(admin, 'Redis weg')
    const room = `cases/${caseId}/plan`
    const a = await connectProvider(first.wsUrl, room, admin.client.cookie)
    const b = await connectProvider(second.wsUrl, room, admin.client.cookie)
    appendParagraph(planApproach(a.doc), 'before')
    await until(() => items(b.doc).includes('before'), { message: 'fan-out while Redis is up' })
    expect(first.metrics.redisUp.value).toBe(1)

    await redis.stop()
    await until(() => first.metrics.redisUp.value === 0 && second.metrics.redisUp.value === 0, { message: 'fallbuch_redis_up 0 on both' })
    expect(firstLog.messages().some((message) => message.startsWith('Redis connection lost'))).toBe(true)
    const ready = await fetch(`${first.url}/readyz`)
    expect(ready.status).toBe(503)
    expect(((await ready.json()) as { checks: Record<string, string> }).checks.redis).toBe('unavailable')
    const metrics = await (await fetch(`${first.url}/metrics`)).text()
    expect(metrics).toMatch(/^fallbuch_redis_up 0$/m)

    // While Redis is away: both sides keep editing; PostgreSQL carries it over.
    for (let i = 0; i < 10; i += 1) {
      appendParagraph(planApproach(a.doc), `a${i}`)
      appendParagraph(planApproach(b.doc), `b${i}`)
    }
    await until(() => items(a.doc).length === 21 && items(b.doc).length === 21, { timeoutMs: 10_000, message: 'catch-up from PostgreSQL without Redis' })
    // A room opened while Redis is away opens (and follows through the catch-up).
    const notes = await connectProvider(second.wsUrl, `cases/${caseId}/notes`, admin.client.cookie)
    expect(notes.provider.synced).toBe(true)

    await redis.start()
    await until(() => first.metrics.redisUp.value === 1 && second.metrics.redisUp.value === 1, { timeoutMs: 15_000, message: 'fallbuch_redis_up 1 again' })
    expect(secondLog.messages().some((message) => message.startsWith('Redis connection restored'))).toBe(true)
    await until(async () => (await fetch(`${second.url}/readyz`)).status === 200, { message: '/readyz 200 again' })
    appendParagraph(planApproach(a.doc), 'after')
    await until(() => items(b.doc).includes('after'), { message: 'fan-out after Redis is back' })
    expect(items(a.doc)).toEqual(items(b.doc))
    expect(second.metrics.redisErrors.value).toBeGreaterThan(0)
    a.provider.destroy()
    b.provider.destroy()
    notes.provider.destroy()
  }, 60_000)
})
