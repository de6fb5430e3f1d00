/**
 * Contract §8.1: a plan or notes room stored by the v1 app is migrated by
 * the relay when it loads the room, before any client syncs, once, under a
 * client id of the server's own that no account can write with.
 */
import Database from 'better-sqlite3'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { MetaMapName } from '../../shared/src/caseDocument/common.js'
import { notesReviews, readNotes } from '../../shared/src/caseDocument/notes.js'
import { planGoals, planMeta, PlanSchemaVersion, readPlan } from '../../shared/src/caseDocument/plan.js'
import { MalformedMessage } from '../../shared/src/protocol/closeCodes.js'
import { createLogger } from '../../server/src/log.js'
import { ServerClientIdOwner } from '../../server/src/relay/serverChanges.js'
import { openSqliteStorage } from '../../server/src/storage/sqlite/openSqliteStorage.js'
import { createCase, login, setupAdmin } from '../helpers/apiClient.js'
import { embeddedMasterKeys } from '../helpers/atRest.js'
import { startRelay } from '../helpers/startRelay.js'
import { connectProvider, connectRaw, metricValue, roundTrip, storedUpdates, syncFrame, SyncMessageType } from './support/syncClients.js'

/** The plan as the v1 app stored it: two rows (seed, then an edit), every text a plain string. */
function planV1Rows(): Uint8Array[] {
  const doc = new Y.Doc()
  const rows: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => rows.push(update))
  doc.transact(() => {
    const meta = planMeta(doc)
    meta.set('schemaVersion', 1)
    meta.set('title', 'Lager Getränke Nord')
    meta.set('currentPhase', 'analysis')
  })
  doc.transact(() => {
    planMeta(doc).set('employerName', 'Getränke Nord GmbH')
    const goal = new Y.Map<unknown>()
    for (const [key, value] of Object.entries({
      id: 'g1',
      title: 'Kommissionieren nach Liste',
      specific: 'allein',
      measurable: '20 Aufträge',
      achievable: 'mit Scanner',
      relevant: 'Kernaufgabe',
      responsible: 'Frau Kaya',
      status: 'open',
    })) {
      goal.set(key, value)
    }
    planGoals(doc).push([goal])
  })
  return rows
}

/** Notes as the v1 app stored them: the outcome a plain object, a review note a string. */
function notesV1Rows(): Uint8Array[] {
  const doc = new Y.Doc()
  doc.transact(() => {
    const meta = doc.getMap<unknown>(MetaMapName)
    meta.set('schemaVersion', 1)
    meta.set('outcome', { kind: 'placed', how: 'Übernahme', why: 'gute Einarbeitung' })
    const analysis = new Y.Map<Y.Map<unknown>>()
    notesReviews(doc).set('analysis', analysis)
    const review = new Y.Map<unknown>()
    review.set('stillValid', true)
    review.set('attainment', 'open')
    review.set('note', 'braucht Zeit')
    analysis.set('g1', review)
  })
  return [Y.encodeStateAsUpdate(doc)]
}

/** Replaces a stopped relay's stored log of a room (sealed as the relay stores it). */
async function replaceStoredLog(dataDir: string, room: string, rows: readonly Uint8Array[]): Promise<void> {
  const db = new Database(join(dataDir, 'fallbuch.sqlite'))
  try {
    db.prepare('DELETE FROM room_updates WHERE room = ?').run(room)
  } finally {
    db.close()
  }
  const storage = await openSqliteStorage({ dataDir, synchronous: 'normal', logger: createLogger({ logLevel: 'silent' }), masterKeys: embeddedMasterKeys(dataDir) })
  try {
    await storage.appendUpdates(room, rows)
  } finally {
    await storage.close()
  }
}

/** Who a client id is bound to in a stopped or running relay's storage. */
function clientIdOwner(dataDir: string, room: string, clientId: number): string | undefined {
  const db = new Database(join(dataDir, 'fallbuch.sqlite'), { readonly: true })
  try {
    return (db.prepare('SELECT user_id FROM yjs_client_ids WHERE room = ? AND client_id = ?').get(room, clientId) as { user_id: string } | undefined)?.user_id
  } finally {
    db.close()
  }
}

