/**
 * The data-protection lifecycle of a case (issue 10) against the real relay
 * with stock y-websocket clients: closing makes a case read-only; erasure
 * removes every trace (database files and WAL, a backup taken afterwards),
 * tombstones the rooms (4404) so a stale offline copy cannot come back; the
 * retention sweep erases a closed case when its period ends; the coachee's
 * export validates against its published JSON Schema.
 */
import { Ajv2020 } from 'ajv/dist/2020.js'
import formatsPlugin from 'ajv-formats'
import Database from 'better-sqlite3'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { ConfidentialContentFragment, ConfidentialFields, FrozenConfidentialFields } from '../../shared/src/caseDocument/confidential.js'
import { phaseNotes } from '../../shared/src/caseDocument/notes.js'
import { addGoal, emptyGoal, planApproach, planMeta } from '../../shared/src/caseDocument/plan.js'
import { profileMapText } from '../../shared/src/caseDocument/profile.js'
import { addComment } from '../../shared/src/comments/thread.js'
import { RoomErased } from '../../shared/src/protocol/closeCodes.js'
import { caseRoomNames, formatRoomName } from '../../shared/src/protocol/roomName.js'
import { RequiredFinalParts, reportPartFragment } from '../../shared/src/report/parts.js'
import { caseKeyOwner } from '../../server/src/crypto/keyOwners.js'
import { createLogger } from '../../server/src/log.js'
import { openSqliteStorage } from '../../server/src/storage/sqlite/openSqliteStorage.js'
import { createCase, createStaff, inviteAndAccept, setupAdmin, type LoggedIn } from '../helpers/apiClient.js'
import { embeddedMasterKeys } from '../helpers/atRest.js'
import { startRelay, type TestRelay } from '../helpers/startRelay.js'
import { until } from '../helpers/until.js'
import { appendParagraph, connectProvider, connectRaw, cookieWebSocket, roundTrip, storedUpdates } from './support/syncClients.js'

/** Writes the required parts of the final report, so the case may close. */
function writeFinalReport(notes: Y.Doc): void {
  for (const part of RequiredFinalParts) {
    appendParagraph(reportPartFragment(notes, 'final', part), `Abschlussbericht: ${part}`)
  }
}

/** Every file in the relay's DATA_DIR that holds `text` (UTF-8). */
async function filesHolding(dataDir: string, text: string): Promise<string[]> {
  const needle = Buffer.from(text, 'utf8')
  const found: string[] = []
  for (const file of await readdir(dataDir)) {
    if ((await readFile(join(dataDir, file))).includes(needle)) {
      found.push(file)
    }
  }
  return found
}

async function committed(relay: TestRelay, room: string, text: string): Promise<void> {
  await until(() => storedUpdates(relay.dataDir, room).some((update) => Buffer.from(update).includes(text)), { message: `${text} to be stored` })
}

describe('closing a case', () => {
  let relay: TestRelay
  let coach: LoggedIn
  let caseId: string

  beforeAll(async () => {
    relay = await startRelay()
    coach = await setupAdmin(relay)
    caseId = (await createCase(coach)).id
  })

  it('needs the final report, then makes the case read-only for everyone, in place', async () => {
    const employer = await inviteAndAccept(coach, caseId, 'employer')
    expect((await coach.client.request('POST', `/api/cases/${caseId}/close`, {})).status).toBe(409)
    expect((await employer.client.request('POST', `/api/cases/${caseId}/close`, {})).status).toBe(403)
    const notes = await connectProvider(relay.wsUrl, `cases/${caseId}/notes`, coach.client.cookie)
    writeFinalReport(notes.doc)
    await committed(relay, `cases/${caseId}/notes`, 'Abschlussbericht: recommendations')

    const closed = await coach.client.request('POST', `/api/cases/${caseId}/close`, {})
    expect(closed.status).toBe(200)
    const { closedAt, erasesAt, rooms } = closed.body.case as { closedAt: string; erasesAt: string; rooms: Array<{ access: string }> }
    expect(new Date(erasesAt).getUTCFullYear() - new Date(closedAt).getUTCFullYear()).toBe(5)
    expect(rooms.every((room) => room.access !== 'write')).toBe(true)

    // The open connection of the coach now writes nothing.
    const raw = await connectRaw(relay.wsUrl, `cases/${caseId}/notes`, coach.client.cookie)
    appendParagraph(phaseNotes(notes.doc, 'analysis'), 'nach dem Abschluss geschrieben')
    await roundTrip(raw)
    expect(storedUpdates(relay.dataDir, `cases/${caseId}/notes`).some((u) => Buffer.from(u).includes('nach dem Abschluss'))).toBe(false)

    expect((await coach.client.request('PATCH', `/api/cases/${caseId}`, { title: 'Neu' })).status).toBe(409)
    expect((await coach.client.request('POST', `/api/cases/${caseId}/invitations`, { role: 'coachee' })).status).toBe(409)
    expect((await employer.client.request('POST', `/api/cases/${caseId}/agreements`, {})).status).toBe(409)
    expect((await coach.client.request('POST', `/api/cases/${caseId}/close`, {})).status).toBe(409)
    const audit = (await coach.client.request('GET', `/api/cases/${caseId}/audit`)).body.events as Array<{ type: string }>
    expect(audit.map((event) => event.type)).toContain('caseClosed')
  })
})

