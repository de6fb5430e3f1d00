/**
 * Two relay processes (in-process servers on two ports) on one PostgreSQL
 * schema and one Redis prefix (contract §6): co-editing across them,
 * awareness, access changes made through one closing connections held by
 * the other, and a lost fan-out message filled from the log.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { Redis } from 'ioredis'
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import { AccessRevoked, MalformedMessage, RoomErased, SessionEnded, UpdateRefused } from '../../shared/src/protocol/closeCodes.js'
import { MessageType } from '../../shared/src/protocol/messageTypes.js'
import { createCase, createStaff, inviteAndAccept, login, setupAdmin, type LoggedIn } from '../helpers/apiClient.js'
import { databaseUrl, needsPostgresAndRedis, queryPostgres, redisUrl, testRedisPrefix, testSchema } from '../helpers/scaleOut.js'
import { postgresDataKey, type DataKeyRow } from '../helpers/atRest.js'
import { openRoomUpdate } from '../../server/src/crypto/atRest.js'
import { keyOwnerOfRoom } from '../../server/src/crypto/keyOwners.js'
import { startRelay, type TestRelay } from '../helpers/startRelay.js'
import { until } from '../helpers/until.js'
import { appendParagraph, connectProvider, connectRaw, freeText, freeTextOf, metricValue, roundTrip, syncFrame, SyncMessageType, textUpdate } from './support/syncClients.js'
import { twoProcesses, withDirectStorage } from './support/twoProcesses.js'
import { addGoal, emptyGoal, planGoals, setGoalField } from '../../shared/src/caseDocument/plan.js'

const skip = databaseUrl === undefined || redisUrl === undefined

/** An awareness frame with hand-written entries [clientId, clock, JSON]. */
function awarenessFrame(entries: Array<[number, number, string]>): Uint8Array {
  const update = encoding.createEncoder()
  encoding.writeVarUint(update, entries.length)
  for (const [id, clock, json] of entries) {
    encoding.writeVarUint(update, id)
    encoding.writeVarUint(update, clock)
    encoding.writeVarString(update, json)
  }
  const frame = encoding.createEncoder()
  encoding.writeVarUint(frame, MessageType.Awareness)
  encoding.writeVarUint8Array(frame, encoding.toUint8Array(update))
  return encoding.toUint8Array(frame)
}

/** A doc rebuilt from a room's rows in PostgreSQL, decrypted with the test master key and the keystore. */
async function storedDoc(schema: string, room: string): Promise<Y.Doc> {
  const rows = await queryPostgres<{ data: Buffer }>(schema, 'SELECT data FROM room_updates WHERE room = $1 ORDER BY seq', [room])
  const doc = new Y.Doc()
  if (rows.length === 0) {
    return doc
  }
  const key = postgresDataKey(await queryPostgres<DataKeyRow>(schema, `SELECT * FROM ${schema}_keys.data_keys`), keyOwnerOfRoom(room))
  for (const row of rows) {
    Y.applyUpdate(doc, openRoomUpdate(key, room, row.data))
  }
  return doc
}

