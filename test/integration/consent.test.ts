/**
 * Consent-gated confidential fields (issue 4, contract §3.2 and §4) with
 * stock y-websocket clients and raw sockets against the real relay: who may
 * grant, what a grant opens (read only), revocation closing the reader's
 * socket with 4403 at once, lapse after validUntil, what the employer's
 * sockets receive, and deleted confidential text leaving the database files.
 */
import Database from 'better-sqlite3'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import type { ConsentGrant } from '../../shared/src/api/consents.js'
import { ConfidentialContentFragment } from '../../shared/src/caseDocument/confidential.js'
import { AccessRevoked } from '../../shared/src/protocol/closeCodes.js'
import { isoDay } from '../../server/src/clock.js'
import { createCase, inviteAndAccept, setupAdmin, type LoggedIn } from '../helpers/apiClient.js'
import { startRelay, type TestRelay } from '../helpers/startRelay.js'
import { until } from '../helpers/until.js'
import { connectProvider, connectRaw, roundTrip, storedDoc, storedUpdates, upgradeStatus, appendParagraph, type RawClient } from './support/syncClients.js'

const field = 'healthRestrictions'
const purpose = 'Arbeitsplatzanpassung im Kassenbereich'

/** Text of a confidential field document (its one paragraph). */
function fieldText(doc: Y.Doc): string {
  return doc.getXmlFragment(ConfidentialContentFragment).toString()
}

/** Appends a paragraph with `text` to a confidential field document. */
function writeParagraph(doc: Y.Doc, text: string): void {
  appendParagraph(doc.getXmlFragment(ConfidentialContentFragment), text)
}

/** Whether any frame a raw client received contains `text` (UTF-8). */
function receivedText(client: RawClient, text: string): boolean {
  const needle = Buffer.from(text, 'utf8')
  return client.received.some((frame) => Buffer.from(frame).includes(needle))
}

interface CaseWithPeople {
  caseId: string
  room: string
  coach: LoggedIn
  employer: LoggedIn & { memberId: string }
  coachee: LoggedIn & { memberId: string }
}

async function caseWithPeople(relay: TestRelay, coach: LoggedIn): Promise<CaseWithPeople> {
  const caseId = (await createCase(coach)).id
  return {
    caseId,
    room: `cases/${caseId}/confidential/${field}`,
    coach,
    employer: await inviteAndAccept(coach, caseId, 'employer'),
    coachee: await inviteAndAccept(coach, caseId, 'coachee'),
  }
}

async function grant(by: LoggedIn, caseId: string, body: Record<string, unknown>): Promise<{ status: number; body: { grant: ConsentGrant } }> {
  return by.client.request('POST', `/api/cases/${caseId}/consents`, body)
}

