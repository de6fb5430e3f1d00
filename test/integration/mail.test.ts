/**
 * Mail (contract §8.5, issue 22) through a real SMTP server in the test
 * process: invitations by mail, "Passwort vergessen", the daily digest and
 * the outbox's retries. No mail may carry case content or names.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addMeeting } from '../../shared/src/caseDocument/notes.js'
import { addParticipant, setPlanMetaField } from '../../shared/src/caseDocument/plan.js'
import { addDays } from '../../shared/src/process/dates.js'
import { isoDay } from '../../server/src/clock.js'
import { SessionEnded } from '../../shared/src/protocol/closeCodes.js'
import { ApiClient, createCase, createStaff, login, setupAdmin, type LoggedIn } from '../helpers/apiClient.js'
import { startSmtpSink, type SmtpSink } from '../helpers/smtpSink.js'
import { startRelay, type TestRelay } from '../helpers/startRelay.js'
import { until } from '../helpers/until.js'
import { querySql } from './support/database.js'
import { connectProvider, connectRaw, roundTrip } from './support/syncClients.js'

let sink: SmtpSink
let relay: TestRelay
let miriam: LoggedIn
let offsetMs = 0

/** What no mail may contain: the case title, people's names, confidential words. */
const Forbidden = ['Kassenbereich', 'Supermarkt', 'Jonas', 'Peters', 'Miriam', 'Roth', 'Tobias', 'Brandt', 'Sabine', 'Keller', 'Depression', 'Frischmarkt']

function expectNoContent(text: string): void {
  for (const word of Forbidden) {
    expect(text).not.toContain(word)
  }
}

function linkIn(text: string, path: string): string {
  const match = new RegExp(`${relay.url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}${path}([A-Za-z0-9_-]+)`).exec(text)
  if (!match?.[1]) {
    throw new Error(`no ${path} link in: ${text}`)
  }
  return match[1]
}

beforeAll(async () => {
  sink = await startSmtpSink()
  relay = await startRelay({
    smtpUrl: sink.url,
    mailFrom: 'Fallbuch <fallbuch@example.org>',
    mailRetryMs: 200,
    digestHour: 0,
    digestSweepMs: 200,
    clock: () => new Date(Date.now() + offsetMs),
  })
  miriam = await setupAdmin(relay)
})

afterAll(async () => {
  await relay.stop()
  await sink.close()
})

describe('invitations by mail', () => {
  it('mails the link (only the link) to the given address; the reply says emailed; the link is accepted', async () => {
    const kase = await createCase(miriam, 'Kassenbereich Supermarkt – Jonas Peters')
    const to = 'jonas.peters@example.org'
    const from = sink.mails.length
    const created = await miriam.client.request('POST', `/api/cases/${kase.id}/invitations`, { role: 'coachee', email: to })
    expect(created.status).toBe(201)
    expect(created.body.invitation.emailed).toBe(true)
    const mail = await sink.waitFor(to, from)
    expect(mail.from).toBe('fallbuch@example.org')
    expect(mail.subject).toBe('Einladung zu Fallbuch')
    expectNoContent(mail.raw + mail.text + mail.subject)
    const token = linkIn(mail.text, '/invitations/')
    expect(token).toBe(created.body.invitation.token)

    const jonas = new ApiClient(relay.url)
    const accepted = await jonas.request('POST', `/api/invitations/${token}/accept`, { name: 'Jonas Peters', email: to, password: 'jonas-passwort-1' })
    expect(accepted.status).toBe(201)
    expect(accepted.body.caseId).toBe(kase.id)
  })

  it('without an e-mail nothing is sent and the reply says emailed: false', async () => {
    const kase = await createCase(miriam)
    const from = sink.mails.length
    const created = await miriam.client.request('POST', `/api/cases/${kase.id}/invitations`, { role: 'employer' })
    expect(created.body.invitation.emailed).toBe(false)
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(sink.mails.length).toBe(from)
  })
})

