/**
 * The anonymised final report for a pool application (issue 20 point 7)
 * against the real relay, on SQLite and on PostgreSQL: only a coach of the
 * case makes one, only of a closed case; a draft is stored nowhere and
 * reaches no one but its author; the approval stores the reviewed draft
 * (redaction included) as a PDF evidence file of the author's own
 * application that counts toward group 2b, audited on the case with ids
 * only; no name of the case is in the stored bytes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ApproveFinalReportReply, FinalReportDraftReply } from '../../shared/src/api/finalReportExport.js'
import type { Application } from '../../shared/src/api/pool.js'
import { exportLinesText } from '../../shared/src/finalReportExport/anonymiseFinalReport.js'
import { DemoIdentifiers, DemoTitle, writeDemoNotes, writeDemoPlan } from '../../shared/src/finalReportExport/demoFinalReport.js'
import { countedFinalReports } from '../../shared/src/pool/groups.js'
import { reportPartFragment } from '../../shared/src/report/parts.js'
import { createCase, createStaff, inviteAndAccept, setupAdmin, type LoggedIn } from '../helpers/apiClient.js'
import { pdfText } from '../helpers/pdfText.js'
import { databaseUrl, needsPostgres, testSchema } from '../helpers/scaleOut.js'
import { startRelay, type RelayOverrides, type TestRelay } from '../helpers/startRelay.js'
import { until } from '../helpers/until.js'
import { connectProvider } from './support/syncClients.js'

interface Backend {
  name: string
  skip: boolean
  overrides(): RelayOverrides
}

const backends: Backend[] = [
  { name: 'SQLite', skip: false, overrides: () => ({}) },
  { name: `PostgreSQL${needsPostgres}`, skip: databaseUrl === undefined, overrides: () => ({ databaseUrl, databaseSchema: testSchema() }) },
]

/** A reply's body: the success shape, or the error of a refusal. */
type Body<T> = T & { error: { reason: string } }

const draftOf = (who: LoggedIn, caseId: string, redactions: string[] = []) =>
  who.client.request<Body<FinalReportDraftReply>>('POST', `/api/cases/${caseId}/final-report-export/draft`, { redactions })
const approve = (who: LoggedIn, caseId: string, redactions: string[], draftHash: string) =>
  who.client.request<Body<ApproveFinalReportReply>>('POST', `/api/cases/${caseId}/final-report-export/approve`, { redactions, draftHash })

async function download(by: LoggedIn, url: string): Promise<{ status: number; bytes: Buffer }> {
  const response = await fetch(new URL(url, by.client.baseUrl), { headers: { cookie: by.client.cookie } })
  return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()) }
}

function leaks(text: string): string[] {
  const found = DemoIdentifiers.filter((identifier) => text.toLowerCase().includes(identifier.toLowerCase()))
  return /(?<!\p{L})Ali(?!\p{L})/u.test(text) ? [...found, 'Ali'] : found
}

/** Writes the demo case through a coach's providers and waits until a second client receives it (the relay forwards only what it committed). */
async function writeDemoCase(relay: TestRelay, coach: LoggedIn, caseId: string): Promise<void> {
  const plan = await connectProvider(relay.wsUrl, `cases/${caseId}/plan`, coach.client.cookie)
  const notes = await connectProvider(relay.wsUrl, `cases/${caseId}/notes`, coach.client.cookie)
  writeDemoPlan(plan.doc)
  writeDemoNotes(notes.doc)
  const planCheck = await connectProvider(relay.wsUrl, `cases/${caseId}/plan`, coach.client.cookie)
  const notesCheck = await connectProvider(relay.wsUrl, `cases/${caseId}/notes`, coach.client.cookie)
  await until(() => planCheck.doc.getArray('participants').length === 3 && reportPartFragment(notesCheck.doc, 'final', 'recommendations').length > 0, {
    message: 'the demo case to be committed',
  })
  for (const client of [plan, notes, planCheck, notesCheck]) {
    client.provider.destroy()
  }
}