describe.skipIf(skip)(`two relay processes on one PostgreSQL and Redis${needsPostgresAndRedis}`, () => {
  const schema = testSchema()
  const prefix = testRedisPrefix()
  let first: TestRelay
  let second: TestRelay
  let admin: LoggedIn

  beforeAll(async () => {
    const shared = { databaseUrl, databaseSchema: schema, redisUrl, redisPrefix: prefix, roomIdleMs: 200 }
    first = await startRelay(shared)
    second = await startRelay(shared)
    admin = await setupAdmin(first)
  })

  it('a client on each process co-edits a room and both converge, with the log in PostgreSQL', async () => {
    const { id: caseId } = await createCase(admin, 'Zwei Prozesse')
    const room = `cases/${caseId}/plan`
    const a = await connectProvider(first.wsUrl, room, admin.client.cookie)
    const b = await connectProvider(second.wsUrl, room, admin.client.cookie)
    // Goals: the plan schema's array (the relay refuses roots it does not name).
    const goalIds = (doc: Y.Doc): unknown[] => planGoals(doc).toArray().map((goal) => goal.get('id'))
    for (let i = 0; i < 40; i += 1) {
      addGoal(a.doc, emptyGoal(`a${i}`))
      addGoal(b.doc, emptyGoal(`b${i}`))
      if (i % 10 === 0) {
        await new Promise((resolve) => setTimeout(resolve, 5))
      }
    }
    await until(() => planGoals(a.doc).length === 80 && planGoals(b.doc).length === 80, { message: 'both clients to hold all 80 edits' })
    expect(goalIds(a.doc)).toEqual(goalIds(b.doc))
    await until(async () => planGoals(await storedDoc(schema, room)).length === 80, { message: 'the log to hold all edits' })
    expect(goalIds(await storedDoc(schema, room))).toEqual(goalIds(a.doc))
  })

  it('an update refused on process 1 (4400) reaches no client on process 2 and is not in PostgreSQL; later edits still cross', async () => {
    const { id: caseId } = await createCase(admin, 'Abgelehnt')
    const room = `cases/${caseId}/plan`
    const writer = await connectProvider(first.wsUrl, room, admin.client.cookie)
    addGoal(writer.doc, { ...emptyGoal('g1'), title: 'Kasse' })
    const observer = await connectProvider(second.wsUrl, room, admin.client.cookie)
    await until(() => planGoals(observer.doc).length === 1, { message: 'the goal at process 2' })
    const received: Uint8Array[] = []
    observer.doc.on('update', (update: Uint8Array) => received.push(update))

    const raw = await connectRaw(first.wsUrl, room, admin.client.cookie)
    const replica = new Y.Doc()
    Y.applyUpdate(replica, await roundTrip(raw))
    const before = Y.encodeStateVector(replica)
    planGoals(replica).get(0).set('title', 'alte App')
    raw.send(syncFrame(SyncMessageType.Update, Y.encodeStateAsUpdate(replica, before)))
    expect(await raw.closed).toEqual({ code: UpdateRefused.code, reason: UpdateRefused.reason })

    setGoalField(writer.doc, 'g1', 'status', 'achieved')
    await until(() => planGoals(observer.doc).get(0).get('status') === 'achieved', { message: 'a later edit at process 2' })
    expect(received).toHaveLength(1)
    expect(String(planGoals(observer.doc).get(0).get('title'))).toBe('Kasse')
    const stored = await storedDoc(schema, room)
    expect(planGoals(stored).get(0).get('title')).toBeInstanceOf(Y.Text)
    expect(String(planGoals(stored).get(0).get('title'))).toBe('Kasse')
  })

  it('a process that opens a room later loads what the other committed and follows it from then on', async () => {
    const { id: caseId } = await createCase(admin, 'Später geöffnet')
    const room = `cases/${caseId}/notes`
    const a = await connectProvider(first.wsUrl, room, admin.client.cookie)
    freeText(a.doc).insert(0, 'vorher ')
    // The relay forwards only what it committed: once a second client on the
    // same process has the edit, it is stored. (A round trip on another
    // socket raced A's update and failed under load.)
    const witness = await connectProvider(first.wsUrl, room, admin.client.cookie)
    await until(() => freeTextOf(witness.doc) === 'vorher ', { message: "A's edit to be committed and forwarded on the first process" })
    const b = await connectProvider(second.wsUrl, room, admin.client.cookie)
    expect(freeTextOf(b.doc)).toBe('vorher ')
    freeText(a.doc).insert(7, 'nachher')
    await until(() => freeTextOf(b.doc) === 'vorher nachher', { message: 'the later edit to reach the second process' })
  })

  it('awareness crosses processes, including states set before the other process opened the room', async () => {
    const { id: caseId } = await createCase(admin, 'Awareness')
    const room = `cases/${caseId}/plan`
    const a = await connectProvider(first.wsUrl, room, admin.client.cookie)
    a.provider.awareness.setLocalStateField('cursor', { anchor: 1 })
    const b = await connectProvider(second.wsUrl, room, admin.client.cookie)
    const seenByB = await until(() => b.provider.awareness.getStates().get(a.doc.clientID), { message: "A's awareness at B" })
    expect(seenByB).toMatchObject({ cursor: { anchor: 1 }, user: { name: 'Miriam Roth' } })
    b.provider.awareness.setLocalStateField('cursor', { anchor: 2 })
    await until(() => (a.provider.awareness.getStates().get(b.doc.clientID) as { cursor?: { anchor: number } } | undefined)?.cursor?.anchor === 2, {
      message: "B's awareness at A",
    })
    b.provider.destroy()
    await until(() => !a.provider.awareness.getStates().has(b.doc.clientID), { message: "B's awareness to be removed at A when B leaves" })
  })

  it("refuses on process 2 an awareness entry of another account for a client id whose owner is on process 1; the owner's state stays everywhere", async () => {
    const { id: caseId } = await createCase(admin, 'Awareness-Diebstahl')
    const thiefAccount = await createStaff(admin, { name: 'Lena Vogt', email: 'lena.vogt@example.org' })
    await inviteAndAccept(admin, caseId, 'coach', thiefAccount)
    const room = `cases/${caseId}/notes`
    const owner = await connectProvider(first.wsUrl, room, admin.client.cookie)
    const observer = await connectProvider(second.wsUrl, room, thiefAccount.client.cookie)
    const watcher = await connectProvider(first.wsUrl, room, admin.client.cookie)
    owner.provider.awareness.setLocalStateField('cursor', { anchor: 1 })
    await until(() => (observer.provider.awareness.getStates().get(owner.doc.clientID)?.cursor as { anchor: number } | undefined)?.anchor === 1, {
      message: "the owner's state at process 2",
    })

    const dropped = await metricValue(second.url, 'fallbuch_dropped_awareness_messages_total')
    const thief = await connectRaw(second.wsUrl, room, thiefAccount.client.cookie)
    thief.send(awarenessFrame([[owner.doc.clientID, 999, JSON.stringify({ cursor: 'hijacked' })]]))
    thief.send(awarenessFrame([[owner.doc.clientID, 1000, 'null']]))
    await roundTrip(thief)
    expect(await metricValue(second.url, 'fallbuch_dropped_awareness_messages_total')).toBe(dropped + 2)
    // A later change of the owner still arrives, so nothing above was taken over in between.
    owner.provider.awareness.setLocalStateField('cursor', { anchor: 2 })
    for (const seen of [observer, watcher]) {
      const state = await until(
        () => {
          const current = seen.provider.awareness.getStates().get(owner.doc.clientID) as { cursor?: { anchor: number } } | undefined
          return current?.cursor?.anchor === 2 ? current : undefined
        },
        { message: "the owner's next state" },
      )
      expect(state).toMatchObject({ user: { name: 'Miriam Roth', id: admin.user.id } })
    }
    expect(thief.socket.readyState).toBe(thief.socket.OPEN)
  })

  it("removing a member through process 1 closes the member's connection held by process 2 with 4403 within a second", async () => {
    const { id: caseId } = await createCase(admin, 'Entzug')
    const employer = await inviteAndAccept(admin, caseId, 'employer')
    const socket = await connectRaw(second.wsUrl, `cases/${caseId}/plan`, employer.client.cookie)
    await roundTrip(socket)
    const started = Date.now()
    const removed = await admin.client.request('DELETE', `/api/cases/${caseId}/members/${employer.memberId}`)
    expect(removed.status).toBe(204)
    const closed = await socket.closed
    expect(closed.code).toBe(AccessRevoked.code)
    expect(Date.now() - started).toBeLessThan(1_000)
  })

  it("a coachee's revocation through process 1 closes the employer's confidential-field connection held by process 2 with 4403 within a second", async () => {
    const { id: caseId } = await createCase(admin, 'Widerruf')
    const employer = await inviteAndAccept(admin, caseId, 'employer')
    const coachee = await inviteAndAccept(admin, caseId, 'coachee')
    const granted = await coachee.client.request('POST', `/api/cases/${caseId}/consents`, {
      field: 'healthRestrictions',
      memberId: employer.memberId,
      purpose: 'Arbeitsplatzanpassung',
      evidence: 'inApp',
    })
    expect(granted.status).toBe(201)
    const socket = await connectRaw(second.wsUrl, `cases/${caseId}/confidential/healthRestrictions`, employer.client.cookie)
    await roundTrip(socket)
    const started = Date.now()
    expect((await coachee.client.request('DELETE', `/api/cases/${caseId}/consents/${granted.body.grant.id}`)).status).toBe(200)
    expect((await socket.closed).code).toBe(AccessRevoked.code)
    expect(Date.now() - started).toBeLessThan(1_000)
  })

  it("erasing a case through process 1 closes its connections held by process 2 with 4404, and process 2 refuses its rooms with 4404", async () => {
    const { id: caseId } = await createCase(admin, 'Löschung')
    const socket = await connectRaw(second.wsUrl, `cases/${caseId}/notes`, admin.client.cookie)
    await roundTrip(socket)
    expect((await admin.client.request('DELETE', `/api/cases/${caseId}`)).status).toBe(204)
    expect((await socket.closed).code).toBe(RoomErased.code)
    const again = await connectRaw(second.wsUrl, `cases/${caseId}/plan`, admin.client.cookie)
    expect((await again.closed).code).toBe(RoomErased.code)
  })

  it('switching employerCanEdit through process 2 lets the employer on process 1 write in place', async () => {
    const { id: caseId } = await createCase(admin, 'Schalter')
    const employer = await inviteAndAccept(admin, caseId, 'employer')
    const room = `cases/${caseId}/plan`
    const e = await connectProvider(first.wsUrl, room, employer.client.cookie)
    const coach = await connectProvider(second.wsUrl, room, admin.client.cookie)
    const adminOnSecond = await login(second, admin.user.email, admin.password)
    expect((await adminOnSecond.client.request('PATCH', `/api/cases/${caseId}`, { employerCanEdit: true })).status).toBe(200)
    // The switch is in place: the same connection now writes.
    await until(async () => {
      freeText(e.doc, 'plan').insert(0, 'x')
      return freeTextOf(coach.doc, 'plan').length > 0
    }, { message: "the employer's write to arrive after the switch", intervalMs: 100 })
  })

  it("deactivating an account through process 1 closes its connections on process 2 with 4401", async () => {
    const coach2 = await createStaff(admin, { name: 'Tobias Brandt' })
    const { id: caseId } = await createCase(coach2, 'Deaktivierung')
    const socket = await connectRaw(second.wsUrl, `cases/${caseId}/plan`, coach2.client.cookie)
    await roundTrip(socket)
    expect((await admin.client.request('PATCH', `/api/users/${coach2.user.id}`, { active: false })).status).toBe(200)
    expect((await socket.closed).code).toBe(SessionEnded.code)
  })

  it('a client id bound through process 1 is refused for another account through process 2, and stays bound in PostgreSQL', async () => {
    const { id: caseId } = await createCase(admin, 'Client-IDs')
    const other = await createStaff(admin, { name: 'Jonas Weber', email: 'jonas.weber@example.org' })
    await inviteAndAccept(admin, caseId, 'coach', other)
    const room = `cases/${caseId}/notes`
    const doc = new Y.Doc()
    doc.clientID = 777_002
    freeText(doc).insert(0, 'Miriam schreibt')
    const mine = await connectRaw(first.wsUrl, room, admin.client.cookie)
    mine.send(syncFrame(SyncMessageType.Update, Y.encodeStateAsUpdate(doc)))
    await roundTrip(mine)
    expect(await queryPostgres(schema, 'SELECT user_id FROM yjs_client_ids WHERE room = $1 AND client_id = $2', [room, 777_002])).toEqual([
      { user_id: admin.user.id },
    ])

    const before = Y.encodeStateVector(doc)
    freeText(doc).insert(0, 'als Miriam: ')
    const forged = Y.encodeStateAsUpdate(doc, before)
    const impostor = await connectRaw(second.wsUrl, room, other.client.cookie)
    impostor.send(syncFrame(SyncMessageType.Update, forged))
    expect((await impostor.closed).code).toBe(MalformedMessage.code)
    const rows = await queryPostgres<{ n: number }>(schema, 'SELECT COUNT(*)::int AS n FROM room_updates WHERE room = $1', [room])
    expect(freeTextOf(await storedDoc(schema, room))).toBe('Miriam schreibt')
    expect(rows[0]?.n).toBeGreaterThan(0)
  })

  it('a process that missed a fan-out message re-reads the gap from PostgreSQL', async () => {
    const { id: caseId } = await createCase(admin, 'Lücke')
    const room = `cases/${caseId}/notes`
    const a = await connectProvider(first.wsUrl, room, admin.client.cookie)
    const b = await connectProvider(second.wsUrl, room, admin.client.cookie)
    // A row committed without any message (as if Redis dropped it).
    await withDirectStorage(schema, (direct) => direct.appendUpdates(room, [textUpdate('verloren? ')]))
    const gapsBefore = await metricValue(second.url, 'fallbuch_gap_reads_total')
    appendParagraph(a.doc.getXmlFragment('phase:intervention'), 'danach')
    await until(() => freeTextOf(b.doc) === 'verloren? ' && b.doc.getXmlFragment('phase:intervention').toString() === '<paragraph>danach</paragraph>', {
      message: 'the second process to fill the gap and forward both',
    })
    expect(await metricValue(second.url, 'fallbuch_gap_reads_total')).toBeGreaterThan(gapsBefore)
    await until(() => freeTextOf(a.doc) === 'verloren? ', { message: 'the first process to fill its own gap' })
  })
})