describe('password reset', () => {
  it('answers 204 for an unknown address and sends nothing', async () => {
    expect((await new ApiClient(relay.url).request('GET', '/api/auth/password-reset')).body).toEqual({ mailEnabled: true })
    const from = sink.mails.length
    const response = await new ApiClient(relay.url).request('POST', '/api/auth/password-reset', { email: 'niemand@example.org' })
    expect(response.status).toBe(204)
    await new Promise((resolve) => setTimeout(resolve, 400))
    expect(sink.mails.length).toBe(from)
  })

  it('mails a single-use link; setting the password ends every session and closes its sockets with 4401', async () => {
    const tobias = await createStaff(miriam)
    const kase = await createCase(tobias)
    const second = await login(relay, tobias.user.email, tobias.password)
    const socket = await connectRaw(relay.wsUrl, `cases/${kase.id}/plan`, second.client.cookie)

    const from = sink.mails.length
    expect((await new ApiClient(relay.url).request('POST', '/api/auth/password-reset', { email: tobias.user.email })).status).toBe(204)
    const mail = await sink.waitFor(tobias.user.email, from)
    expect(mail.subject).toBe('Fallbuch: Passwort zurücksetzen')
    expectNoContent(mail.text)
    const token = linkIn(mail.text, '/password-reset\\?token=')
    // Only the hash is stored; the outbox's copy of the body is cleared once sent.
    expect(JSON.stringify(querySql(relay.dataDir, 'SELECT * FROM password_resets'))).not.toContain(token)
    await until(() => querySql<{ body: string }>(relay.dataDir, "SELECT body FROM mail_outbox WHERE kind = 'passwordReset' AND sent_at IS NOT NULL").length > 0)
    expect(JSON.stringify(querySql(relay.dataDir, 'SELECT * FROM mail_outbox'))).not.toContain(token)

    const anonymous = new ApiClient(relay.url)
    // The same link page as a coach's access link (issue 17): the reply logs the person in.
    expect((await anonymous.request('GET', `/api/auth/password-reset/${token}`)).status).toBe(200)
    expect((await anonymous.request('POST', `/api/auth/password-reset/${token}`, { password: 'neues-passwort-22' })).status).toBe(200)
    expect((await socket.closed).code).toBe(SessionEnded.code)
    expect((await tobias.client.request('GET', '/api/me')).status).toBe(401)
    expect((await second.client.request('GET', '/api/me')).status).toBe(401)
    await login(relay, tobias.user.email, 'neues-passwort-22')
    expect((await anonymous.request('POST', '/api/auth/login', { email: tobias.user.email, password: tobias.password })).status).toBe(401)
    // Single use.
    expect((await anonymous.request('POST', `/api/auth/password-reset/${token}`, { password: 'noch-ein-passwort-3' })).status).toBe(404)
  })

  it('a link expires after an hour', async () => {
    const sabine = await createStaff(miriam, { name: 'Sabine Keller' })
    const from = sink.mails.length
    await new ApiClient(relay.url).request('POST', '/api/auth/password-reset', { email: sabine.user.email })
    const token = linkIn((await sink.waitFor(sabine.user.email, from)).text, '/password-reset\\?token=')
    offsetMs += 61 * 60_000
    try {
      expect((await new ApiClient(relay.url).request('POST', `/api/auth/password-reset/${token}`, { password: 'zu-spaet-passwort-1' })).status).toBe(404)
    } finally {
      offsetMs -= 61 * 60_000
    }
    await login(relay, sabine.user.email, sabine.password)
  })

  it('is rate-limited per address, known or not (429, same for both)', async () => {
    const anonymous = new ApiClient(relay.url)
    for (const email of ['gibt-es-nicht@example.org', miriam.user.email]) {
      const statuses = []
      for (let i = 0; i < 4; i++) {
        statuses.push((await anonymous.request('POST', '/api/auth/password-reset', { email })).status)
      }
      expect(statuses).toEqual([204, 204, 204, 429])
    }
  })
})

