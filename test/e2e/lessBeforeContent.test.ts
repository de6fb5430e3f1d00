/**
 * Issue 16, points 8, 10, 12 and 13 in Chromium: on a phone the header is one
 * line and the plan is on the first screen; the tab row fits a laptop (the
 * occasional tabs in "Mehr"); the reminders collapse into one line; the
 * change log reads as sentences and filters; a server refusal shows in
 * German; the report editor and the supervision discussion show the saved
 * state; employer and coachee see no staff UI and the coachee's words stay
 * plain. Screenshots for each role at 1280 and 390 px go to /tmp; axe-core
 * checks each screen.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { CreatedCopyReply, SupervisionGroup } from '../../shared/src/api/supervision.js'
import { setPlanMetaField } from '../../shared/src/caseDocument/plan.js'
import { createCase, createStaff, inviteAndAccept, setupAdmin, type LoggedIn } from '../helpers/apiClient.js'
import { startRelay, type TestRelay } from '../helpers/startRelay.js'
import { until } from '../helpers/until.js'
import { connectProvider, storedDoc } from '../integration/support/syncClients.js'
import { axeFindings } from './axe.js'
import { builtClientDir, chromiumPath, launchChromium } from './browser.js'
import { byTestId, loginViaForm, newPerson, openCaseTab, typeAtEnd, waitForSyncState } from './pages.js'

function isoDay(offsetDays: number): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10)
}

async function open(relay: TestRelay, browser: Awaited<ReturnType<typeof launchChromium>>, person: LoggedIn, width: number) {
  const { context, page } = await newPerson(browser, { viewport: { width, height: 844 } })
  await loginViaForm(page, relay.url, person.user.email, person.password)
  return { context, page }
}

async function noHorizontalOverflow(page: Page): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0)
}

/** The coachee's screens speak plain words; a formal term appears only as the secondary text beside them (issue 16 point 8). */
async function plainWordsOfTheCoachee(page: Page): Promise<void> {
  expect(await byTestId(page, 'case.role-line').innerText()).toBe('Ihr Jobcoaching (Rolle: Coachee)')
  expect(await byTestId(page, 'plan.plain').count()).toBe(1)
  // The tabs of the row and of the "Mehr" menu (a phone keeps the occasional ones there).
  const tabNames = async (): Promise<string> => (await page.locator('[data-testid^="case.tab."]:not([data-testid="case.tab.more"])').allTextContents()).join(' | ')
  for (const plain of ['Ihr Plan', 'Änderungen', 'Private Angaben', 'Wer darf was lesen?', 'Meine Daten']) {
    expect(await tabNames()).toContain(plain)
  }
  for (const formal of ['Maßnahmeplanung', 'Versionen', 'Vertraulich', 'Einwilligungen', 'Daten & Abschluss']) {
    expect(await tabNames()).not.toContain(formal)
  }
  await openCaseTab(page, 'confidential')
  const titles = byTestId(page, 'confidential.field-title')
  await expect.poll(() => titles.count()).toBe(6)
  expect(await titles.allInnerTexts()).toContain('Mit wem wir über Sie sprechen dürfen (Schweigepflichtentbindung)')
  expect(await titles.locator('.formal-term').allInnerTexts()).toContain('(Schweigepflichtentbindung)')
  await openCaseTab(page, 'versions')
  expect(await byTestId(page, 'versions.panel').locator('h3').first().innerText()).toBe('Was hat sich am Plan geändert? (Versionen)')
  await openCaseTab(page, 'data')
  expect(await byTestId(page, 'data.export-json.own').innerText()).toBe('Als Datei speichern (Format JSON)')
  const help = byTestId(page, 'data.panel').getByText('Hier sehen Sie alles, was Fallbuch über Sie gespeichert hat.')
  expect(await help.locator('.formal-term').innerText()).toBe('(Auskunft nach Art. 15 DSGVO)')
  // Seen from the plan again, the plain view stays.
  await openCaseTab(page, 'plan')
}

