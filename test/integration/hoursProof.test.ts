/**
 * The monthly proof of hours (issue 18 point 2) against the real relay, on
 * SQLite and PostgreSQL: the employer reads the month minimised (no activity
 * text) and confirms it with its hash; an employer of another case gets
 * nothing, a coach cannot confirm in the employer's name, a stale hash is
 * refused; the month is then locked: a real y-websocket client's edit of a
 * locked entry is refused while its other edits land and a correction is
 * accepted; the confirmation is in the change log and the coachee's data
 * export; PDF (read with pdftotext) and CSV (BOM, semicolons, decimal comma).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import { addHoursEntry, notesHours } from '../../shared/src/caseDocument/notes.js'
import { hoursLocks } from '../../shared/src/hoursProof/monthLock.js'
import { HoursMonthLocked } from '../../shared/src/protocol/closeCodes.js'
import { createCase, createStaff, inviteAndAccept, setupAdmin, type LoggedIn } from '../helpers/apiClient.js'
import { pdftotextLayout } from '../helpers/pdfText.js'
import { databaseUrl, needsPostgres, testSchema } from '../helpers/scaleOut.js'
import { startRelay, type TestRelay } from '../helpers/startRelay.js'
import { until } from '../helpers/until.js'
import { connectProvider } from './support/syncClients.js'

const backends = [
  { name: 'SQLite', skip: false, start: () => startRelay() },
  { name: `PostgreSQL${needsPostgres}`, skip: databaseUrl === undefined, start: () => startRelay({ databaseUrl, databaseSchema: testSchema() }) },
]

const secret = 'Rückenschmerzen besprochen'

function entryOf(doc: Y.Doc, id: string): Y.Map<unknown> {
  const found = notesHours(doc).toArray().find((map) => map.get('id') === id)
  if (found === undefined) {
    throw new Error(`no entry ${id}`)
  }
  return found
}

async function download(relay: TestRelay, who: LoggedIn, path: string): Promise<{ status: number; type: string | null; bytes: Buffer }> {
  const response = await fetch(new URL(path, relay.url), { headers: { cookie: who.client.cookie } })
  return { status: response.status, type: response.headers.get('content-type'), bytes: Buffer.from(await response.arrayBuffer()) }
}

describe.each(backends)('the proof of hours on $name', (backend) => {
  let relay: TestRelay
  let coach: LoggedIn
  let employer: LoggedIn
  let coachee: LoggedIn
  let otherEmployer: LoggedIn
  let caseId: string
  let coachId: string

  beforeAll(async () => {
    if (backend.skip) {
      return
    }
    relay = await backend.start()
    const admin = await setupAdmin(relay)
    coach = await createStaff(admin, { name: 'Tobias Brandt' })
    coachId = coach.user.id
    caseId = (await createCase(coach)).id
    employer = await inviteAndAccept(coach, caseId, 'employer')
    coachee = await inviteAndAccept(coach, caseId, 'coachee')
    const otherCase = (await createCase(coach, 'Lager Spedition')).id
    otherEmployer = await inviteAndAccept(coach, otherCase, 'employer')

    const { doc } = await connectProvider(relay.wsUrl, `cases/${caseId}/notes`, coach.client.cookie)
    addHoursEntry(doc, { id: 'march-1', date: '2026-03-03', hours: 1.5, activity: secret, coachId, category: 'atWorkplace', place: 'Bäckerei Filiale Nord' })
    addHoursEntry(doc, { id: 'march-2', date: '2026-03-10', hours: 0.5, activity: 'Telefonat', coachId, category: 'coordination', place: 'Telefon' })
    addHoursEntry(doc, { id: 'april-1', date: '2026-04-02', hours: 2, activity: 'Anleitung', coachId, category: 'atWorkplace' })
    await until(async () => (await coach.client.request('GET', `/api/cases/${caseId}/hours-proof`)).body.months?.length === 2, { message: 'the hours reach the server' })
  })

  afterAll(async () => {
    await relay?.stop()
  })

  it.skipIf(backend.skip)('the employer reads the month minimised; others of the case too, an employer of another case nothing', async () => {
    const list = await employer.client.request('GET', `/api/cases/${caseId}/hours-proof`)
    expect(list.body.confirmAs).toBe('employer')
    expect(list.body.months.map((month: { month: string; totalMinutes: number }) => [month.month, month.totalMinutes])).toEqual([
      ['2026-04', 120],
      ['2026-03', 120],
    ])
    const proof = await employer.client.request('GET', `/api/cases/${caseId}/hours-proof/2026-03`)
    expect(proof.status).toBe(200)
    expect(proof.body.entries).toEqual([
      { id: 'march-1', date: '2026-03-03', minutes: 90, category: 'atWorkplace', place: 'Bäckerei Filiale Nord', coachName: 'Tobias Brandt', correction: false, correctionOfDate: null },
      { id: 'march-2', date: '2026-03-10', minutes: 30, category: 'coordination', place: 'Telefon', coachName: 'Tobias Brandt', correction: false, correctionOfDate: null },
    ])
    expect(JSON.stringify(proof.body)).not.toContain('Rücken')
    expect((await coachee.client.request('GET', `/api/cases/${caseId}/hours-proof`)).body.confirmAs).toBe('coachee')
    expect((await coach.client.request('GET', `/api/cases/${caseId}/hours-proof`)).body.confirmAs).toBeNull()
    const stranger = await otherEmployer.client.request('GET', `/api/cases/${caseId}/hours-proof/2026-03`)
    expect(stranger.status).toBe(404)
    expect((await otherEmployer.client.request('POST', `/api/cases/${caseId}/hours-proof/2026-03/confirm`, { entriesHash: proof.body.entriesHash })).status).toBe(404)
  })

  it.skipIf(backend.skip)('a coach cannot confirm in the employer’s name; a stale hash is refused; the employer confirms and the month is locked', async () => {
    const proof = (await employer.client.request('GET', `/api/cases/${caseId}/hours-proof/2026-03`)).body
    const byCoach = await coach.client.request('POST', `/api/cases/${caseId}/hours-proof/2026-03/confirm`, { entriesHash: proof.entriesHash })
    expect(byCoach.status).toBe(403)
    expect(byCoach.body.error.reason).toBe('hoursProofConfirmers')
    const stale = await employer.client.request('POST', `/api/cases/${caseId}/hours-proof/2026-03/confirm`, { entriesHash: 'f'.repeat(64) })
    expect(stale.status).toBe(409)
    expect(stale.body.error.reason).toBe('hoursProofChanged')

    const confirmed = await employer.client.request('POST', `/api/cases/${caseId}/hours-proof/2026-03/confirm`, { entriesHash: proof.entriesHash })
    expect(confirmed.status).toBe(200)
    expect(confirmed.body.locked).toBe(true)
    expect(confirmed.body.confirmations).toMatchObject([{ role: 'employer', name: employer.user.name, entriesHash: proof.entriesHash, current: true }])
    const seenByCoach = (await coach.client.request('GET', `/api/cases/${caseId}/hours-proof`)).body.months
    expect(seenByCoach.map((month: { month: string; locked: boolean; confirmations: unknown[] }) => [month.month, month.locked, month.confirmations.length])).toEqual([
      ['2026-04', false, 0],
      ['2026-03', true, 1],
    ])
  })

  it.skipIf(backend.skip)('the confirmation is in the change log (month and role, no content) and in the coachee’s data export', async () => {
    const audit = await coach.client.request('GET', `/api/cases/${caseId}/audit`)
    expect(audit.status).toBe(200)
    const confirmed = (audit.body.events as Array<{ type: string; actorId: string | null; details: Record<string, unknown> }>).filter((event) => event.type === 'hoursMonthConfirmed')
    expect(confirmed).toEqual([expect.objectContaining({ actorId: employer.user.id, details: { month: '2026-03', role: 'employer' } })])

    const exported = await coachee.client.request('GET', `/api/cases/${caseId}/export`)
    expect(exported.status).toBe(200)
    const hash = (await employer.client.request('GET', `/api/cases/${caseId}/hours-proof/2026-03`)).body.confirmations[0].entriesHash as string
    expect(exported.body.hoursConfirmations).toEqual([{ month: '2026-03', name: employer.user.name, role: 'employer', confirmedAt: expect.any(String), entriesHash: hash }])
    const page = (await coachee.client.request('GET', `/api/cases/${caseId}/export?format=html&lang=de`)).body as string
    expect(page).toContain(`Stundennachweis 03/2026: bestätigt von ${employer.user.name} (Arbeitgeber*in)`)
  })

  it.skipIf(backend.skip)("the relay refuses a y-websocket client's edit of a locked entry, while its other edits and a correction land", async () => {
    const room = `cases/${caseId}/notes`
    const reader = await connectProvider(relay.wsUrl, room, coach.client.cookie)
    await until(() => hoursLocks(reader.doc).has('2026-03'), { message: 'the lock reaches the notes room' })

    const writer = await connectProvider(relay.wsUrl, room, coach.client.cookie)
    entryOf(writer.doc, 'april-1').set('place', 'Lager')
    addHoursEntry(writer.doc, { id: 'march-fix', date: '2026-03-10', hours: -0.25, activity: '', coachId, correctionOf: 'march-2', reason: 'Telefonat war kürzer' })
    await until(() => notesHours(reader.doc).length === 4 && entryOf(reader.doc, 'april-1').get('place') === 'Lager', { message: 'the other edit and the correction land' })

    const closed = new Promise<{ code: number; reason: string }>((resolve) => {
      writer.provider.on('connection-close', (event) => {
        writer.provider.shouldConnect = false
        resolve({ code: event?.code ?? 0, reason: event?.reason ?? '' })
      })
    })
    entryOf(writer.doc, 'march-1').set('hours', 3)
    expect(await closed).toEqual(HoursMonthLocked)
    // Deleting a locked entry is refused too.
    const deleter = await connectProvider(relay.wsUrl, room, coach.client.cookie)
    const deleterClosed = new Promise<number>((resolve) => {
      deleter.provider.on('connection-close', (event) => {
        deleter.provider.shouldConnect = false
        resolve(event?.code ?? 0)
      })
    })
    notesHours(deleter.doc).delete(notesHours(deleter.doc).toArray().findIndex((map) => map.get('id') === 'march-2'), 1)
    expect(await deleterClosed).toBe(HoursMonthLocked.code)

    const fresh = await connectProvider(relay.wsUrl, room, coach.client.cookie)
    expect(entryOf(fresh.doc, 'march-1').get('hours')).toBe(1.5)
    expect(notesHours(fresh.doc).toArray().map((map) => map.get('id'))).toEqual(['march-1', 'march-2', 'april-1', 'march-fix'])
    const proof = (await employer.client.request('GET', `/api/cases/${caseId}/hours-proof/2026-03`)).body
    expect(proof.entries.at(-1)).toMatchObject({ id: 'march-fix', minutes: -15, correction: true, correctionOfDate: '2026-03-10' })
    // Confirmed before the correction: the confirmation no longer covers the month as it is.
    expect(proof.confirmations).toMatchObject([{ role: 'employer', current: false }])
    expect(proof.totalMinutes).toBe(105)
  })

  it.skipIf(backend.skip)('downloads the month as PDF and as CSV for Excel', async () => {
    const pdf = await download(relay, employer, `/api/cases/${caseId}/hours-proof/2026-03?format=pdf`)
    expect(pdf.status, pdf.bytes.toString("utf8").slice(0, 300)).toBe(200)
    expect(pdf.type).toBe('application/pdf')
    const text = pdftotextLayout(pdf.bytes)
    expect(text).toContain('Stundennachweis 03/2026')
    expect(text).toContain('03.03.2026')
    expect(text).toContain('1,50')
    expect(text).toContain('im Betrieb')
    expect(text).toContain('Korrektur zu 10.03.2026')
    expect(text).toContain(`Bestätigt von ${employer.user.name} (Arbeitgeber*in)`)
    expect(text).not.toContain('Rücken')

    const csv = await download(relay, employer, `/api/cases/${caseId}/hours-proof/2026-03?format=csv`)
    expect(csv.type).toBe('text/csv; charset=utf-8')
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const lines = csv.bytes.toString('utf8').slice(1).split('\r\n')
    expect(lines[0]).toBe('Datum;Stunden;Kategorie;Ort;Coach;Korrektur')
    expect(lines[1]).toBe('03.03.2026;1,50;im Betrieb;Bäckerei Filiale Nord;Tobias Brandt;')
    expect(lines[3]).toBe('10.03.2026;-0,25;—;;Tobias Brandt;Korrektur zu 10.03.2026')
    expect(lines[4]).toBe('Summe;1,75;;;;')
    expect((await download(relay, otherEmployer, `/api/cases/${caseId}/hours-proof/2026-03?format=csv`)).status).toBe(404)
  })
})
