/**
 * The job search and the three-party agreement in Chromium (issue 19,
 * A4–A6): a coach adds an employer to the directory ("Arbeitgeber"), logs
 * an application in the case's "Stellensuche" picking that employer; in a
 * Swiss case the coach fills the agreement's A6 parts, the employer, the
 * coachee (in plain words, at 390 px) and the coach agree, and the case
 * shows the agreement complete. axe on each screen, no sideways scroll on
 * the phone. Screenshots go to /tmp (fb19-jobsearch-*.png).
 */
import { describe, expect, it } from 'vitest'
import { createCase, inviteAndAccept, setupAdmin } from '../helpers/apiClient.js'
import { startRelay } from '../helpers/startRelay.js'
import { axeFindings } from './axe.js'
import { builtClientDir, chromiumPath, launchChromium } from './browser.js'
import { byTestId, loginViaForm, newPerson, noSidewaysScroll, openCaseTab, waitForSyncState } from './pages.js'

describe.skipIf(chromiumPath === null)('job search and three-party agreement (reason for skip: no Chromium here, see browser.ts)', () => {
  it('a coach logs an application with a directory employer; a Swiss case is agreed by all three', { timeout: 240_000 }, async () => {
    const relay = await startRelay({ clientDir: builtClientDir, serviceCountry: 'CH' })
    const miriam = await setupAdmin(relay)
    const kase = await createCase(miriam, 'Lager Velo Werkstatt')
    const sabine = await inviteAndAccept(miriam, kase.id, 'employer')
    const jonas = await inviteAndAccept(miriam, kase.id, 'coachee', { name: 'Jonas Peters', email: 'jonas.peters@example.org' })
    const browser = await launchChromium()
    try {
      const coach = await newPerson(browser, { viewport: { width: 1280, height: 900 } })
      const page = coach.page
      await loginViaForm(page, relay.url, miriam.user.email, miriam.password)

      // The directory (B5): an employer with a contact person, no coachee in it.
      await byTestId(page, 'header.employers').click()
      await page.getByRole('heading', { level: 1, name: 'Arbeitgeberverzeichnis' }).waitFor()
      await byTestId(page, 'employers.add').click()
      await page.getByLabel('Name des Betriebs').fill('Frischmarkt Nord')
      await page.getByLabel('Branche').fill('Detailhandel')
      await byTestId(page, 'employers.contact-name').fill('Petra Lange')
      expect(await axeFindings(page)).toEqual([])
      await byTestId(page, 'employers.save').click()
      await expect.poll(() => byTestId(page, 'employers.list').innerText()).toContain('Frischmarkt Nord')

      // The case's job search (A4/A5): an application picking the directory employer.
      await page.goto(`${relay.url}/cases/${kase.id}`)
      await byTestId(page, 'plan.editor').waitFor()
      await openCaseTab(page, 'jobSearch')
      await byTestId(page, 'jobSearch.empty').waitFor()
      await byTestId(page, 'jobSearch.add').click()
      await page.getByLabel('Betrieb aus dem Arbeitgeberverzeichnis').selectOption({ label: 'Frischmarkt Nord' })
      expect(await byTestId(page, 'jobSearch.employer-name').inputValue()).toBe('Frischmarkt Nord')
      await page.getByLabel('Stelle', { exact: true }).fill('Lagerhelfer')
      await page.getByLabel('Art des Einsatzes').selectOption('trainingPlacement')
      await page.getByLabel('Stand', { exact: true }).selectOption('interview')
      await page.getByLabel('Datum des Vorstellungsgesprächs').fill('2026-04-14')
      await page.getByLabel('Vorbereitung auf das Gespräch').fill('Gespräch zweimal geübt')
      await byTestId(page, 'jobSearch.accompanied').check()
      expect(await axeFindings(page)).toEqual([])
      await byTestId(page, 'jobSearch.save').click()
      const entry = byTestId(page, 'jobSearch.entry')
      await expect.poll(() => entry.innerText()).toContain('Frischmarkt Nord – Lagerhelfer')
      expect(await entry.innerText()).toContain('Trainingsplatz')
      expect(await byTestId(page, 'jobSearch.entry-status').innerText()).toBe('Vorstellungsgespräch')
      expect(await axeFindings(page)).toEqual([])
      await page.screenshot({ path: '/tmp/fb19-jobsearch-log.png', fullPage: true })

      // The employer member has no job search tab; the API refuses them.
      expect((await sabine.client.request('GET', `/api/cases/${kase.id}/job-search`)).status).toBe(403)

      // A6: the coach writes the agreement's parts into the plan.
      await openCaseTab(page, 'plan')
      const parts = byTestId(page, 'plan.agreement-parts')
      await parts.waitFor()
      const before = (await miriam.client.request('GET', `/api/cases/${kase.id}/agreements`)).body.currentPlanHash as string
      await byTestId(page, 'plan.agreement-part.employerCommitments').fill('Keine Frühschicht vor 8 Uhr in den ersten drei Monaten')
      await byTestId(page, 'plan.agreement-part.companyContact').fill('Petra Lange, Filialleitung')
      await byTestId(page, 'plan.agreement-part.pay').fill('Branchenüblicher Lohn, 80 % Pensum')
      await byTestId(page, 'plan.agreement-part.colleagues').fill('Das Team erfährt es im Teamgespräch')
      await byTestId(page, 'plan.agreement-part.coachContacts').fill('Zwei Besuche pro Monat')
      await waitForSyncState(page, 'synced')
      await expect
        .poll(async () => (await miriam.client.request('GET', `/api/cases/${kase.id}/agreements`)).body.currentPlanHash, { timeout: 20_000 })
        .not.toBe(before)
      expect(await axeFindings(page)).toEqual([])

      // The employer agrees (their own screen is covered elsewhere); the coachee reads and agrees on a phone.
      expect((await sabine.client.request('POST', `/api/cases/${kase.id}/agreements`, {})).status).toBe(201)
      const phone = await newPerson(browser, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })
      await loginViaForm(phone.page, relay.url, jonas.user.email, jonas.password)
      await phone.page.goto(`${relay.url}/cases/${kase.id}`)
      const plainParts = byTestId(phone.page, 'plan.agreement-parts')
      await plainParts.waitFor()
      await expect.poll(() => byTestId(phone.page, 'plan.agreement-part-text.pay').innerText()).toBe('Branchenüblicher Lohn, 80 % Pensum')
      expect(await plainParts.innerText()).toContain('Wie viel Lohn bekommen Sie?')
      await byTestId(phone.page, 'agreement.agree').click()
      await byTestId(phone.page, 'agreement.mine-current').waitFor()
      expect(await noSidewaysScroll(phone.page)).toBe(true)
      expect(await axeFindings(phone.page)).toEqual([])
      await phone.page.screenshot({ path: '/tmp/fb19-jobsearch-coachee-agreement.png', fullPage: true })

      // Under the Swiss flow the coach signs too; then the case shows the agreement complete.
      expect(await byTestId(page, 'agreement.complete').getAttribute('data-complete')).toBe('false')
      await byTestId(page, 'agreement.agree').click()
      await expect.poll(() => byTestId(page, 'agreement.complete').getAttribute('data-complete'), { timeout: 20_000 }).toBe('true')
      expect(await axeFindings(page)).toEqual([])
      await page.screenshot({ path: '/tmp/fb19-jobsearch-agreed.png', fullPage: true })

      // The coachee reads their own job search at 390 px.
      await openCaseTab(phone.page, 'jobSearch')
      await expect.poll(() => byTestId(phone.page, 'jobSearch.entry').innerText()).toContain('Frischmarkt Nord')
      expect(await byTestId(phone.page, 'jobSearch.add').count()).toBe(0)
      expect(await noSidewaysScroll(phone.page)).toBe(true)
      expect(await axeFindings(phone.page)).toEqual([])
    } finally {
      await browser.close()
      await relay.stop()
    }
  })
})