describe('erasing a case', () => {
  it('leaves no canary in the database files or a later backup, and a stale offline copy gets 4404 and cannot come back', async () => {
    const relay = await startRelay()
    const coach = await setupAdmin(relay)
    const caseId = (await createCase(coach, 'Kanarienfall KNR-title-01')).id
    // Every room that takes writes (the old free-text release takes none any more, issue 16).
    const rooms = caseRoomNames(caseId)
      .filter((room) => room.kind !== 'confidential' || !FrozenConfidentialFields.has(room.field))
      .map(formatRoomName)
    const canaries: string[] = []
    for (const [index, room] of rooms.entries()) {
      const { doc } = await connectProvider(relay.wsUrl, room, coach.client.cookie)
      const kept = `KNR-kept-${index}-5d1e`
      const deleted = `KNR-deleted-${index}-a07c`
      canaries.push(kept, deleted)
      if (room.endsWith('/profile')) {
        // The occupational profile (issue 19) has no rich text: a merging text field takes the canaries.
        const interests = profileMapText(doc, 'wishes', 'interests')
        interests?.insert(0, deleted)
        await committed(relay, room, deleted)
        interests?.delete(0, deleted.length)
        interests?.insert(0, kept)
        await committed(relay, room, kept)
        continue
      }
      const fragment = room.endsWith('/plan') ? planApproach(doc) : room.endsWith('/notes') ? phaseNotes(doc, 'analysis') : doc.getXmlFragment(ConfidentialContentFragment)
      appendParagraph(fragment, deleted)
      await committed(relay, room, deleted)
      fragment.delete(fragment.length - 1, 1)
      appendParagraph(fragment, kept)
      await committed(relay, room, kept)
    }
    // A laptop that synced the plan and then went offline for a month.
    const laptop = new Y.Doc()
    const plan = await connectProvider(relay.wsUrl, `cases/${caseId}/plan`, coach.client.cookie)
    Y.applyUpdate(laptop, Y.encodeStateAsUpdate(plan.doc))
    planMeta(laptop).set('workplace', 'KNR-offline-edit-77')
    const openSocket = await connectRaw(relay.wsUrl, `cases/${caseId}/notes`, coach.client.cookie)

    const employer = await inviteAndAccept(coach, caseId, 'employer')
    // A version of the plan (contract §8.4): its sealed snapshot must go too.
    expect((await employer.client.request('POST', `/api/cases/${caseId}/agreements`, {})).status).toBe(201)
    expect((await employer.client.request('DELETE', `/api/cases/${caseId}`)).status).toBe(403)
    const outsider = await createStaff(coach)
    expect((await outsider.client.request('DELETE', `/api/cases/${caseId}`)).status).toBe(404)
    expect((await coach.client.request('DELETE', `/api/cases/${caseId}`)).status).toBe(204)

    // Open connections close with 4404.
    expect((await openSocket.closed).code).toBe(RoomErased.code)
    expect((await coach.client.request('GET', `/api/cases/${caseId}`)).status).toBe(404)
    expect((await coach.client.request('DELETE', `/api/cases/${caseId}`)).status).toBe(404)
    expect((await coach.client.request('GET', '/api/cases')).body.cases).toEqual([])

    // The offline laptop comes back: 4404, and nothing it holds is stored.
    const provider = new WebsocketProvider(relay.wsUrl, `cases/${caseId}/plan`, laptop, {
      disableBc: true,
      WebSocketPolyfill: cookieWebSocket(coach.client.cookie) as unknown as typeof globalThis.WebSocket,
    })
    const closeCode = await new Promise<number>((resolve) => {
      provider.on('connection-close', (event: CloseEvent | null) => resolve(event?.code ?? 0))
    })
    provider.destroy()
    expect(closeCode).toBe(RoomErased.code)
    for (const room of rooms) {
      expect(storedUpdates(relay.dataDir, room), room).toEqual([])
    }

    const backupFile = join(relay.dataDir, 'after-erasure.backup')
    const db = new Database(join(relay.dataDir, 'fallbuch.sqlite'), { readonly: true })
    try {
      await db.backup(backupFile)
    } finally {
      db.close()
    }
    const backup = new Database(backupFile, { readonly: true })
    try {
      expect(backup.prepare('SELECT COUNT(*) AS n FROM document_versions').get()).toEqual({ n: 0 })
    } finally {
      backup.close()
    }
    for (const canary of [...canaries, 'KNR-title-01', 'KNR-offline-edit-77']) {
      expect(await filesHolding(relay.dataDir, canary), canary).toEqual([])
    }
  })

  it('finishes an erasure that a crash interrupted before the case key was destroyed, at the next start', async () => {
    const relay = await startRelay()
    const coach = await setupAdmin(relay)
    const caseId = (await createCase(coach)).id
    const owner = caseKeyOwner(caseId)
    expect(await relay.keyring.liveOwners([owner])).toEqual([owner])
    await relay.stop()
    // The erasure's transaction committed, then the process died before destroying the key.
    const storage = await openSqliteStorage({ dataDir: relay.dataDir, synchronous: 'normal', logger: createLogger({ logLevel: 'silent' }), masterKeys: embeddedMasterKeys(relay.dataDir) })
    expect(await storage.eraseCase({ caseId, erasedAt: new Date().toISOString(), reason: 'request', erasedBy: coach.user.id })).toBe(true)
    expect(await storage.keyring.liveOwners([owner])).toEqual([owner])
    await storage.close()

    const again = await startRelay({ dataDir: relay.dataDir })
    await until(async () => (await again.keyring.liveOwners([owner])).length === 0, { message: 'the interrupted erasure to destroy the key' })
  })

  it('lets an admin who is no member erase a case on request', async () => {
    const relay = await startRelay()
    const admin = await setupAdmin(relay)
    const coach = await createStaff(admin, { name: 'Tobias Brandt' })
    const caseId = (await createCase(coach)).id
    expect((await admin.client.request('GET', `/api/cases/${caseId}`)).status).toBe(404)
    expect((await admin.client.request('DELETE', `/api/cases/${caseId}`)).status).toBe(204)
    expect((await coach.client.request('GET', `/api/cases/${caseId}`)).status).toBe(404)
  })
})

