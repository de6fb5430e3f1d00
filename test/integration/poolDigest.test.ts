/**
 * Keeping qualified (issue 20 point 4) in the daily digest, through a real
 * SMTP server in the test process, on SQLite and PostgreSQL: an admitted
 * pool member who is behind with case supervision and has no further
 * training yet gets one mail that says so (and nothing of any case); one
 * who recorded everything due, and an applicant not yet admitted, get none.
 * The relay's clock stands in mid-November, when the year's training is due.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createStaff, setupAdmin, type LoggedIn } from '../helpers/apiClient.js'
import { databaseUrl, needsPostgres, testSchema } from '../helpers/scaleOut.js'
import { startSmtpSink, type SmtpSink } from '../helpers/smtpSink.js'
import { startRelay, type RelayOverrides, type TestRelay } from '../helpers/startRelay.js'
import { admit, applyForGroupOne } from './support/poolFlow.js'

const backends: { name: string; skip: boolean; overrides(): RelayOverrides }[] = [
  { name: 'SQLite', skip: false, overrides: () => ({}) },
  { name: `PostgreSQL${needsPostgres}`, skip: databaseUrl === undefined, overrides: () => ({ databaseUrl, databaseSchema: testSchema() }) },
]

const started = Date.now()
const November = Date.parse('2026-11-16T09:00:00Z')

describe.each(backends)('keeping-qualified reminders by mail on $name', (backend) => {
  let sink: SmtpSink
  let relay: TestRelay
  let admin: LoggedIn
  let office: LoggedIn
  let amt: LoggedIn

  beforeAll(async () => {
    if (backend.skip) {
      return
    }
    sink = await startSmtpSink()
    relay = await startRelay({
      ...backend.overrides(),
      smtpUrl: sink.url,
      mailFrom: 'Fallbuch <fallbuch@example.org>',
      mailRetryMs: 200,
      digestHour: 0,
      digestSweepMs: 200,
      clock: () => new Date(November + (Date.now() - started)),
    })
    admin = await setupAdmin(relay)
    office = await createStaff(admin, { name: 'Koordinierungsstelle Nord' })
    amt = await createStaff(admin, { name: 'Integrationsamt Hannover' })
    expect((await admin.client.request('PATCH', `/api/users/${office.user.id}`, { isCoordinator: true })).status).toBe(200)
    expect((await admin.client.request('PATCH', `/api/users/${amt.user.id}`, { isIntegrationsamt: true })).status).toBe(200)
  })

  afterAll(async () => {
    await relay?.stop()
    await sink?.close()
  })

  it.skipIf(backend.skip)('reminds an admitted member of what is due, once a day, and nobody with nothing due', async () => {
    const behind = await createStaff(admin, { name: 'Sabine Keller' })
    const upToDate = await createStaff(admin, { name: 'Jonas Peters' })
    const applicant = await createStaff(admin, { name: 'Ali Demir' })
    const from = sink.mails.length

    // Everything due by November recorded before the admission: three supervisions and the training.
    for (const on of ['2026-02-10', '2026-05-12', '2026-08-20']) {
      expect((await upToDate.client.request('POST', '/api/pool/me/supervisions', { on, note: '' })).status).toBe(201)
    }
    expect((await upToDate.client.request('POST', '/api/pool/me/trainings', { on: '2026-09-01', title: 'Fachtag Autismus', hours: 6 })).status).toBe(201)
    await admit(office, amt, await applyForGroupOne(upToDate))
    // Behind: one supervision this year, no training.
    expect((await behind.client.request('POST', '/api/pool/me/supervisions', { on: '2026-03-03', note: 'Intervision Nord' })).status).toBe(201)
    await admit(office, amt, await applyForGroupOne(behind))
    // Not admitted: keeps nothing yet, so nothing to remind.
    await applyForGroupOne(applicant)

    const mail = await sink.waitFor(behind.user.email, from, 15_000)
    expect(mail.subject).toBe('Fallbuch: Es wartet etwas auf Sie')
    expect(mail.text).toContain('Jobcoach-Pool – Qualifikation erhalten:')
    expect(mail.text).toContain('- Fallsupervision: Sie hatten in diesem Jahr weniger Sitzungen als Quartale vergangen sind')
    expect(mail.text).toContain('- Fortbildung: Die Fortbildung dieses Kalenderjahres steht noch aus.')
    expect(mail.text).toContain(`Im Pool eintragen: ${relay.url}/pool`)
    // Nothing of the person or what they recorded, and no case part when no case is due.
    expect(mail.raw + mail.text).not.toMatch(/Sabine|Keller|Intervision|Hildesheim/)
    expect(mail.text).not.toContain('in Ihren Fällen')

    // The page shows the same reminders.
    const own = (await behind.client.request('GET', '/api/pool/me')).body.application
    expect(own.qualified.reminders).toEqual(['supervisionBehind', 'trainingDue'])

    await new Promise((resolve) => setTimeout(resolve, 1_000))
    const received = sink.mails.slice(from)
    expect(received.filter((item) => item.to.includes(behind.user.email))).toHaveLength(1)
    for (const quiet of [upToDate, applicant, office, amt]) {
      expect(received.some((item) => item.to.includes(quiet.user.email))).toBe(false)
    }
  })
})