describe('consent grants', () => {
  let relay: TestRelay
  let c: CaseWithPeople

  beforeAll(async () => {
    relay = await startRelay()
    c = await caseWithPeople(relay, await setupAdmin(relay))
  })

  it('lets only the coachee grant in the app, and a coach record a signed form', async () => {
    const body = { field, memberId: c.employer.memberId, purpose, evidence: 'inApp' }
    expect((await grant(c.employer, c.caseId, body)).status).toBe(403)
    expect((await grant(c.coach, c.caseId, body)).status).toBe(403)
    // A signed form needs its date, and only a coach records one.
    expect((await grant(c.coach, c.caseId, { ...body, evidence: 'signedForm' })).status).toBe(400)
    expect((await grant(c.coachee, c.caseId, { ...body, evidence: 'signedForm', signedOn: '2026-11-02' })).status).toBe(400)
    // Coaches and the coachee read every field already.
    expect((await grant(c.coachee, c.caseId, { ...body, memberId: c.coachee.memberId })).status).toBe(400)
    expect((await grant(c.coachee, c.caseId, { ...body, field: 'shoeSize' })).status).toBe(400)
    expect((await grant(c.coachee, c.caseId, { ...body, validUntil: '2001-01-01' })).status).toBe(400)
    expect((await grant(c.coachee, c.caseId, { ...body, memberId: 'AAAAAAAAAAAAAAAAAAAAAA' })).status).toBe(404)

    const paper = await grant(c.coach, c.caseId, { ...body, field: 'medication', evidence: 'signedForm', signedOn: '2026-11-02' })
    expect(paper.status).toBe(201)
    expect(paper.body.grant).toMatchObject({ field: 'medication', evidence: 'signedForm', signedOn: '2026-11-02', healthData: true, active: true })

    const inApp = await grant(c.coachee, c.caseId, body)
    expect(inApp.status).toBe(201)
    expect(inApp.body.grant).toMatchObject({ field, memberName: 'Sabine Keller', memberRole: 'employer', purpose, active: true, endedBy: null })
    // One open grant per member and field.
    expect((await grant(c.coachee, c.caseId, body)).status).toBe(409)
  })

  it('shows every member of the case the list of grants', async () => {
    for (const person of [c.coach, c.employer, c.coachee]) {
      const reply = await person.client.request<{ grants: ConsentGrant[] }>('GET', `/api/cases/${c.caseId}/consents`)
      expect(reply.status).toBe(200)
      expect(reply.body.grants.map((g) => g.field).sort()).toEqual(['healthRestrictions', 'medication'])
    }
    const caseDetail = await c.employer.client.request('GET', `/api/cases/${c.caseId}`)
    const rooms = Object.fromEntries((caseDetail.body.case.rooms as Array<{ name: string; access: string }>).map((r) => [r.name.split('/').pop(), r.access]))
    expect(rooms).toMatchObject({ healthRestrictions: 'read', medication: 'read', diagnosis: 'none', plan: 'read', notes: 'none' })
  })
})

describe('reading by consent over the sync endpoint', () => {
  let relay: TestRelay
  let c: CaseWithPeople

  beforeAll(async () => {
    relay = await startRelay()
    c = await caseWithPeople(relay, await setupAdmin(relay))
  })

  it('refuses without a grant, opens read-only with one, and closes with 4403 within a second of the revocation', async () => {
    const coachSide = await connectProvider(relay.wsUrl, c.room, c.coach.client.cookie)
    writeParagraph(coachSide.doc, 'Kein Heben über 10 kg')
    expect(await upgradeStatus(relay.wsUrl, c.room, c.employer.client.cookie)).toBe(403)

    const granted = await grant(c.coachee, c.caseId, { field, memberId: c.employer.memberId, purpose, evidence: 'inApp' })
    expect(granted.status).toBe(201)
    const employerSide = await connectProvider(relay.wsUrl, c.room, c.employer.client.cookie)
    await until(() => fieldText(employerSide.doc).includes('Kein Heben über 10 kg'), { message: 'the employer to read the field' })

    // Read-only: the employer's edit is dropped by the relay.
    const raw = await connectRaw(relay.wsUrl, c.room, c.employer.client.cookie)
    writeParagraph(employerSide.doc, 'vom Arbeitgeber geändert')
    await roundTrip(raw)
    expect(fieldText(storedDoc(relay.dataDir, c.room))).not.toContain('vom Arbeitgeber geändert')

    const closed = raw.closed
    const started = Date.now()
    const revoked = await c.coachee.client.request<{ grant: ConsentGrant }>('DELETE', `/api/cases/${c.caseId}/consents/${granted.body.grant.id}`)
    expect(revoked.status).toBe(200)
    expect(revoked.body.grant).toMatchObject({ active: false, endedBy: 'revoked', revokedByName: 'Jonas Weber' })
    expect((await closed).code).toBe(AccessRevoked.code)
    expect(Date.now() - started).toBeLessThan(1_000)
    await until(() => employerSide.provider.wsconnected === false, { message: "the employer's provider to be closed" })
    expect(await upgradeStatus(relay.wsUrl, c.room, c.employer.client.cookie)).toBe(403)
    // A revoked grant cannot be revoked again.
    expect((await c.coach.client.request('DELETE', `/api/cases/${c.caseId}/consents/${granted.body.grant.id}`)).status).toBe(409)
  })

  it("never lets the coachee edit a confidential field, though the coachee reads it", async () => {
    const coacheeSide = await connectProvider(relay.wsUrl, c.room, c.coachee.client.cookie)
    expect(fieldText(coacheeSide.doc)).toContain('Kein Heben über 10 kg')
    const raw = await connectRaw(relay.wsUrl, c.room, c.coachee.client.cookie)
    writeParagraph(coacheeSide.doc, 'von Jonas geändert')
    await roundTrip(raw)
    expect(fieldText(storedDoc(relay.dataDir, c.room))).not.toContain('von Jonas geändert')
  })

  it("writes grants, revocations and openings of the field's room into the case's audit log", async () => {
    const events = (await c.coach.client.request('GET', `/api/cases/${c.caseId}/audit`)).body.events as Array<{
      type: string
      actorName: string | null
      details: Record<string, unknown>
    }>
    expect(events.filter((e) => e.type === 'consentGranted' && e.details.field === field)).toHaveLength(1)
    expect(events.filter((e) => e.type === 'consentRevoked' && e.details.field === field)).toHaveLength(1)
    const openings = events.filter((e) => e.type === 'roomOpened' && e.details.room === c.room)
    expect(openings.map((e) => e.actorName)).toEqual(expect.arrayContaining(['Sabine Keller', 'Jonas Weber', 'Miriam Roth']))
  })

  it("revokes a member's grants when the member leaves the case", async () => {
    const again = await grant(c.coachee, c.caseId, { field: 'diagnosis', memberId: c.employer.memberId, purpose, evidence: 'inApp' })
    expect(again.status).toBe(201)
    expect((await c.coach.client.request('DELETE', `/api/cases/${c.caseId}/members/${c.employer.memberId}`)).status).toBe(204)
    const grants = (await c.coach.client.request<{ grants: ConsentGrant[] }>('GET', `/api/cases/${c.caseId}/consents`)).body.grants
    expect(grants.find((g) => g.id === again.body.grant.id)).toMatchObject({ active: false, endedBy: 'revoked', revokedByName: 'Miriam Roth' })
  })
})