describe('retention', () => {
  it('erases a closed case once its retention period has passed', async () => {
    let offsetMs = 0
    const relay = await startRelay({ clock: () => new Date(Date.now() + offsetMs), retentionSweepMs: 50, retentionYears: 5 })
    const coach = await setupAdmin(relay)
    const caseId = (await createCase(coach)).id
    const keptCaseId = (await createCase(coach, 'Laufender Fall')).id
    const notes = await connectProvider(relay.wsUrl, `cases/${caseId}/notes`, coach.client.cookie)
    writeFinalReport(notes.doc)
    await committed(relay, `cases/${caseId}/notes`, 'Abschlussbericht: recommendations')
    expect((await coach.client.request('POST', `/api/cases/${caseId}/close`, {})).status).toBe(200)
    notes.provider.destroy()

    offsetMs = 4 * 365 * 24 * 3_600_000
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect((await coach.client.request('GET', `/api/cases/${caseId}`)).status).toBe(200)

    offsetMs = (5 * 365 + 2) * 24 * 3_600_000
    await until(async () => (await coach.client.request('GET', `/api/cases/${caseId}`)).status === 404, { message: 'the case to be erased' })
    expect(storedUpdates(relay.dataDir, `cases/${caseId}/notes`)).toEqual([])
    // Open cases are not touched.
    expect((await coach.client.request('GET', `/api/cases/${keptCaseId}`)).status).toBe(200)
    const stale = await connectRaw(relay.wsUrl, `cases/${caseId}/plan`, coach.client.cookie)
    expect((await stale.closed).code).toBe(RoomErased.code)
  })
})