describe.skipIf(skip)(`catching up from PostgreSQL without a fan-out message${needsPostgresAndRedis}`, () => {
  const processes = twoProcesses({ fanoutCatchUpMs: 300 })

  it("a row committed without any message (the room's last one) reaches both processes' clients within the catch-up interval", async () => {
    const { first, second, admin, schema } = processes
    const { id: caseId } = await createCase(admin, 'Letzte Nachricht verloren')
    const room = `cases/${caseId}/notes`
    const a = await connectProvider(first.wsUrl, room, admin.client.cookie)
    const b = await connectProvider(second.wsUrl, room, admin.client.cookie)
    await withDirectStorage(schema, (direct) => direct.appendUpdates(room, [textUpdate('ohne Nachricht')]))
    // Nothing else is committed to the room: only the catch-up can bring it.
    await until(() => freeTextOf(a.doc) === 'ohne Nachricht' && freeTextOf(b.doc) === 'ohne Nachricht', {
      timeoutMs: 3_000,
      message: 'both processes to catch up from PostgreSQL',
    })
  })
})

describe.skipIf(skip)(`catching up right after the Redis connection comes back${needsPostgresAndRedis}`, () => {
  // A periodic catch-up far beyond the test's wait: only the reconnect can bring the row.
  const processes = twoProcesses({ fanoutCatchUpMs: 600_000 })

  it('a row committed while the subscriber was cut off reaches the clients once it reconnects', async () => {
    const { first, second, admin, schema, prefix } = processes
    const { id: caseId } = await createCase(admin, 'Redis weg')
    const room = `cases/${caseId}/notes`
    const a = await connectProvider(first.wsUrl, room, admin.client.cookie)
    const b = await connectProvider(second.wsUrl, room, admin.client.cookie)
    await withDirectStorage(schema, (direct) => direct.appendUpdates(room, [textUpdate('während Redis weg war')]))
    const redis = new Redis(redisUrl ?? '')
    try {
      const list = (await redis.call('CLIENT', 'LIST')) as string
      const ids = list
        .split('\n')
        .filter((line) => line.includes(` name=${prefix}subscribe `))
        .map((line) => /(?:^|\s)id=(\d+)/.exec(line)?.[1])
      expect(ids).toHaveLength(2)
      for (const id of ids) {
        await redis.call('CLIENT', 'KILL', 'ID', id ?? '')
      }
    } finally {
      redis.disconnect()
    }
    await until(() => freeTextOf(a.doc) === 'während Redis weg war' && freeTextOf(b.doc) === 'während Redis weg war', {
      timeoutMs: 5_000,
      message: 'both processes to catch up after reconnecting',
    })
  })
})