describe("what the employer's sockets receive", () => {
  it("contains the field's text only while the grant is active", async () => {
    const relay = await startRelay()
    const c = await caseWithPeople(relay, await setupAdmin(relay))
    const coachSide = await connectProvider(relay.wsUrl, c.room, c.coach.client.cookie)
    // The employer keeps the plan open throughout; the coach types in the field with a caret (awareness).
    const planSocket = await connectRaw(relay.wsUrl, `cases/${c.caseId}/plan`, c.employer.client.cookie)
    coachSide.provider.awareness.setLocalStateField('user', { name: 'Miriam Roth' })

    writeParagraph(coachSide.doc, 'VOR-ZUSTIMMUNG-7f3a')
    await until(() => storedUpdates(relay.dataDir, c.room).length > 1, { message: 'the coach’s first text to be stored' })
    await roundTrip(planSocket)

    const granted = await grant(c.coachee, c.caseId, { field, memberId: c.employer.memberId, purpose, evidence: 'inApp' })
    const fieldSocket = await connectRaw(relay.wsUrl, c.room, c.employer.client.cookie)
    writeParagraph(coachSide.doc, 'WAEHREND-ZUSTIMMUNG-91c2')
    await until(() => receivedText(fieldSocket, 'WAEHREND-ZUSTIMMUNG-91c2'), { message: 'the granted text to arrive' })
    await roundTrip(fieldSocket)
    expect(receivedText(fieldSocket, 'VOR-ZUSTIMMUNG-7f3a')).toBe(true)

    await c.coachee.client.request('DELETE', `/api/cases/${c.caseId}/consents/${granted.body.grant.id}`)
    expect((await fieldSocket.closed).code).toBe(AccessRevoked.code)
    const framesAtClose = fieldSocket.received.length
    writeParagraph(coachSide.doc, 'NACH-WIDERRUF-c55e')
    coachSide.provider.awareness.setLocalStateField('cursor', { note: 'NACH-WIDERRUF-c55e' })
    await until(() => fieldText(storedDoc(relay.dataDir, c.room)).includes('NACH-WIDERRUF-c55e'), { message: 'the later text to be stored' })
    await roundTrip(planSocket)
    expect(await upgradeStatus(relay.wsUrl, c.room, c.employer.client.cookie)).toBe(403)

    expect(fieldSocket.received.length).toBe(framesAtClose)
    expect(receivedText(fieldSocket, 'NACH-WIDERRUF-c55e')).toBe(false)
    for (const text of ['VOR-ZUSTIMMUNG-7f3a', 'WAEHREND-ZUSTIMMUNG-91c2', 'NACH-WIDERRUF-c55e']) {
      expect(receivedText(planSocket, text), `plan socket and ${text}`).toBe(false)
    }
  })
})

