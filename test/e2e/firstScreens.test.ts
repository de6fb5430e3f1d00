/**
 * Each role's first screen (issue 16), at laptop width and at 390 px: the
 * coach's start page with the Personalschlüssel and a closed case neither
 * counted nor overdue; employer and coachee without staff UI; a supervisor
 * on the group's copies, not on an empty case list. Screenshots go to /tmp.
 */
import { describe, expect, it } from 'vitest'
import type { CreatedCopyReply, SupervisionGroup } from '../../shared/src/api/supervision.js'
import * as Y from 'yjs'
import { setPlanMetaField } from '../../shared/src/caseDocument/plan.js'
import { isFinalReportWritten, reportPartFragment, RequiredFinalParts } from '../../shared/src/report/parts.js'
import { createCase, createInvitation, createStaff, inviteAndAccept, setupAdmin, type LoggedIn } from '../helpers/apiClient.js'
import { startRelay, type TestRelay } from '../helpers/startRelay.js'
import { until } from '../helpers/until.js'
import { connectProvider, storedDoc } from '../integration/support/syncClients.js'
import { builtClientDir, chromiumPath, launchChromium } from './browser.js'
import { byTestId, loginViaForm, newPerson } from './pages.js'

const widths = [1280, 390] as const

async function firstScreen(relay: TestRelay, browser: Awaited<ReturnType<typeof launchChromium>>, person: LoggedIn, width: number, shot: string) {
  const { context, page } = await newPerson(browser, { viewport: { width, height: 844 } })
  await loginViaForm(page, relay.url, person.user.email, person.password)
  await page.waitForURL(`${relay.url}/`)
  await page.getByRole('heading', { level: 1 }).waitFor()
  return { context, page, shot: async () => page.screenshot({ path: `/tmp/fallbuch-first-${shot}-${width}.png`, fullPage: true }) }
}