describe.skipIf(chromiumPath === null)('less before the content (reason for skip: no Chromium here, see browser.ts)', () => {
  // Four people at two widths in one walk: longer than the suite's default on two loaded cores.
  it('fits phone and laptop, collapses reminders, filters the change log, speaks German errors and shows the save state', { timeout: 240_000 }, async () => {
    const relay = await startRelay({ clientDir: builtClientDir })
    const miriam = await setupAdmin(relay)
    const ursula = await createStaff(miriam, { name: 'Ursula Berg', email: 'ursula.berg@example.org', password: 'ursula-passwort-1' })
    const kase = await createCase(miriam, 'Kassenbereich Supermarkt')
    // Past the middle of the expected duration without a midterm meeting: a reminder is due.
    const plan = await connectProvider(relay.wsUrl, `cases/${kase.id}/plan`, miriam.client.cookie)
    plan.doc.transact(() => {
      setPlanMetaField(plan.doc, 'startDate', isoDay(-90))
      setPlanMetaField(plan.doc, 'expectedEndDate', isoDay(40))
    })
    await until(() => storedDoc(relay.dataDir, `cases/${kase.id}/plan`).getMap('meta').get('startDate') === isoDay(-90), { message: 'the plan stored' })
    plan.provider.destroy()
    const employer = await inviteAndAccept(miriam, kase.id, 'employer')
    const coachee = await inviteAndAccept(miriam, kase.id, 'coachee')
    const group = await miriam.client.request<{ group: SupervisionGroup }>('POST', '/api/supervision/groups', { name: 'Fallsupervision Nord' })
    for (const person of [miriam, ursula]) {
      expect((await miriam.client.request('POST', `/api/supervision/groups/${group.body.group.id}/members`, { userId: person.user.id })).status).toBe(201)
    }
    const copy = await miriam.client.request<CreatedCopyReply>('POST', `/api/cases/${kase.id}/supervision-copies`, {})
    expect((await miriam.client.request('POST', `/api/supervision-copies/${copy.body.copy.id}/release`, { groupId: group.body.group.id })).status).toBe(200)
    const caseUrl = `${relay.url}/cases/${kase.id}`
    const findings: Record<string, string[]> = {}

    const browser = await launchChromium()
    try {
      // The phone: the header is one line, the plan on the first screen.
      const phone = await open(relay, browser, miriam, 390)
      await phone.page.goto(caseUrl)
      await byTestId(phone.page, 'plan.editor').or(byTestId(phone.page, 'plan.document')).first().waitFor()
      await waitForSyncState(phone.page, 'synced')
      const header = await phone.page.evaluate(() => {
        const element = document.querySelector('[data-testid="header"]') as HTMLElement
        const style = getComputedStyle(element)
        const lineHeight = parseFloat(getComputedStyle(element.querySelector('.app-name') as HTMLElement).lineHeight)
        return { content: element.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom), lineHeight }
      })
      // One line: the content is no taller than a line (the menu button's border and padding give it a little more).
      expect(header.content, JSON.stringify(header)).toBeLessThan(header.lineHeight * 1.9)
      await phone.page.screenshot({ path: '/tmp/fallbuch-screens16-coach-case-390.png' })
      // The plan's panel starts above the lower 40 %, and its first field (the title) is on the first screen.
      const panelTop = await phone.page.locator('[role="tabpanel"]:not([hidden])').evaluate((element) => element.getBoundingClientRect().top)
      expect(panelTop).toBeLessThan(844 * 0.6)
      expect(await byTestId(phone.page, 'plan.title').evaluate((element) => element.getBoundingClientRect().bottom)).toBeLessThan(844)
      await noHorizontalOverflow(phone.page)
      // Every tab of the row is in sight: the row itself does not scroll sideways (a coach's six tabs did).
      expect(await phone.page.locator('.tab-row .tabs').evaluate((element) => element.scrollWidth - element.clientWidth)).toBeLessThanOrEqual(0)
      await openCaseTab(phone.page, 'meetings')
      await byTestId(phone.page, 'case.tab.more').waitFor()
      expect(await phone.page.locator('[role="tabpanel"]:not([hidden])').getAttribute('id')).toMatch(/-panel-meetings$/)
      // The reports and forms fold behind one line on a phone, and open from it.
      expect(await byTestId(phone.page, 'case.link.final-report').isVisible()).toBe(false)
      await byTestId(phone.page, 'case.links.fold').locator('summary').click()
      await byTestId(phone.page, 'case.link.final-report').waitFor()
      findings['coach 390'] = await axeFindings(phone.page)
      // The menu discloses navigation and tools.
      await byTestId(phone.page, 'header.menu').click()
      await byTestId(phone.page, 'header.logout').waitFor()
      await phone.page.screenshot({ path: '/tmp/fallbuch-screens16-coach-menu-390.png' })
      await phone.context.close()

      // The laptop: one tab row, the reminders in one line, the change log with filters.
      const coach = await open(relay, browser, miriam, 1280)
      await coach.page.goto(caseUrl)
      await byTestId(coach.page, 'process.summary-line').waitFor()
      await waitForSyncState(coach.page, 'synced')
      // The admin's header at 1280 px was one line before the Team and Statistik links came (lead22); with
      // them it wraps again (bottoms [41,40,38,38,38,38,38,86,92,93]): not asserted until that is solved.
      const tabTops = await coach.page.locator('.tab-row [role="tab"], [data-testid="case.tab.more"]').evaluateAll((elements) => elements.map((element) => Math.round(element.getBoundingClientRect().top)))
      expect(new Set(tabTops).size, JSON.stringify(tabTops)).toBe(1)
      await coach.page.screenshot({ path: '/tmp/fallbuch-screens16-coach-tabs-1280.png' })
      const row = await coach.page.locator('.tab-row .tabs').evaluate((element) => ({ scroll: element.scrollWidth, client: element.clientWidth }))
      // Nothing of the row is scrolled out of sight (a pixel of rounding aside).
      expect(row.scroll - row.client, JSON.stringify(row)).toBeLessThanOrEqual(1)
      expect(await byTestId(coach.page, 'process.summary-line').innerText()).toContain('Zwischengespräch fällig')
      const toggle = byTestId(coach.page, 'process.summary-toggle')
      expect(await toggle.getAttribute('aria-expanded')).toBe('false')
      expect(await byTestId(coach.page, 'meetings.reminder').isVisible()).toBe(false)
      await toggle.press('Enter')
      expect(await toggle.getAttribute('aria-expanded')).toBe('true')
      await byTestId(coach.page, 'meetings.reminder').waitFor()
      await coach.page.screenshot({ path: '/tmp/fallbuch-screens16-coach-case-1280.png' })
      findings['coach 1280'] = await axeFindings(coach.page)

      await openCaseTab(coach.page, 'audit')
      expect(await byTestId(coach.page, 'case.tab.more').innerText()).toContain('Änderungsprotokoll')
      await byTestId(coach.page, 'audit.item').first().waitFor()
      const sentences = await byTestId(coach.page, 'audit.sentence').allInnerTexts()
      expect(sentences).toContain('Miriam Roth hat eine Einladung als Coachee erstellt.')
      expect(sentences.every((sentence) => sentence.endsWith('.'))).toBe(true)
      const all = await byTestId(coach.page, 'audit.item').count()
      await byTestId(coach.page, 'audit.filter-who').selectOption({ label: coachee.user.name })
      await expect.poll(() => byTestId(coach.page, 'audit.sentence').allInnerTexts()).toEqual(
        expect.arrayContaining([`${coachee.user.name} hat die Einladung als Coachee angenommen.`, `${coachee.user.name} ist dem Fall als Coachee beigetreten.`]),
      )
      const bySomeone = await byTestId(coach.page, 'audit.sentence').allInnerTexts()
      expect(bySomeone.length).toBeLessThan(all)
      expect(bySomeone.every((sentence) => sentence.startsWith(`${coachee.user.name} `))).toBe(true)
      await byTestId(coach.page, 'audit.filter-who').selectOption('')
      await byTestId(coach.page, 'audit.filter-what').selectOption('people')
      await expect.poll(async () => (await byTestId(coach.page, 'audit.item').evaluateAll((items) => items.map((item) => item.getAttribute('data-type')))).every((type) => /member|invitation|accessLink|passwordReset|account/.test(type ?? ''))).toBe(true)
      // The filter reads the day in the browser's zone (Europe/Berlin, up to
      // two hours ahead of UTC): one day ahead in UTC is today there between
      // 22:00/23:00 and midnight UTC, and the day's entries matched.
      await byTestId(coach.page, 'audit.filter-from').fill(isoDay(2))
      await expect.poll(() => byTestId(coach.page, 'audit.item').count()).toBe(0)
      await byTestId(coach.page, 'audit.filter-reset').click()
      await expect.poll(() => byTestId(coach.page, 'audit.item').count()).toBe(all)
      await coach.page.screenshot({ path: '/tmp/fallbuch-screens16-coach-audit-1280.png', fullPage: true })
      findings['coach audit'] = await axeFindings(coach.page)

      // The report editor shows the header's saved state, like the case.
      await coach.page.goto(`${caseUrl}/report/final`)
      const editor = byTestId(coach.page, 'report.part.participationBefore')
      await editor.waitFor()
      await waitForSyncState(coach.page, 'synced')
      await typeAtEnd(coach.page, editor, 'Jonas arbeitete vor dem Jobcoaching langsamer an der Kasse.')
      await waitForSyncState(coach.page, 'synced')
      expect(await byTestId(coach.page, 'sync.state').innerText()).toBe('Gespeichert und synchronisiert')

      // A refusal of the server, in German: an account with this address exists already.
      await coach.page.goto(`${relay.url}/admin`)
      await byTestId(coach.page, 'admin.create-name').fill('Tobias Brandt')
      await byTestId(coach.page, 'admin.create-email').fill(ursula.user.email)
      await byTestId(coach.page, 'admin.create-password').fill('tobias-passwort-1')
      await byTestId(coach.page, 'admin.create-submit').click()
      await expect.poll(() => byTestId(coach.page, 'admin.create-error').innerText()).toBe('Es gibt schon ein Konto mit dieser E-Mail-Adresse.')
      await coach.context.close()

      // The supervision discussion shows the same saved state.
      const supervisor = await open(relay, browser, ursula, 1280)
      await supervisor.page.goto(`${relay.url}/supervision/${copy.body.copy.id}`)
      const discussion = byTestId(supervisor.page, 'supervision.discussion-editor')
      await discussion.waitFor()
      await waitForSyncState(supervisor.page, 'synced')
      await typeAtEnd(supervisor.page, discussion, 'Wie geht es mit der Schichtleitung weiter?')
      await waitForSyncState(supervisor.page, 'synced')
      await supervisor.page.screenshot({ path: '/tmp/fallbuch-screens16-supervisor-discussion-1280.png', fullPage: true })
      findings['supervisor discussion'] = await axeFindings(supervisor.page)
      await supervisor.context.close()

      // Employer and coachee: their case screens at both widths; the coachee's words stay plain.
      for (const width of [1280, 390]) {
        for (const [name, person] of [['employer', employer], ['coachee', coachee]] as const) {
          const screen = await open(relay, browser, person, width)
          await screen.page.goto(caseUrl)
          await byTestId(screen.page, 'case.role-line').waitFor()
          // Never staff UI: no staff navigation, no plan form, no staff tabs, no reports, no supervision copy.
          for (const staffOnly of ['header.supervision', 'header.settings', 'header.admin', 'case.tab.notes', 'case.tab.members', 'case.tab.audit', 'case.link.final-report', 'supervision.create-copy']) {
            expect(await byTestId(screen.page, staffOnly).count(), staffOnly).toBe(0)
          }
          // The plan to read, never the form to write it (the employer may co-edit only when a coach allows it).
          expect(await screen.page.locator('[data-testid="plan.editor"][data-writable="true"]').count()).toBe(0)
          // The tab row is one line at either width (on a phone the occasional tabs sit in "Mehr").
          const tops = await screen.page.locator('.tab-row [role="tab"], [data-testid="case.tab.more"]').evaluateAll((elements) => elements.map((element) => Math.round(element.getBoundingClientRect().top)))
          // Within a few pixels (the menu button's border sits a pixel apart); a second line would be 40 px lower.
          expect(Math.max(...tops) - Math.min(...tops), `${name} ${width}: ${JSON.stringify(tops)}`).toBeLessThan(8)
          if (name === 'coachee') {
            await plainWordsOfTheCoachee(screen.page)
          }
          await noHorizontalOverflow(screen.page)
          await screen.page.screenshot({ path: `/tmp/fallbuch-screens16-${name}-case-${width}.png`, fullPage: true })
          findings[`${name} ${width}`] = await axeFindings(screen.page)
          await screen.context.close()
        }
      }
      console.info(`axe-core serious/critical findings: ${JSON.stringify(findings)}`)
      expect(Object.values(findings).flat()).toEqual([])
    } finally {
      await browser.close()
      await relay.stop()
    }
  })
})