describe('end of a grant by its end date', () => {
  it('closes the reader at the end of validUntil and lists the grant as lapsed', async () => {
    let offsetMs = 0
    const relay = await startRelay({ clock: () => new Date(Date.now() + offsetMs), consentSweepMs: 50 })
    const c = await caseWithPeople(relay, await setupAdmin(relay))
    const today = isoDay(new Date())
    const granted = await grant(c.coachee, c.caseId, { field, memberId: c.employer.memberId, purpose, evidence: 'inApp', validUntil: today })
    expect(granted.status).toBe(201)
    const raw = await connectRaw(relay.wsUrl, c.room, c.employer.client.cookie)

    offsetMs = 2 * 24 * 3_600_000
    expect((await raw.closed).code).toBe(AccessRevoked.code)
    expect(await upgradeStatus(relay.wsUrl, c.room, c.employer.client.cookie)).toBe(403)
    const grants = (await c.coachee.client.request<{ grants: ConsentGrant[] }>('GET', `/api/cases/${c.caseId}/consents`)).body.grants
    expect(grants[0]).toMatchObject({ id: granted.body.grant.id, active: false, endedBy: 'lapsed', revokedAt: null })
    const events = (await c.coach.client.request('GET', `/api/cases/${c.caseId}/audit`)).body.events as Array<{ type: string; actorId: string | null }>
    expect(events.find((e) => e.type === 'consentLapsed')).toMatchObject({ actorId: null })
    // The lapsed grant no longer blocks a new one.
    expect((await grant(c.coachee, c.caseId, { field, memberId: c.employer.memberId, purpose, evidence: 'inApp' })).status).toBe(201)
  })
})

describe('deleted confidential text', () => {
  it('is found nowhere in the database files after compaction and a WAL checkpoint', async () => {
    const relay = await startRelay({ roomIdleMs: 0 })
    const coach = await setupAdmin(relay)
    const caseId = (await createCase(coach)).id
    const room = `cases/${caseId}/confidential/diagnosis`
    const canary = 'KANARIENVOGEL-Diagnose-3b9d0e'
    const coachSide = await connectProvider(relay.wsUrl, room, coach.client.cookie)
    // Typed over a while: the canary sits in many stored rows (and pages) among other text.
    const fragment = coachSide.doc.getXmlFragment(ConfidentialContentFragment)
    for (let i = 0; i < 40; i += 1) {
      writeParagraph(coachSide.doc, `${canary} ${i}`)
      writeParagraph(coachSide.doc, `Befund ${i}: ${'Rückenschmerzen bei langem Stehen. '.repeat(8)}`)
      await until(() => storedUpdates(relay.dataDir, room).length > 2 * i + 2, { message: 'the text to be stored' })
    }
    coachSide.doc.transact(() => fragment.delete(0, fragment.length))
    writeParagraph(coachSide.doc, 'Diagnose durch Fachärztin bestätigt')
    await until(() => fieldText(storedDoc(relay.dataDir, room)).includes('bestätigt'), { message: 'the deletion to be stored' })
    // The last client leaves: the relay compacts the room's log.
    coachSide.provider.destroy()
    await until(() => storedUpdates(relay.dataDir, room).length === 1, { message: 'the room to be compacted' })

    const db = new Database(join(relay.dataDir, 'fallbuch.sqlite'))
    try {
      db.pragma('wal_checkpoint(TRUNCATE)')
    } finally {
      db.close()
    }
    const needle = Buffer.from(canary, 'utf8')
    const files = await readdir(relay.dataDir)
    expect(files).toContain('fallbuch.sqlite')
    for (const file of files) {
      expect((await readFile(join(relay.dataDir, file))).includes(needle), `${file} holds the deleted text`).toBe(false)
    }
    expect(fieldText(storedDoc(relay.dataDir, room))).toContain('Diagnose durch Fachärztin bestätigt')
  })
})
