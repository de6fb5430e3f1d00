/**
 * A PostgreSQL blip during a burst of edits (issue 23 point 1): the
 * server's backends are terminated (pg_terminate_backend, as a restart or a
 * failover does) several times while a client on each of two relay
 * processes types. What the operator sees: no process exits, one log line
 * "database connection lost" and one "database answers again" per process
 * that noticed, fallbuch_storage_errors_total counts it, /readyz is 200
 * again afterwards, and no edit any client received is lost.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { planApproach } from '../../shared/src/caseDocument/plan.js'
import { openRoomUpdate } from '../../server/src/crypto/atRest.js'
import { keyOwnerOfRoom } from '../../server/src/crypto/keyOwners.js'
import { createCase, setupAdmin } from '../helpers/apiClient.js'
import { postgresDataKey, testMasterKey, type DataKeyRow } from '../helpers/atRest.js'
import { startRelayProcess } from '../helpers/relayProcess.js'
import { databaseUrl, needsPostgresAndRedis, queryPostgres, redisUrl, testRedisPrefix, testSchema } from '../helpers/scaleOut.js'
import { until } from '../helpers/until.js'
import { appendParagraph, connectProvider } from './support/syncClients.js'

const skip = databaseUrl === undefined || redisUrl === undefined
const perClient = 120

/** The paragraphs of the plan's approach: each edit of the burst appends one (a fragment the plan schema names). */
function items(doc: Y.Doc): string[] {
  return planApproach(doc)
    .toArray()
    .map((paragraph) => (paragraph instanceof Y.XmlElement ? paragraph.toArray().join('') : ''))
}

/** Terminates every backend of this schema's relays (pool and lock connections), never another test's. */
async function terminateBackends(schema: string): Promise<number> {
  const rows = await queryPostgres<{ n: number }>(
    'public',
    "SELECT COUNT(*)::int AS n FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name LIKE $1 AND pid <> pg_backend_pid()) AS t",
    [`fallbuch:${schema}%`],
  )
  return rows[0]?.n ?? 0
}

async function metricSum(url: string, prefix: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text()
  return text
    .split('\n')
    .filter((line) => line.startsWith(prefix))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0)
}

describe.skipIf(skip)(`PostgreSQL connections terminated during a burst of edits${needsPostgresAndRedis}`, () => {
  it('keeps both processes running and serving; nothing any client received is lost and all converge', async () => {
    const schema = testSchema()
    const env = { DATABASE_URL: databaseUrl ?? '', DATABASE_SCHEMA: schema, REDIS_URL: redisUrl ?? '', REDIS_PREFIX: testRedisPrefix(), MASTER_KEY: testMasterKey, FANOUT_CATCHUP_MS: '500' }
    const first = await startRelayProcess(env)
    const second = await startRelayProcess(env)
    const admin = await setupAdmin({ url: first.url, setupToken: first.setupToken })
    const { id: caseId } = await createCase(admin, 'Datenbank weg')
    const room = `cases/${caseId}/plan`
    const a = await connectProvider(first.wsUrl, room, admin.client.cookie)
    const b = await connectProvider(second.wsUrl, room, admin.client.cookie)

    let terminated = 0
    let receivedBeforeBlips = new Set<string>()
    const burst = async (name: string, doc: Y.Doc): Promise<void> => {
      for (let i = 0; i < perClient; i += 1) {
        appendParagraph(planApproach(doc), `${name}${i}`)
        if (name === 'a' && i % 30 === 10) {
          receivedBeforeBlips = new Set([...receivedBeforeBlips, ...items(a.doc), ...items(b.doc)])
          terminated += await terminateBackends(schema)
        }
        await new Promise((resolve) => setTimeout(resolve, 25))
      }
    }
    await Promise.all([burst('a', a.doc), burst('b', b.doc)])
    expect(terminated).toBeGreaterThan(4)

    await until(() => items(a.doc).length === 2 * perClient && items(b.doc).length === 2 * perClient, {
      timeoutMs: 30_000,
      message: 'both clients to hold every edit',
    }).catch((err: unknown) => {
      throw new Error(`${String(err)} a=${items(a.doc).length} b=${items(b.doc).length}\n${first.output().slice(-2000)}\n${second.output().slice(-2000)}`)
    })
    expect(items(a.doc)).toEqual(items(b.doc))
    const final = new Set(items(a.doc))
    expect([...receivedBeforeBlips].filter((item) => !final.has(item))).toEqual([])

    // Both processes still run and serve.
    expect(first.alive() && second.alive()).toBe(true)
    for (const relay of [first, second]) {
      expect(relay.output()).not.toMatch(/Unhandled 'error' event|failed to start/)
      await until(async () => (await fetch(`${relay.url}/readyz`)).status === 200, { timeoutMs: 10_000, message: '/readyz 200 after the blip' })
      expect((await fetch(`${relay.url}/api/cases`, { headers: { cookie: admin.client.cookie } })).status).toBe(200)
    }
    const output = first.output() + second.output()
    expect(output).toContain('database connection lost')
    expect(output).toContain('database answers again')
    expect((await metricSum(first.url, 'fallbuch_storage_errors_total{kind="connection"}')) + (await metricSum(second.url, 'fallbuch_storage_errors_total{kind="connection"}'))).toBeGreaterThan(0)

    // The log of record has it all.
    await until(
      async () => {
        const rows = await queryPostgres<{ data: Buffer }>(schema, 'SELECT data FROM room_updates WHERE room = $1 ORDER BY seq', [room])
        const keys = await queryPostgres<DataKeyRow>(schema, `SELECT * FROM ${schema}_keys.data_keys`)
        const stored = new Y.Doc()
        for (const row of rows) {
          Y.applyUpdate(stored, openRoomUpdate(postgresDataKey(keys, keyOwnerOfRoom(room)), room, row.data))
        }
        return JSON.stringify(items(stored)) === JSON.stringify(items(a.doc))
      },
      { timeoutMs: 10_000, message: 'PostgreSQL to hold the converged state' },
    )
    a.provider.destroy()
    b.provider.destroy()
  }, 120_000)
})