describe('migrating v1 rooms on load', () => {
  it('migrates a v1 plan and v1 notes once, before the first client syncs; clients read the current schema; the server id is no one else’s', async () => {
    let relay = await startRelay()
    const admin = await setupAdmin(relay)
    const { id: caseId } = await createCase(admin)
    const plan = `cases/${caseId}/plan`
    const notes = `cases/${caseId}/notes`
    await relay.stop()
    const planRows = planV1Rows()
    await replaceStoredLog(relay.dataDir, plan, planRows)
    await replaceStoredLog(relay.dataDir, notes, notesV1Rows())

    relay = await relay.restart()
    const { cookie } = (await login(relay, admin.user.email, admin.password)).client
    const planClient = await connectProvider(relay.wsUrl, plan, cookie)
    // What the first client got is already v2.
    const read = readPlan(planClient.doc)
    expect(read.ok).toBe(true)
    expect(read.ok && read.value.meta).toMatchObject({ schemaVersion: PlanSchemaVersion, title: 'Lager Getränke Nord', employerName: 'Getränke Nord GmbH' })
    expect(read.ok && read.value.goals[0]).toMatchObject({ id: 'g1', title: 'Kommissionieren nach Liste', responsible: 'Frau Kaya' })
    expect(planMeta(planClient.doc).get('title')).toBeInstanceOf(Y.Text)
    expect(planGoals(planClient.doc).get(0).get('title')).toBeInstanceOf(Y.Text)

    const notesClient = await connectProvider(relay.wsUrl, notes, cookie)
    const notesRead = readNotes(notesClient.doc)
    expect(notesRead.ok && notesRead.value.meta.outcome).toEqual({ kind: 'placed', how: 'Übernahme', why: 'gute Einarbeitung' })
    expect(notesRead.ok && notesRead.value.reviews.analysis?.g1?.note).toBe('braucht Zeit')

    // One migration row after the v1 rows, under one client id bound to the server.
    const rows = storedUpdates(relay.dataDir, plan)
    expect(rows).toHaveLength(planRows.length + 1)
    expect(await metricValue(relay.url, 'fallbuch_migrated_rooms_total')).toBe(2)
    const migration = Y.decodeUpdate(rows[rows.length - 1] ?? new Uint8Array())
    const writers = [...new Set(migration.structs.map((struct) => struct.id.client))]
    expect(writers).toHaveLength(1)
    const serverId = writers[0] ?? 0
    expect(clientIdOwner(relay.dataDir, plan, serverId)).toBe(ServerClientIdOwner)

    // No account may write under the server's client id (4400, nothing stored).
    const impostor = await connectRaw(relay.wsUrl, plan, cookie)
    const replica = new Y.Doc()
    Y.applyUpdate(replica, await roundTrip(impostor))
    replica.clientID = serverId
    const before = Y.encodeStateVector(replica)
    ;(planMeta(replica).get('employerName') as Y.Text).insert(0, 'Server: ')
    impostor.send(syncFrame(SyncMessageType.Update, Y.encodeStateAsUpdate(replica, before)))
    expect((await impostor.closed).code).toBe(MalformedMessage.code)
    expect(storedUpdates(relay.dataDir, plan)).toHaveLength(planRows.length + 1)

    // A second load finds v2 and does nothing.
    planClient.provider.destroy()
    notesClient.provider.destroy()
    relay = await relay.restart()
    const again = (await login(relay, admin.user.email, admin.password)).client.cookie
    const later = await connectProvider(relay.wsUrl, plan, again)
    await connectProvider(relay.wsUrl, notes, again)
    expect(await metricValue(relay.url, 'fallbuch_migrated_rooms_total')).toBe(0)
    expect(readPlan(later.doc).ok).toBe(true)
    const rowsAfter = storedUpdates(relay.dataDir, plan)
    const replayed = new Y.Doc()
    for (const row of rowsAfter) {
      Y.applyUpdate(replayed, row)
    }
    expect(readPlan(replayed)).toEqual(read)
    // The case list shows the title (the row was not changed by the migration).
    const listed = await (await login(relay, admin.user.email, admin.password)).client.request('GET', '/api/cases')
    expect(listed.body.cases.map((kase: { title: string }) => kase.title)).toContain('Kassenbereich Supermarkt')
  })
})
