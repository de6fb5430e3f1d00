/**
 * SIGKILL of one relay process during a burst of edits (contract §6): its
 * clients reconnect through the load balancer (a real nginx with the shipped
 * deploy/nginx/fallbuch-proxy.conf) to the other process, the final state
 * holds every update any client had received, and all converge. The relays
 * run as separate OS processes on one PostgreSQL and Redis.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { planApproach } from '../../shared/src/caseDocument/plan.js'
import { createCase, setupAdmin } from '../helpers/apiClient.js'
import { startRelayProcess } from '../helpers/relayProcess.js'
import { needsNginx, nginxBinary, startNginx } from '../helpers/nginx.js'
import { databaseUrl, needsPostgresAndRedis, queryPostgres, redisUrl, testRedisPrefix, testSchema } from '../helpers/scaleOut.js'
import { postgresDataKey, testMasterKey, type DataKeyRow } from '../helpers/atRest.js'
import { openRoomUpdate } from '../../server/src/crypto/atRest.js'
import { keyOwnerOfRoom } from '../../server/src/crypto/keyOwners.js'
import { until } from '../helpers/until.js'
import { appendParagraph, connectProvider } from './support/syncClients.js'

const skip = databaseUrl === undefined || redisUrl === undefined || nginxBinary === undefined
const perClient = 150

/** The paragraphs of the plan's approach: each edit of the burst appends one (a fragment the plan schema names). */
function items(doc: Y.Doc): string[] {
  return planApproach(doc)
    .toArray()
    .map((paragraph) => (paragraph instanceof Y.XmlElement ? paragraph.toArray().join('') : ''))
}

describe.skipIf(skip)(`a relay process killed during a burst of edits${needsPostgresAndRedis}${needsNginx}`, () => {
  it("loses nothing any client received: the killed process's clients reconnect to the other and all converge", async () => {
    const env = { DATABASE_URL: databaseUrl ?? '', DATABASE_SCHEMA: testSchema(), REDIS_URL: redisUrl ?? '', REDIS_PREFIX: testRedisPrefix(), MASTER_KEY: testMasterKey }
    const doomed = await startRelayProcess(env)
    const survivor = await startRelayProcess(env)
    const admin = await setupAdmin({ url: doomed.url, setupToken: doomed.setupToken })
    const { id: caseId } = await createCase(admin, 'Absturz')
    const room = `cases/${caseId}/plan`
    // A goes through nginx, which prefers the doomed process (the survivor is its backup); B sits on the survivor.
    const balancer = await startNginx([{ port: doomed.port }, { port: survivor.port, backup: true }])
    const a = await connectProvider(balancer.wsUrl, room, admin.client.cookie)
    const b = await connectProvider(survivor.wsUrl, room, admin.client.cookie)

    const closes: string[] = []
    a.provider.on('connection-close', (event: CloseEvent | null) => closes.push(`a:${event?.code}`))
    b.provider.on('connection-close', (event: CloseEvent | null) => closes.push(`b:${event?.code}`))
    let receivedBeforeKill = new Set<string>()
    const burst = async (name: string, doc: Y.Doc): Promise<void> => {
      for (let i = 0; i < perClient; i += 1) {
        appendParagraph(planApproach(doc), `${name}${i}`)
        if (name === 'a' && i === perClient / 3) {
          // Everything either client holds now: its own edits and what the relays forwarded to it.
          receivedBeforeKill = new Set([...items(a.doc), ...items(b.doc)])
          await doomed.kill()
        }
        await new Promise((resolve) => setTimeout(resolve, 30))
      }
    }
    await Promise.all([burst('a', a.doc), burst('b', b.doc)])

    await until(() => items(a.doc).length === 2 * perClient && items(b.doc).length === 2 * perClient, {
      timeoutMs: 20_000,
      message: 'both clients to hold every edit after the reconnect',
    }).catch((err: unknown) => {
      throw new Error(`${String(err)} a=${items(a.doc).length} b=${items(b.doc).length} a.connected=${a.provider.wsconnected} closes=${closes.join(',')}\n${survivor.output().slice(-3000)}`)
    })
    expect(items(a.doc)).toEqual(items(b.doc))
    const final = new Set(items(a.doc))
    expect([...receivedBeforeKill].filter((item) => !final.has(item))).toEqual([])
    expect(receivedBeforeKill.size).toBeGreaterThan(perClient / 3)

    // And the log of record has it all.
    await until(async () => {
      const rows = await queryPostgres<{ data: Buffer }>(env.DATABASE_SCHEMA, 'SELECT data FROM room_updates WHERE room = $1 ORDER BY seq', [room])
      const keys = await queryPostgres<DataKeyRow>(env.DATABASE_SCHEMA, `SELECT * FROM ${env.DATABASE_SCHEMA}_keys.data_keys`)
      const stored = new Y.Doc()
      for (const row of rows) {
        Y.applyUpdate(stored, openRoomUpdate(postgresDataKey(keys, keyOwnerOfRoom(room)), room, row.data))
      }
      return items(stored).length === 2 * perClient && JSON.stringify(items(stored)) === JSON.stringify(items(a.doc))
    }, { timeoutMs: 10_000, message: 'PostgreSQL to hold the converged state' })

    // A fresh client of the survivor loads the same state.
    const c = await connectProvider(survivor.wsUrl, room, admin.client.cookie)
    expect(items(c.doc)).toEqual(items(a.doc))
  })
})