describe.skipIf(chromiumPath === null)('first screens by role (reason for skip: no Chromium here, see browser.ts)', () => {
  it('shows the coach the caseload without the closed case, employer and coachee no staff UI, a supervisor the group copies', async () => {
    const relay = await startRelay({ clientDir: builtClientDir })
    const miriam = await setupAdmin(relay)
    const ursula = await createStaff(miriam, { name: 'Ursula Berg', email: 'ursula.berg@example.org', password: 'ursula-passwort-1' })
    const active = await createCase(miriam, 'Kassenbereich Supermarkt')
    const closed = await createCase(miriam, 'Lager Halle 2')
    // The closed case's midterm meeting would be long overdue: it must not be flagged.
    const plan = await connectProvider(relay.wsUrl, `cases/${closed.id}/plan`, miriam.client.cookie)
    plan.doc.transact(() => {
      setPlanMetaField(plan.doc, 'startDate', '2025-01-06')
      setPlanMetaField(plan.doc, 'expectedEndDate', '2025-07-31')
    })
    // A case closes after its final report.
    const notes = await connectProvider(relay.wsUrl, `cases/${closed.id}/notes`, miriam.client.cookie)
    for (const part of RequiredFinalParts) {
      const paragraph = new Y.XmlElement('paragraph')
      paragraph.insert(0, [new Y.XmlText('Festgehalten im Abschlussgespräch.')])
      reportPartFragment(notes.doc, 'final', part).insert(0, [paragraph])
    }
    await until(() => storedDoc(relay.dataDir, `cases/${closed.id}/plan`).getMap('meta').get('startDate') === '2025-01-06', { message: 'the plan stored' })
    await until(() => isFinalReportWritten(storedDoc(relay.dataDir, `cases/${closed.id}/notes`)), { message: 'the final report stored' })
    plan.provider.destroy()
    notes.provider.destroy()
    expect((await miriam.client.request('POST', `/api/cases/${closed.id}/close`, {})).status).toBe(200)
    const employer = await inviteAndAccept(miriam, active.id, 'employer')
    const coachee = await inviteAndAccept(miriam, active.id, 'coachee')
    const group = await miriam.client.request<{ group: SupervisionGroup }>('POST', '/api/supervision/groups', { name: 'Fallsupervision Nord' })
    for (const person of [miriam, ursula]) {
      expect((await miriam.client.request('POST', `/api/supervision/groups/${group.body.group.id}/members`, { userId: person.user.id })).status).toBe(201)
    }
    const copy = await miriam.client.request<CreatedCopyReply>('POST', `/api/cases/${active.id}/supervision-copies`, {})
    expect((await miriam.client.request('POST', `/api/supervision-copies/${copy.body.copy.id}/release`, { groupId: group.body.group.id })).status).toBe(200)

    const browser = await launchChromium()
    try {
      for (const width of widths) {
        const coach = await firstScreen(relay, browser, miriam, width, 'coach')
        await byTestId(coach.page, 'caseload.summary').waitFor()
        // Both cases are of the default type; only the open one counts.
        expect(active.type).toBe(closed.type)
        const part = active.type === 'placement' ? 'Arbeitsplatzanbahnung 1 von 5' : 'Arbeitsplatzsicherung 1 von 6'
        await expect.poll(() => byTestId(coach.page, `caseload.${active.type}`).innerText()).toBe(part)
        const closedItem = coach.page.locator(`[data-testid="cases.item"][data-case-id="${closed.id}"]`)
        expect(await closedItem.locator('xpath=ancestor::section[1]').getAttribute('data-phase')).toBe('closed')
        await expect.poll(() => closedItem.locator('[data-testid="cases.next-meeting"]').innerText()).toBe('Fall abgeschlossen')
        // A case the server knows is never "not yet on this device".
        await expect.poll(() => coach.page.locator('[data-phase="unknown"]').count()).toBe(0)
        expect(await coach.page.getByText('Personalschlüssel').count()).toBeGreaterThan(0)
        expect(await byTestId(coach.page, 'cases.create-submit').count()).toBe(1)
        await coach.shot()
        await coach.context.close()

        for (const [name, person] of [['employer', employer], ['coachee', coachee]] as const) {
          const screen = await firstScreen(relay, browser, person, width, name)
          await byTestId(screen.page, 'cases.item-link').waitFor()
          expect(await byTestId(screen.page, 'cases.create-title').count()).toBe(0)
          expect(await byTestId(screen.page, 'header.supervision').count()).toBe(0)
          expect(await byTestId(screen.page, 'header.admin').count()).toBe(0)
          expect(await byTestId(screen.page, 'header.settings').count()).toBe(0)
          // Their own overview, not the staff's case list (issue 16 point 8).
          if (width === 1280) {
            expect(await byTestId(screen.page, 'header.cases').innerText()).toBe('Übersicht')
          }
          if (name === 'coachee') {
            expect(await screen.page.getByRole('heading', { level: 1 }).innerText()).toBe('Ihr Jobcoaching')
            const typeWords = active.type === 'placement' ? 'Eine Arbeit finden' : 'Die Arbeit behalten'
            const formal = `${active.type === 'placement' ? 'Arbeitsplatzanbahnung' : 'Arbeitsplatzsicherung'} · Rolle: Coachee`
            expect(await byTestId(screen.page, 'cases.item-meta').innerText()).toBe(`${typeWords} (${formal})`)
            // The formal words only as the secondary text.
            expect(await byTestId(screen.page, 'cases.item-meta').locator('.formal-term').innerText()).toBe(`(${formal})`)
          }
          await screen.shot()
          await screen.context.close()
        }

        // The page a coachee's invitation link opens speaks of their job coaching, the role only as secondary text.
        const invitation = await createInvitation(miriam, active.id, 'coachee')
        const invited = await newPerson(browser, { viewport: { width, height: 844 } })
        await invited.page.goto(`${relay.url}/invitations/${invitation.token}`)
        await byTestId(invited.page, 'invitation.preview').waitFor()
        expect(await byTestId(invited.page, 'invitation.summary').innerText()).toBe(
          `Miriam Roth lädt Sie zu Ihrem Jobcoaching „Kassenbereich Supermarkt“ in Fallbuch ein. (Rolle: Coachee)`,
        )
        expect(await byTestId(invited.page, 'invitation.submit').innerText()).toBe('Zugang anlegen und Ihr Jobcoaching öffnen')
        await invited.page.screenshot({ path: `/tmp/fallbuch-first-coachee-invitation-${width}.png`, fullPage: true })
        await invited.context.close()

        const supervisor = await firstScreen(relay, browser, ursula, width, 'supervisor')
        await byTestId(supervisor.page, 'start.group-copies').waitFor()
        expect(await byTestId(supervisor.page, 'supervision.copy-item').count()).toBe(1)
        await expect.poll(() => supervisor.page.getByRole('heading', { level: 1 }).innerText()).toBe('Supervision und Intervision')
        await supervisor.shot()
        await supervisor.context.close()
      }
    } finally {
      await browser.close()
      await relay.stop()
    }
  })
})