describe.each(backends)('anonymised final report for the pool on $name', (backend) => {
  let relay: TestRelay
  let admin: LoggedIn
  let coach: LoggedIn
  let secondCoach: LoggedIn
  let stranger: LoggedIn
  let office: LoggedIn
  let employer: LoggedIn
  let caseId: string

  beforeAll(async () => {
    if (backend.skip) {
      return
    }
    relay = await startRelay(backend.overrides())
    admin = await setupAdmin(relay, { name: 'Anna Admin', email: 'anna.admin@example.org' })
    coach = await createStaff(admin, { name: 'Miriam Roth', email: 'miriam.roth@ifd-hannover.example' })
    secondCoach = await createStaff(admin, { name: 'Tobias Brandt', email: 'tbrandt@ifd-hannover.example' })
    stranger = await createStaff(admin, { name: 'Uwe Unbeteiligt', email: 'uwe@example.org' })
    office = await createStaff(admin, { name: 'Koordinierungsstelle Nord', email: 'office@example.org' })
    await admin.client.request('PATCH', `/api/users/${office.user.id}`, { isCoordinator: true })
    caseId = (await createCase(coach, DemoTitle)).id
    await inviteAndAccept(coach, caseId, 'coach', secondCoach)
    employer = await inviteAndAccept(coach, caseId, 'employer', { name: 'Petra Lange', email: 'p.lange@frischmarkt-nord.example' })
    await writeDemoCase(relay, coach, caseId)
  })

  afterAll(async () => {
    await relay?.stop()
  })

  it.skipIf(backend.skip)('refuses an open case, and everyone but a coach of the case', async () => {
    const open = await draftOf(coach, caseId)
    expect(open.status).toBe(409)
    expect(open.body.error.reason).toBe('caseNotClosed')
    expect((await coach.client.request('POST', `/api/cases/${caseId}/close`, {})).status).toBe(200)
    // A member who is no coach: 403; anyone else, the admin included: as if there were no case.
    expect((await draftOf(employer, caseId)).status).toBe(403)
    expect((await draftOf(stranger, caseId)).status).toBe(404)
    expect((await draftOf(admin, caseId)).status).toBe(404)
    expect((await draftOf(office, caseId)).status).toBe(404)
    expect((await approve(stranger, caseId, [], '0'.repeat(64))).status).toBe(404)
  })

  it.skipIf(backend.skip)('gives the author a draft without a name of the case, which is stored nowhere and reaches no one else', async () => {
    const reply = await draftOf(coach, caseId)
    expect(reply.status).toBe(200)
    const text = exportLinesText(reply.body.draft.lines)
    expect(leaks(text)).toEqual([])
    expect(text).toContain('Person A scannt 18 Artikel pro Minute')
    expect(text).toContain('Kasse 2')
    expect(reply.body.draft.legend).toContainEqual({ placeholder: 'Person A', kind: 'person', identifier: 'Jonas Peters' })
    expect(reply.body.draft.alreadyExported).toBe(false)
    // Nothing left the draft: no evidence in the author's application, nothing for the office to see.
    const own = await coach.client.request<{ application: Application }>('GET', '/api/pool/me')
    expect(own.body.application.evidence).toEqual([])
    const listed = await office.client.request<{ applications: Array<{ id: string }> }>('GET', '/api/pool/applications')
    for (const summary of listed.body.applications) {
      const seen = await office.client.request<{ application: Application }>('GET', `/api/pool/applications/${summary.id}`)
      expect(seen.body.application.evidence).toEqual([])
    }
    const audit = await coach.client.request<{ events: Array<{ type: string }> }>('GET', `/api/cases/${caseId}/audit`)
    expect(audit.body.events.some((event) => event.type === 'finalReportExported')).toBe(false)
  })

  it.skipIf(backend.skip)('stores the reviewed draft, with its redaction, as counting evidence of the author only, audited without content', async () => {
    const redactions = ['Kasse 2']
    const draft = (await draftOf(coach, caseId, redactions)).body.draft
    expect(exportLinesText(draft.lines)).not.toContain('Kasse 2')
    // Another hash than the reviewed draft's (here: the draft before the redaction) is refused, and nothing is stored.
    const before = (await draftOf(coach, caseId)).body.draft
    const stale = await approve(coach, caseId, redactions, before.draftHash)
    expect(stale.status).toBe(409)
    expect(stale.body.error.reason).toBe('finalReportDraftChanged')
    expect((await coach.client.request<{ attachments: unknown[] }>('GET', `/api/pool-members/${coach.user.id}/attachments`)).body.attachments).toEqual([])

    const approved = await approve(coach, caseId, redactions, draft.draftHash)
    expect(approved.status).toBe(201)
    const application = approved.body.application
    expect(application.userId).toBe(coach.user.id)
    const item = application.evidence.find((entry) => entry.id === approved.body.evidenceId)
    expect(item).toMatchObject({ kind: 'anonymisedFinalReport', confirmed: false, file: { mediaType: 'application/pdf' } })
    expect(item?.fromFallbuchCase).toMatch(/^[0-9a-f]{64}$/)
    expect(item?.fromFallbuchCase).not.toContain(caseId)
    expect(leaks(item?.description ?? '')).toEqual([])
    // It counts toward 2b's five without the office's confirmation.
    expect(countedFinalReports(application.evidence)).toBe(1)

    // The stored bytes: a PDF that says what the author approved, and no name of the case.
    const file = await download(coach, item?.file?.contentUrl ?? '')
    expect(file.status).toBe(200)
    expect(file.bytes.subarray(0, 5).toString()).toBe('%PDF-')
    const pdf = pdfText(file.bytes).replace(/\s*\n\s*/g, ' ')
    expect(pdf).toContain('Person A scannt 18 Artikel pro Minute')
    expect(pdf).toContain('[geschwärzt]')
    expect(pdf).not.toContain('Kasse 2')
    expect(leaks(pdf)).toEqual([])
    expect(leaks(file.bytes.toString('latin1')).filter((found) => /^\p{L}+$/u.test(found))).toEqual([])
    // The other coach of the case does not see it (the evidence is the author's).
    expect((await download(secondCoach, item?.file?.contentUrl ?? '')).status).toBe(403)
    expect((await secondCoach.client.request<{ application: Application }>('GET', '/api/pool/me')).body.application.evidence).toEqual([])

    // Audited on the case: who and which file, no text.
    const audit = await coach.client.request<{ events: Array<{ type: string; actorId: string | null; details: Record<string, unknown> }> }>('GET', `/api/cases/${caseId}/audit`)
    const entry = audit.body.events.find((event) => event.type === 'finalReportExported')
    expect(entry).toMatchObject({ actorId: coach.user.id, details: { attachmentId: item?.attachmentId } })
    expect(Object.keys(entry?.details ?? {})).toEqual(['attachmentId'])

    // One case counts once; the file of a report made in Fallbuch cannot be swapped for another.
    const again = await approve(coach, caseId, redactions, draft.draftHash)
    expect(again.status).toBe(409)
    expect(again.body.error.reason).toBe('finalReportExported')
    expect((await draftOf(coach, caseId)).body.draft.alreadyExported).toBe(true)
    const swap = await coach.client.request('POST', `/api/pool/me/evidence/${item?.id}/file`, { attachmentId: null })
    expect(swap.status).toBe(409)
  })

  it.skipIf(backend.skip)('the second coach of the case makes their own, into their own application', async () => {
    const draft = (await draftOf(secondCoach, caseId)).body.draft
    const approved = await approve(secondCoach, caseId, [], draft.draftHash)
    expect(approved.status).toBe(201)
    expect(approved.body.application.userId).toBe(secondCoach.user.id)
    expect(countedFinalReports(approved.body.application.evidence)).toBe(1)
    const own = await coach.client.request<{ application: Application }>('GET', '/api/pool/me')
    expect(own.body.application.evidence).toHaveLength(1)

    // Removing the item deletes its file; the case's report may then be made again.
    const item = approved.body.application.evidence[0]
    const removed = await secondCoach.client.request<{ application: Application }>('DELETE', `/api/pool/me/evidence/${item?.id}`)
    expect(removed.status).toBe(200)
    expect(countedFinalReports(removed.body.application.evidence)).toBe(0)
    expect((await download(secondCoach, item?.file?.contentUrl ?? '')).status).toBe(404)
    expect((await approve(secondCoach, caseId, [], draft.draftHash)).status).toBe(201)
  })
})