describe('daily digest', () => {
  async function coachWithDueCase(name: string): Promise<{ coach: LoggedIn; caseId: string }> {
    const coach = await createStaff(miriam, { name })
    const kase = await createCase(coach, 'Kassenbereich Supermarkt')
    const today = isoDay(new Date())
    const plan = await connectProvider(relay.wsUrl, `cases/${kase.id}/plan`, coach.client.cookie)
    const notes = await connectProvider(relay.wsUrl, `cases/${kase.id}/notes`, coach.client.cookie)
    setPlanMetaField(plan.doc, 'startDate', addDays(today, -300))
    setPlanMetaField(plan.doc, 'expectedEndDate', addDays(today, -5))
    addParticipant(plan.doc, { id: 'p1', name: 'Jonas Peters', role: 'other', function: 'Kassierer', organisation: 'Frischmarkt Nord' })
    addMeeting(notes.doc, { id: 'm1', kind: 'other', date: addDays(today, -100), participants: 'Jonas Peters, Sabine Keller', fragment: 'meeting:m1' })
    await roundTrip(await connectRaw(relay.wsUrl, `cases/${kase.id}/plan`, coach.client.cookie))
    await roundTrip(await connectRaw(relay.wsUrl, `cases/${kase.id}/notes`, coach.client.cookie))
    plan.provider.destroy()
    notes.provider.destroy()
    return { coach, caseId: kase.id }
  }

  it('tells a coach what is due — counts and links only — once a day', async () => {
    const from = sink.mails.length
    const { coach } = await coachWithDueCase('Petra Lange')
    const mail = await sink.waitFor(coach.user.email, from, 15_000)
    expect(mail.subject).toBe('Fallbuch: Es wartet etwas auf Sie')
    expect(mail.text).toContain('1 Gespräch fällig')
    expect(mail.text).toContain('1 Gespräch überfällig')
    expect(mail.text).toContain('1 Zwischenbericht fällig')
    expect(mail.text).toContain(`${relay.url}/settings`)
    expectNoContent(mail.raw + mail.text)
    expect(mail.text).not.toContain('Petra')
    await new Promise((resolve) => setTimeout(resolve, 600))
    expect(sink.mails.slice(from).filter((received) => received.to.includes(coach.user.email))).toHaveLength(1)
  })

  it("tells a team lead how many of the team's cases have something overdue, naming none of them", async () => {
    await coachWithDueCase('Anna Weber')
    const lead = await createStaff(miriam, { name: 'Karin Vogt' })
    const from = sink.mails.length
    expect((await miriam.client.request('PATCH', `/api/users/${lead.user.id}`, { isLead: true })).status).toBe(200)
    const mail = await sink.waitFor(lead.user.email, from, 15_000)
    expect(mail.text).toContain('In Ihrem Team:')
    expect(mail.text).toMatch(/- \d+ Fälle? mit Überfälligem/)
    expect(mail.text).toContain(`Teamübersicht: ${relay.url}/team`)
    expectNoContent(mail.raw + mail.text)
    expect(mail.text).not.toMatch(/Anna|Weber|Kassenbereich/)
  })

  it('is not sent to someone who switched it off', async () => {
    const coach = await createStaff(miriam, { name: 'Ali Demir' })
    const put = await coach.client.request('PATCH', '/api/me/settings', { digestEnabled: false })
    expect(put.body).toEqual({ settings: { digestEnabled: false }, mailEnabled: true })
    const from = sink.mails.length
    const kase = await createCase(coach)
    const plan = await connectProvider(relay.wsUrl, `cases/${kase.id}/plan`, coach.client.cookie)
    setPlanMetaField(plan.doc, 'startDate', addDays(isoDay(new Date()), -300))
    setPlanMetaField(plan.doc, 'expectedEndDate', addDays(isoDay(new Date()), -5))
    await roundTrip(await connectRaw(relay.wsUrl, `cases/${kase.id}/plan`, coach.client.cookie))
    plan.provider.destroy()
    await new Promise((resolve) => setTimeout(resolve, 1_000))
    expect(sink.mails.slice(from).some((mail) => mail.to.includes(coach.user.email))).toBe(false)
    expect((await coach.client.request('GET', '/api/me/settings')).body.settings).toEqual({ digestEnabled: false })
  })
})

describe('the outbox', () => {
  it('retries a failed delivery with backoff; an admin sees it, others do not', async () => {
    const to = 'kaputt@example.org'
    sink.refuse.add(to)
    const kase = await createCase(miriam)
    await miriam.client.request('POST', `/api/cases/${kase.id}/invitations`, { role: 'employer', email: to })
    const failed = await until(async () => {
      const list = await miriam.client.request('GET', '/api/admin/mail')
      return list.body.mails.find((mail: { recipient: string; attempts: number }) => mail.recipient === to && mail.attempts >= 1)
    })
    expect(failed).toMatchObject({ kind: 'invitation', status: 'pending', attempts: 1 })
    expect(failed.lastError).toContain('550')
    // Not retried before its backoff (1 minute).
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect((await miriam.client.request('GET', '/api/admin/mail')).body.mails.find((mail: { id: string }) => mail.id === failed.id).attempts).toBe(1)

    const tobias = await createStaff(miriam)
    expect((await tobias.client.request('GET', '/api/admin/mail')).status).toBe(403)

    sink.refuse.delete(to)
    const from = sink.mails.length
    offsetMs += 2 * 60_000
    await sink.waitFor(to, from)
    const sent = await until(async () => {
      const list = await miriam.client.request('GET', '/api/admin/mail')
      return list.body.mails.find((mail: { id: string; status: string }) => mail.id === failed.id && mail.status === 'sent')
    })
    expect(sent.attempts).toBe(2)
  })
})