describe("the coachee's data export", () => {
  let relay: TestRelay
  let coach: LoggedIn
  let coachee: LoggedIn & { memberId: string }
  let employer: LoggedIn & { memberId: string }
  let caseId: string

  beforeAll(async () => {
    relay = await startRelay()
    coach = await setupAdmin(relay)
    caseId = (await createCase(coach, 'Kassenbereich Frischmarkt')).id
    coachee = await inviteAndAccept(coach, caseId, 'coachee')
    employer = await inviteAndAccept(coach, caseId, 'employer')
    const plan = await connectProvider(relay.wsUrl, `cases/${caseId}/plan`, coach.client.cookie)
    addGoal(plan.doc, { ...emptyGoal('goal1'), title: 'Selbstständig Kasse abrechnen', specific: 'Tagesabschluss allein' })
    appendParagraph(planApproach(plan.doc), 'Begleitung zweimal pro Woche')
    await committed(relay, `cases/${caseId}/plan`, 'Begleitung zweimal pro Woche')
    // The coaches' notes: an assessment of the coachee, a colleague named only here, and a tandem comment thread.
    const notes = await connectProvider(relay.wsUrl, `cases/${caseId}/notes`, coach.client.cookie)
    appendParagraph(phaseNotes(notes.doc, 'analysis'), 'Jonas arbeitet sorgfältig; Einarbeitung durch Herrn Bogdanović. Bogdanovićs Urteil: gut. Sabine Keller ist einverstanden.')
    const thread = addComment(notes.doc, { id: 'c1', authorId: coach.user.id, createdAt: '2026-03-03T10:00:00.000Z', text: 'Tandem intern: wirkt müde', anchor: '' })
    const reply = new Y.Map<unknown>()
    for (const [key, value] of Object.entries({ id: 'r1', authorId: coach.user.id, createdAt: '2026-03-03T11:00:00.000Z', text: 'Antwort intern' })) {
      reply.set(key, value)
    }
    ;(thread.get('replies') as Y.Array<Y.Map<unknown>>).push([reply])
    await committed(relay, `cases/${caseId}/notes`, 'Antwort intern')
    // The old free-text release takes no writes any more (issue 16: releases are records).
    for (const field of ConfidentialFields.filter((candidate) => !FrozenConfidentialFields.has(candidate))) {
      const room = `cases/${caseId}/confidential/${field}`
      const { doc } = await connectProvider(relay.wsUrl, room, coach.client.cookie)
      appendParagraph(doc.getXmlFragment(ConfidentialContentFragment), `Text zu ${field} <b>&</b>`)
      await committed(relay, room, `Text zu ${field}`)
    }
    const grant = await coachee.client.request('POST', `/api/cases/${caseId}/consents`, {
      field: 'healthRestrictions',
      memberId: employer.memberId,
      purpose: 'Arbeitsplatzanpassung',
      evidence: 'inApp',
    })
    expect(grant.status).toBe(201)
    expect((await coachee.client.request('POST', `/api/cases/${caseId}/agreements`, {})).status).toBe(201)
  })

  it('validates against its published JSON Schema and holds every part', async () => {
    const schemaReply = await fetch(`${relay.url}/api/export/case-export.schema.json`)
    expect(schemaReply.status).toBe(200)
    const ajv = new Ajv2020({ allErrors: true, strict: false })
    // ajv-formats is CommonJS: its plugin is the default export's `default`.
    const addFormats = (formatsPlugin as unknown as { default: (ajv: Ajv2020) => void }).default
    addFormats(ajv)
    const validate = ajv.compile(await schemaReply.json())

    const reply = await coachee.client.request('GET', `/api/cases/${caseId}/export`)
    expect(reply.status).toBe(200)
    expect(reply.headers.get('content-disposition')).toMatch(/attachment; filename="fallbuch-auskunft-.*\.json"/)
    const data = reply.body
    expect(validate(data), JSON.stringify(validate.errors)).toBe(true)
    expect(data.subject).toMatchObject({ name: 'Jonas Weber', role: 'coachee', memberId: coachee.memberId })
    expect(data.case.title).toBe('Kassenbereich Frischmarkt')
    expect(data.plan.goals[0]).toMatchObject({ title: 'Selbstständig Kasse abrechnen', specific: 'Tagesabschluss allein' })
    expect(data.plan.approach).toBe('Begleitung zweimal pro Woche')
    expect(data.confidentialFields.map((f: { field: string; text: string }) => [f.field, f.text])).toEqual(
      ConfidentialFields.map((field) => [field, FrozenConfidentialFields.has(field) ? '' : `Text zu ${field} <b>&</b>`]),
    )
    expect(data.consents).toHaveLength(1)
    expect(data.agreements[0]).toMatchObject({ userName: 'Jonas Weber' })
    expect(data.auditEvents.map((event: { type: string }) => event.type)).toEqual(expect.arrayContaining(['consentGranted', 'agreementGiven']))
    expect(data.members.map((member: { name: string }) => member.name)).toEqual(['Miriam Roth', 'Jonas Weber', 'Sabine Keller'])
    expect(data.formatVersion).toBe(2)
  })

  it("leaves out the tandem's comment threads and other people's names, and says so (Art. 15(4))", async () => {
    const reply = await coachee.client.request('GET', `/api/cases/${caseId}/export`)
    const data = reply.body
    const json = JSON.stringify(data)
    expect(json).not.toMatch(/Tandem intern|Antwort intern|Bogdanovi/)
    expect(data.notes.comments).toBeUndefined()
    // The assessment of the coachee stays, and so do the names the coachee knows from the case (a member).
    expect(data.notes.phases.analysis).toBe('Jonas arbeitet sorgfältig; Einarbeitung durch Herrn [weitere Person]. [weitere Person] Urteil: gut. Sabine Keller ist einverstanden.')
    expect(data.limitations).toMatchObject({ withheldCommentThreads: 1, withheldCommentReplies: 1, replacedNames: 2 })
    expect(data.limitations.notice).toContain('Art. 15 Abs. 4 DSGVO')
    const html = (await coachee.client.request('GET', `/api/cases/${caseId}/export?format=html`)).body as string
    expect(html).toContain('Art. 15 Abs. 4 DSGVO')
    expect(html).toContain('1 Gesprächsfäden, 1 Antworten')
    expect(html).not.toMatch(/Tandem intern|Bogdanovi/)
  })

  it('is for the coachee, or a coach on their behalf; the readable page escapes every text', async () => {
    expect((await employer.client.request('GET', `/api/cases/${caseId}/export`)).status).toBe(403)
    expect((await coachee.client.request('GET', `/api/cases/${caseId}/export?memberId=${employer.memberId}`)).status).toBe(403)
    expect((await coach.client.request('GET', `/api/cases/${caseId}/export?memberId=${employer.memberId}`)).status).toBe(404)
    expect((await coach.client.request('GET', `/api/cases/${caseId}/export?format=pdf`)).status).toBe(400)
    const byCoach = await coach.client.request('GET', `/api/cases/${caseId}/export?memberId=${coachee.memberId}`)
    expect(byCoach.status).toBe(200)
    expect(byCoach.body.exportedBy).toMatchObject({ name: 'Miriam Roth', role: 'coach' })

    const html = await coachee.client.request('GET', `/api/cases/${caseId}/export?format=html`)
    expect(html.status).toBe(200)
    expect(html.headers.get('content-type')).toContain('text/html')
    const page = html.body as string
    expect(page).toContain('Selbstständig Kasse abrechnen')
    expect(page).toContain('Text zu diagnosis &#60;b&#62;&#38;&#60;/b&#62;')
    expect(page).not.toContain('<b>&</b>')
  })
})
