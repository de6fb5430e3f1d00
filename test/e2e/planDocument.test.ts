/**
 * The plan employer and coachee can read (issue 14 part 6): read-only
 * viewers get a document — headings, sentences, formatted dates, goals as
 * sections — never greyed-out inputs; an employer allowed to co-edit gets
 * the form with title, dates, hours budget and phase as text. Screenshots of
 * each view at 1280 and 390 px go to /tmp (fb14-*.png) for a person to look at.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { addGoal, emptyGoal, setPlanMetaField } from '../../shared/src/caseDocument/plan.js'
import { createCase, inviteAndAccept, setupAdmin } from '../helpers/apiClient.js'
import { startRelay } from '../helpers/startRelay.js'
import { until } from '../helpers/until.js'
import { connectProvider } from '../integration/support/syncClients.js'
import { builtClientDir, chromiumPath, launchChromium } from './browser.js'
import { byTestId, loginViaForm, newPerson, noSidewaysScroll } from './pages.js'

const phone = { viewport: { width: 390, height: 844 } }
const desktop = { viewport: { width: 1280, height: 900 } }

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `/tmp/fb14-${name}.png`, fullPage: true })
}

describe.skipIf(chromiumPath === null)('the plan as a document (reason for skip: no Chromium here, see browser.ts)', () => {
  it('employer and coachee read a document, a co-editing employer gets the form with fixed facts as text', async () => {
    const relay = await startRelay({ clientDir: builtClientDir })
    const miriam = await setupAdmin(relay)
    const kase = await createCase(miriam, 'Kassenbereich Frischmarkt Nord')
    const plan = await connectProvider(relay.wsUrl, `cases/${kase.id}/plan`, miriam.client.cookie)
    plan.doc.transact(() => {
      setPlanMetaField(plan.doc, 'startDate', '2026-03-02')
      setPlanMetaField(plan.doc, 'expectedEndDate', '2026-09-30')
      setPlanMetaField(plan.doc, 'hoursBudget', 120)
      setPlanMetaField(plan.doc, 'employerName', 'Frischmarkt Nord GmbH')
      setPlanMetaField(plan.doc, 'workplace', 'Kasse 3, Filiale Hafenstraße')
      addGoal(plan.doc, {
        ...emptyGoal('goal-1'),
        title: 'Tagesabschluss an der Kasse selbstständig',
        specific: 'Jonas macht den Tagesabschluss an Kasse 3 ohne Hilfe: Bargeld zählen, Bons prüfen, Abrechnung ausdrucken und im Büro abgeben.',
        measurable: 'An fünf Tagen hintereinander stimmt die Abrechnung, ohne dass jemand nachzählen muss.',
        achievable: 'Er zählt schon heute sicher; die Bons übt er zwei Wochen mit Frau Keller.',
        relevant: 'Der Tagesabschluss gehört zur Stelle, die ihm ab Oktober fest angeboten wird.',
        responsible: 'Jonas, mit Frau Keller',
        timeBound: '2026-06-30',
      })
      addGoal(plan.doc, { ...emptyGoal('goal-2'), title: 'Pausen einhalten', status: 'partlyAchieved' })
    })
    plan.provider.awareness.setLocalState(null)
    await until(() => plan.provider.synced)
    const sabine = await inviteAndAccept(miriam, kase.id, 'employer')
    const jonas = await inviteAndAccept(miriam, kase.id, 'coachee')

    const browser = await launchChromium()
    for (const [size, options] of [
      ['1280', desktop],
      ['390', phone],
    ] as const) {
      // The coach: the form, goal texts in growing fields.
      const coach = await newPerson(browser, options)
      await loginViaForm(coach.page, relay.url, miriam.user.email, miriam.password)
      await coach.page.goto(`${relay.url}/cases/${kase.id}`)
      await byTestId(coach.page, 'goal.item').first().waitFor()
      await expect.poll(() => byTestId(coach.page, 'goal.specific').first().inputValue()).toContain('Tagesabschluss an Kasse 3')
      const specific = byTestId(coach.page, 'goal.specific').first()
      // Nothing cut off: the field is as tall as its text.
      expect(await specific.evaluate((element) => element.scrollHeight <= element.clientHeight + 2)).toBe(true)
      expect(await noSidewaysScroll(coach.page)).toBe(true)
      await shoot(coach.page, `coach-${size}`)
      await byTestId(coach.page, 'goal.item').first().screenshot({ path: `/tmp/fb14-coach-goal-${size}.png` })

      // The employer without co-editing: a document, no form controls.
      const employer = await newPerson(browser, options)
      await loginViaForm(employer.page, relay.url, sabine.user.email, sabine.password)
      await employer.page.goto(`${relay.url}/cases/${kase.id}`)
      const document = byTestId(employer.page, 'plan.document')
      await expect.poll(() => document.innerText()).toContain('Vom 2. März 2026 bis voraussichtlich 30. September 2026.')
      const text = await document.innerText()
      expect(text).toContain('Ziel 1: Tagesabschluss an der Kasse selbstständig')
      expect(text).toContain('An fünf Tagen hintereinander stimmt die Abrechnung')
      expect(text).toContain('30. Juni 2026')
      expect(text).toContain('120 Stunden')
      expect(await byTestId(employer.page, 'plan.editor').locator('input, textarea, select').count()).toBe(0)
      expect(await byTestId(employer.page, 'plan.editor').locator('[disabled]').count()).toBe(0)
      expect(await document.getAttribute('tabindex')).toBe('0')
      expect(await noSidewaysScroll(employer.page)).toBe(true)
      await shoot(employer.page, `employer-${size}`)
      await document.screenshot({ path: `/tmp/fb14-employer-document-${size}.png` })

      // The coachee: the plain-language view first, and the full plan as a document.
      const coachee = await newPerson(browser, options)
      await loginViaForm(coachee.page, relay.url, jonas.user.email, jonas.password)
      await coachee.page.goto(`${relay.url}/cases/${kase.id}`)
      await expect.poll(() => byTestId(coachee.page, 'plan.plain').innerText()).toContain('Woran merken wir, dass es geklappt hat?')
      await shoot(coachee.page, `coachee-plain-${size}`)
      await byTestId(coachee.page, 'plan.view-toggle').click()
      await expect.poll(() => byTestId(coachee.page, 'plan.document').innerText()).toContain('Ziel 2: Pausen einhalten')
      expect(await byTestId(coachee.page, 'plan.editor').locator('input, textarea, select').count()).toBe(0)
      expect(await noSidewaysScroll(coachee.page)).toBe(true)
      await shoot(coachee.page, `coachee-full-${size}`)
      await byTestId(coachee.page, 'plan.view-toggle').click()

      // Co-editing on: the employer's open page becomes the form; title, dates, hours and phase stay text.
      expect((await miriam.client.request('PATCH', `/api/cases/${kase.id}`, { employerCanEdit: true })).status).toBe(200)
      await byTestId(employer.page, 'goal.item').first().waitFor()
      expect(await byTestId(employer.page, 'plan.title').count()).toBe(0)
      expect(await byTestId(employer.page, 'plan.fixed.title').innerText()).toBe('Kassenbereich Frischmarkt Nord')
      expect(await byTestId(employer.page, 'plan.fixed.hoursBudget').innerText()).toBe('120')
      expect(await byTestId(employer.page, 'plan.fixed.startDate').innerText()).toBe('2. März 2026')
      expect(await byTestId(employer.page, 'plan.hours-budget').count()).toBe(0)
      await byTestId(employer.page, 'plan.workplace').click()
      await employer.page.keyboard.press('End')
      await employer.page.keyboard.type(' (Frühschicht)')
      await expect.poll(() => byTestId(coach.page, 'plan.workplace').inputValue()).toBe('Kasse 3, Filiale Hafenstraße (Frühschicht)')
      await shoot(employer.page, `employer-coedit-${size}`)
      await byTestId(employer.page, 'plan.editor').locator('.grid').first().screenshot({ path: `/tmp/fb14-employer-coedit-facts-${size}.png` })
      expect((await miriam.client.request('PATCH', `/api/cases/${kase.id}`, { employerCanEdit: false })).status).toBe(200)
      await byTestId(employer.page, 'plan.document').waitFor()
      // Undo the workplace change for the next round (the coach writes it back).
      await byTestId(coach.page, 'plan.workplace').fill('Kasse 3, Filiale Hafenstraße')
      await expect.poll(() => document.innerText()).not.toContain('Frühschicht')
      await Promise.all([coach.context.close(), employer.context.close(), coachee.context.close()])
    }
  })
})
