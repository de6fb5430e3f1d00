/**
 * Meetings as iCalendar (issue 22): a download per meeting for coaches and a
 * private subscription URL per coach, without a cookie, revocable; titles and
 * descriptions carry no personal data.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { addMeeting } from '../../shared/src/caseDocument/notes.js'
import { ApiClient, createCase, createStaff, inviteAndAccept, setupAdmin, type LoggedIn } from '../helpers/apiClient.js'
import { startRelay, type TestRelay } from '../helpers/startRelay.js'
import { connectProvider, connectRaw, roundTrip } from './support/syncClients.js'

let relay: TestRelay
let miriam: LoggedIn
let caseId: string

/** The unfolded content lines of an iCalendar text (RFC 5545 §3.1). */
function contentLines(ics: string): string[] {
  return ics.replace(/\r\n[ \t]/g, '').split('\r\n').filter((line) => line !== '')
}

beforeAll(async () => {
  relay = await startRelay()
  miriam = await setupAdmin(relay)
  caseId = (await createCase(miriam, 'Kassenbereich Supermarkt; Jonas, Peters')).id
  const notes = await connectProvider(relay.wsUrl, `cases/${caseId}/notes`, miriam.client.cookie)
  addMeeting(notes.doc, { id: 'm1', kind: 'midterm', date: '2026-05-04', participants: 'Jonas Peters, Sabine Keller', fragment: 'meeting:m1' })
  addMeeting(notes.doc, { id: 'm2', kind: 'final', date: '2026-09-30', participants: 'Jonas Peters', fragment: 'meeting:m2' })
  await roundTrip(await connectRaw(relay.wsUrl, `cases/${caseId}/notes`, miriam.client.cookie))
  notes.provider.destroy()
})

describe('calendar', () => {
  it('a coach downloads one meeting as a valid VCALENDAR without personal data; other roles may not', async () => {
    const response = await fetch(`${relay.url}/api/cases/${caseId}/meetings/m1/ics`, { headers: { cookie: miriam.client.cookie } })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toContain('text/calendar')
    const ics = await response.text()
    expect(ics.endsWith('\r\n')).toBe(true)
    for (const line of ics.split('\r\n')) {
      expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75)
    }
    const lines = contentLines(ics)
    expect(lines[0]).toBe('BEGIN:VCALENDAR')
    expect(lines.at(-1)).toBe('END:VCALENDAR')
    expect(lines).toContain('VERSION:2.0')
    expect(lines).toContain('DTSTART;VALUE=DATE:20260504')
    expect(lines).toContain('DTEND;VALUE=DATE:20260505')
    expect(lines).toContain(`SUMMARY:Zwischengespräch – Fall ${caseId.slice(0, 4).toUpperCase()}`)
    expect(lines.find((line) => line.startsWith('DESCRIPTION:'))).toBe(`DESCRIPTION:In Fallbuch öffnen: ${relay.url}/cases/${caseId}`)
    expect(lines.filter((line) => line === 'BEGIN:VEVENT')).toHaveLength(1)
    expect(ics).not.toMatch(/Jonas|Peters|Sabine|Kassenbereich/)

    const jonas = await inviteAndAccept(miriam, caseId, 'coachee')
    expect((await jonas.client.request('GET', `/api/cases/${caseId}/meetings/m1/ics`)).status).toBe(403)
    expect((await miriam.client.request('GET', `/api/cases/${caseId}/meetings/nope/ics`)).status).toBe(404)
  })

  it('the subscription URL works without a cookie, lists the coach’s meetings, and is revocable', async () => {
    const tobias = await createStaff(miriam)
    await inviteAndAccept(miriam, caseId, 'coach', tobias)
    expect((await tobias.client.request('GET', '/api/calendar/feed')).body).toEqual({ feed: null })
    const created = await tobias.client.request('POST', '/api/calendar/feed', {})
    expect(created.status).toBe(201)
    const url: string = created.body.feed.url
    expect(url).toMatch(new RegExp(`^${relay.url}/api/calendar/[A-Za-z0-9_-]{43}\\.ics$`))
    expect((await tobias.client.request('GET', '/api/calendar/feed')).body.feed).toEqual({ createdAt: created.body.feed.createdAt })

    const feed = await fetch(url)
    expect(feed.status).toBe(200)
    const lines = contentLines(await feed.text())
    expect(lines.filter((line) => line === 'BEGIN:VEVENT')).toHaveLength(2)
    expect(lines.filter((line) => line === 'END:VEVENT')).toHaveLength(2)
    expect(lines).toContain(`SUMMARY:Abschlussgespräch – Fall ${caseId.slice(0, 4).toUpperCase()}`)
    expect(new Set(lines.filter((line) => line.startsWith('UID:'))).size).toBe(2)

    // A new URL replaces the old one.
    const renewed = await tobias.client.request('POST', '/api/calendar/feed', {})
    expect((await fetch(url)).status).toBe(404)
    expect((await fetch(renewed.body.feed.url)).status).toBe(200)
    expect((await tobias.client.request('DELETE', '/api/calendar/feed')).status).toBe(204)
    expect((await fetch(renewed.body.feed.url)).status).toBe(404)
    expect((await fetch(`${relay.url}/api/calendar/not-a-token.ics`)).status).toBe(404)
    expect((await new ApiClient(relay.url).request('POST', '/api/calendar/feed', {})).status).toBe(401)
  })
})

describe('without SMTP_URL', () => {
  it('nothing is sent or queued: invitations say emailed: false, reset requests answer 204, the outbox stays empty', async () => {
    const anonymous = new ApiClient(relay.url)
    expect((await anonymous.request('GET', '/api/auth/password-reset')).body).toEqual({ mailEnabled: false })
    expect((await anonymous.request('POST', '/api/auth/password-reset', { email: miriam.user.email })).status).toBe(204)
    const created = await miriam.client.request('POST', `/api/cases/${caseId}/invitations`, { role: 'employer', email: 'petra.lange@example.org' })
    expect(created.status).toBe(201)
    expect(created.body.invitation.emailed).toBe(false)
    expect((await miriam.client.request('GET', '/api/admin/mail')).body).toEqual({ mailEnabled: false, mails: [] })
    expect((await miriam.client.request('GET', '/api/me/settings')).body).toEqual({ settings: { digestEnabled: true }, mailEnabled: false })
  })
})
