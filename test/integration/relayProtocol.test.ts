import { beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { AccessRevoked, MalformedMessage, SessionEnded } from '../../shared/src/protocol/closeCodes.js'
import { createCase, createStaff, login, setupAdmin, type LoggedIn } from '../helpers/apiClient.js'
import { startRelay, type TestRelay } from '../helpers/startRelay.js'
import { until } from '../helpers/until.js'
import {
  connectProvider,
  connectRaw,
  readSyncFrame,
  storedDoc,
  syncFrame,
  SyncMessageType,
  UpgradeRefused,
} from './support/syncClients.js'

let relay: TestRelay
let miriam: LoggedIn
let tobias: LoggedIn

beforeAll(async () => {
  relay = await startRelay()
  miriam = await setupAdmin(relay)
  tobias = await createStaff(miriam)
})

async function refusalStatus(room: string, cookie: string): Promise<number> {
  try {
    await connectRaw(relay.wsUrl, room, cookie)
  } catch (err) {
    if (err instanceof UpgradeRefused) {
      return err.status
    }
    throw err
  }
  return 101
}

describe('sync upgrade', () => {
  it('is refused with 401 without a session, 403 for a foreign case, 400 for a bad room name', async () => {
    const kase = await createCase(miriam)
    expect(await refusalStatus(`cases/${kase.id}/plan`, '')).toBe(401)
    expect(await refusalStatus(`cases/${kase.id}/plan`, 'fb_session=made-up')).toBe(401)
    expect(await refusalStatus(`cases/${kase.id}/plan`, tobias.client.cookie)).toBe(403)
    expect(await refusalStatus(`cases/${kase.id}/secrets`, miriam.client.cookie)).toBe(400)
    expect(await refusalStatus('anything', miriam.client.cookie)).toBe(400)
    expect(await refusalStatus(`cases/${kase.id}/plan`, miriam.client.cookie)).toBe(101)
  })

  it("answers a client's sync step 1 only after its earlier update is committed and applied", async () => {
    const kase = await createCase(miriam)
    const room = `cases/${kase.id}/notes`
    const client = await connectRaw(relay.wsUrl, room, miriam.client.cookie)

    const local = new Y.Doc()
    local.getText('t').insert(0, 'Checkliste für den Kassenabschluss')
    const update = Y.encodeStateAsUpdate(local)
    let storedWhenAcked: string | undefined
    let ackedContent: string | undefined
    client.socket.on('message', (data: Buffer) => {
      const frame = readSyncFrame(new Uint8Array(data))
      if (frame?.type !== SyncMessageType.Step2 || storedWhenAcked !== undefined) {
        return
      }
      // Read storage right as the acknowledgement arrives.
      storedWhenAcked = storedDoc(relay.dataDir, room).getText('t').toString()
      const reply = new Y.Doc()
      Y.applyUpdate(reply, frame.payload)
      ackedContent = reply.getText('t').toString()
    })
    // The update and the step 1 go out back to back, as a client does after local edits.
    client.send(syncFrame(SyncMessageType.Update, update))
    client.send(syncFrame(SyncMessageType.Step1, Y.encodeStateVector(new Y.Doc())))

    await until(() => storedWhenAcked !== undefined, { message: 'the sync step 2 reply' })
    expect(storedWhenAcked).toBe('Checkliste für den Kassenabschluss')
    expect(ackedContent).toBe('Checkliste für den Kassenabschluss')
  })
})

describe('malformed frames', () => {
  it('close only the sender with 4400; others keep working and the document is unchanged', async () => {
    const kase = await createCase(miriam)
    const room = `cases/${kase.id}/plan`
    const a = await connectProvider(relay.wsUrl, room, miriam.client.cookie)
    const b = await connectProvider(relay.wsUrl, room, miriam.client.cookie)
    a.doc.getText('t').insert(0, 'Ziel 1: 18 Artikel pro Minute')
    await until(() => b.doc.getText('t').toString() === 'Ziel 1: 18 Artikel pro Minute', { message: 'first edit to sync' })
    const before = storedDoc(relay.dataDir, room).getText('t').toString()

    const junk = new Y.Doc()
    junk.getText('t').insert(0, 'this must never be stored anywhere')
    const fullUpdate = Y.encodeStateAsUpdate(junk)
    const bad: Array<Uint8Array | string> = [
      new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]),
      'hello, I am a text frame',
      syncFrame(SyncMessageType.Update, fullUpdate.slice(0, fullUpdate.length - 4)),
      syncFrame(SyncMessageType.Update, fullUpdate).slice(0, 12),
      new Uint8Array([7, 1, 2, 3]),
    ]
    for (const frame of bad) {
      const raw = await connectRaw(relay.wsUrl, room, miriam.client.cookie)
      raw.send(frame)
      expect((await raw.closed).code).toBe(MalformedMessage.code)
    }

    a.doc.getText('t').insert(0, 'Neu: ')
    await until(() => b.doc.getText('t').toString() === 'Neu: Ziel 1: 18 Artikel pro Minute', { message: 'edits after the bad frames' })
    expect(before).toBe('Ziel 1: 18 Artikel pro Minute')
    const stored = storedDoc(relay.dataDir, room).getText('t').toString()
    expect(stored).toBe('Neu: Ziel 1: 18 Artikel pro Minute')
    expect(stored).not.toContain('never be stored')
  })
})

describe('access changes on open connections', () => {
  it("closes a removed member's connection with 4403 within a second", async () => {
    const kase = await createCase(miriam)
    const added = await miriam.client.request('POST', `/api/cases/${kase.id}/members`, { userId: tobias.user.id, role: 'coach' })
    const raw = await connectRaw(relay.wsUrl, `cases/${kase.id}/notes`, tobias.client.cookie)
    const miriamsOwn = await connectRaw(relay.wsUrl, `cases/${kase.id}/notes`, miriam.client.cookie)
    let closedAt = 0
    void raw.closed.then(() => {
      closedAt = Date.now()
    })

    const removedAt = Date.now()
    expect((await miriam.client.request('DELETE', `/api/cases/${kase.id}/members/${added.body.member.id}`)).status).toBe(204)
    const closed = await raw.closed
    expect(closed.code).toBe(AccessRevoked.code)
    expect(closedAt - removedAt).toBeLessThan(1_000)
    expect(miriamsOwn.socket.readyState).toBe(miriamsOwn.socket.OPEN)
  })

  it("closes a logged-out session's connections with 4401", async () => {
    const kase = await createCase(tobias)
    const session = await login(relay, tobias.user.email, tobias.password)
    const raw = await connectRaw(relay.wsUrl, `cases/${kase.id}/plan`, session.client.cookie)
    const other = await connectRaw(relay.wsUrl, `cases/${kase.id}/plan`, tobias.client.cookie)
    await session.client.request('POST', '/api/auth/logout')
    expect((await raw.closed).code).toBe(SessionEnded.code)
    expect(other.socket.readyState).toBe(other.socket.OPEN)
  })

  // The employer role arrives with invitations (a later issue); the policy
  // makes their plan connection read-only until employerCanEdit is on.
  it.skip('drops updates from a read-only (employer) connection and still answers its sync step 1', () => {})
})
