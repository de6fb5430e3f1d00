/**
 * One Swiss case from first call to exit, in Chromium (issue 19): on a
 * service with SERVICE_COUNTRY=CH a coach records a request (Anfrage),
 * clarifies the order (A1: IV-Stelle, rough goal, consent) and accepts it
 * into a case; records a Kostengutsprache (CHF); writes the three-party
 * agreement's parts (A6), which the employer, the coachee (on a 390 px
 * phone, in plain words) and the coach each agree to in their own browser —
 * complete only once all three did; then opens the accompaniment
 * (Standortgespräche) and fills and prints the Austrittsformular with the
 * chosen follow-ups. Every screen speaks de-CH (no ß, Massnahme,
 * Arbeitgebende, Standortgespräch); axe finds nothing serious on each.
 * Screenshots go to /tmp (fb19-walk-ch-*.png).
 */
import { existsSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { inviteAndAccept, setupAdmin } from '../helpers/apiClient.js'
import { pdftotext, pdftotextLayout } from '../helpers/pdfText.js'
import { startRelay } from '../helpers/startRelay.js'
import { axeFindings } from './axe.js'
import { builtClientDir, chromiumPath, launchChromium } from './browser.js'
import { day, recordApproval } from './fundingPages.js'
import { byTestId, explainFailure, loginViaForm, newPerson, noHorizontalOverflow, openCaseTab, waitForSyncState } from './pages.js'

const swiss = { locale: 'de-CH', timezoneId: 'Europe/Zurich' }
const settle = { timeout: 20_000 }

/** What a Swiss reader notices first: the page is de-CH and nowhere spells ß. */
async function readsSwiss(page: Page): Promise<void> {
  await expect.poll(() => page.evaluate(() => document.documentElement.lang), settle).toBe('de-CH')
  const text = await page.locator('body').innerText()
  expect(text.match(/.{0,30}ß.{0,30}/g) ?? []).toEqual([])
}

describe.skipIf(chromiumPath === null)('a Swiss case from request to Austritt (reason for skip: no Chromium here, see browser.ts)', () => {
  it('request → case → three-party agreement by all three → Austrittsformular, in de-CH', { timeout: 180_000 }, async () => {
    const relay = await startRelay({ clientDir: builtClientDir, serviceCountry: 'CH' })
    const miriam = await setupAdmin(relay)
    await miriam.client.request('POST', '/api/funding-bodies', { kind: 'disabilityInsurance', name: 'IV-Stelle Kanton Zürich' })
    const browser = await launchChromium()
    try {
      const coach = await newPerson(browser, { ...swiss, viewport: { width: 1280, height: 900 } })
      const page = coach.page
      await loginViaForm(page, relay.url, miriam.user.email, miriam.password)

      // The request: who asked, the referring body, first contact, a short reason.
      await byTestId(page, 'header.requests').click()
      await page.getByRole('heading', { level: 1, name: 'Anfragen' }).waitFor()
      await byTestId(page, 'requests.new').click()
      await byTestId(page, 'requests.person-name').fill('Nina Brunner')
      await byTestId(page, 'requests.requester-kind').selectOption('integrationService')
      await byTestId(page, 'requests.requester-name').fill('Berufsberatung Winterthur')
      await byTestId(page, 'requests.referring-body').fill('IV-Stelle Kanton Zürich')
      await byTestId(page, 'requests.first-contact').fill('2026-03-02')
      await byTestId(page, 'requests.reason').fill('Sucht nach der Lehre eine Stelle im Detailhandel.')
      await readsSwiss(page)
      expect(await axeFindings(page)).toEqual([])
      await byTestId(page, 'requests.record').click()
      await page.getByRole('heading', { level: 1, name: 'Anfrage für Nina Brunner' }).waitFor()
      // The first contact, written as a Swiss reader writes a date.
      expect(await byTestId(page, 'request.screen').innerText()).toContain('2. März 2026')

      // A1 order clarification: the funding body, a rough goal, the person's consent; then accept.
      expect(await byTestId(page, 'requests.accept').isDisabled()).toBe(true)
      await byTestId(page, 'requests.clarify-funding').selectOption({ label: 'IV-Stelle Kanton Zürich' })
      await page.getByLabel('Stellensuche').check()
      await page.getByLabel('Die Person ist mit der Zusammenarbeit einverstanden.').check()
      await byTestId(page, 'requests.clarify-save').click()
      await expect.poll(() => byTestId(page, 'request.goals').innerText(), settle).toBe('Stellensuche')
      await readsSwiss(page)
      expect(await axeFindings(page)).toEqual([])
      await byTestId(page, 'requests.accept').click()
      await page.waitForURL(/\/cases\/[A-Za-z0-9_-]+$/, { timeout: 30_000 })
      const caseId = new URL(page.url()).pathname.split('/').pop() ?? ''
      await expect.poll(() => byTestId(page, 'case.title').innerText(), settle).toContain('Nina Brunner')

      // The case speaks Swiss: Massnahmeplanung, Arbeitgebende.
      await expect.poll(() => byTestId(page, 'case.employer-can-edit').innerText(), settle).toContain('Arbeitgebende dürfen die Massnahmeplanung mitbearbeiten')
      await readsSwiss(page)
      expect(await axeFindings(page)).toEqual([])

      // A Kostengutsprache with its rate, in CHF written the Swiss way.
      await openCaseTab(page, 'funding')
      await expect.poll(() => byTestId(page, 'funding.currency').inputValue(), settle).toBe('CHF')
      await recordApproval(page, { from: day(-10), until: day(170), hours: '60', rate: '98.50' })
      await expect.poll(() => byTestId(page, 'funding.approval').innerText(), settle).toMatch(/CHF\s98\.50/)
      expect(await page.locator('body').innerText()).toContain('Kostengutsprache')
      await readsSwiss(page)
      expect(await axeFindings(page)).toEqual([])

      // The employer and the person join (their invitations are covered elsewhere).
      const employer = await inviteAndAccept(miriam, caseId, 'employer', { name: 'Reto Frei', email: 'reto.frei@velo-werk.example' })
      const coachee = await inviteAndAccept(miriam, caseId, 'coachee', { name: 'Nina Brunner', email: 'nina.brunner@example.org' })

      // A6: the coach writes the agreement's parts into the plan.
      await page.goto(`${relay.url}/cases/${caseId}`)
      await byTestId(page, 'plan.agreement-parts').waitFor(settle)
      await byTestId(page, 'plan.agreement-part.employerCommitments').fill('Einarbeitung durch eine feste Ansprechperson, Pausen nach Bedarf')
      await byTestId(page, 'plan.agreement-part.companyContact').fill('Reto Frei, Werkstattleitung')
      await byTestId(page, 'plan.agreement-part.pay').fill('CHF 4200 pro Monat, 80 % Pensum')
      await byTestId(page, 'plan.agreement-part.colleagues').fill('Das Team wird an der Teamsitzung informiert')
      await byTestId(page, 'plan.agreement-part.coachContacts').fill('Alle zwei Wochen ein Besuch im Betrieb')
      await waitForSyncState(page, 'synced')
      await expect.poll(() => byTestId(page, 'agreement.agree').isEnabled(), settle).toBe(true)
      expect(await axeFindings(page)).toEqual([])
      await page.screenshot({ path: '/tmp/fb19-walk-ch-plan.png', fullPage: true })

      // The employer agrees in their own browser: not complete yet.
      const boss = await newPerson(browser, { ...swiss, viewport: { width: 1280, height: 900 } })
      await loginViaForm(boss.page, relay.url, employer.user.email, employer.password)
      await boss.page.goto(`${relay.url}/cases/${caseId}`)
      await expect.poll(() => byTestId(boss.page, 'plan.agreement-part-text.pay').innerText(), settle).toBe('CHF 4200 pro Monat, 80 % Pensum')
      await readsSwiss(boss.page)
      expect(await axeFindings(boss.page)).toEqual([])
      await explainFailure(boss.page, 'employer agrees', async () => {
        await expect.poll(() => byTestId(boss.page, 'agreement.agree').isEnabled(), settle).toBe(true)
        await byTestId(boss.page, 'agreement.agree').click()
        await byTestId(boss.page, 'agreement.mine-current').waitFor(settle)
      })
      expect(await byTestId(boss.page, 'agreement.complete').getAttribute('data-complete')).toBe('false')

      // The person agrees on a phone, in plain words: still not complete, the coach has not.
      const phone = await newPerson(browser, { ...swiss, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })
      const own = phone.page
      await loginViaForm(own, relay.url, coachee.user.email, coachee.password)
      await own.goto(`${relay.url}/cases/${caseId}`)
      await expect.poll(() => byTestId(own, 'plan.agreement-part-text.companyContact').innerText(), settle).toBe('Reto Frei, Werkstattleitung')
      expect(await byTestId(own, 'plan.agreement-parts').innerText()).toContain('Wie viel Lohn bekommen Sie?')
      await readsSwiss(own)
      await explainFailure(own, 'coachee agrees', async () => {
        await expect.poll(() => byTestId(own, 'agreement.agree').isEnabled(), settle).toBe(true)
        await byTestId(own, 'agreement.agree').click()
        await byTestId(own, 'agreement.mine-current').waitFor(settle)
      })
      expect(await byTestId(own, 'agreement.complete').getAttribute('data-complete')).toBe('false')
      expect(await byTestId(own, 'agreement.complete').innerText()).toBe('Noch haben nicht alle Ja gesagt.')
      expect(await byTestId(own, 'agreement.panel').innerText()).toContain('Reto Frei (Arbeitgebende)')
      await noHorizontalOverflow(own)
      expect(await axeFindings(own)).toEqual([])

      // The coach sees both agreements arrive, agrees last — and now it is complete, for everyone.
      await expect.poll(() => page.locator('[data-testid="agreement.item"][data-current="true"]').count(), settle).toBe(2)
      expect(await byTestId(page, 'agreement.complete').getAttribute('data-complete')).toBe('false')
      await byTestId(page, 'agreement.agree').click()
      await expect.poll(() => byTestId(page, 'agreement.complete').getAttribute('data-complete'), settle).toBe('true')
      expect(await byTestId(page, 'agreement.complete').innerText()).toBe('Alle, die zustimmen müssen, haben dieser Fassung zugestimmt.')
      await expect.poll(() => byTestId(own, 'agreement.complete').getAttribute('data-complete'), settle).toBe('true')
      expect(await byTestId(own, 'agreement.complete').innerText()).toBe('Alle haben Ja gesagt.')
      await expect.poll(() => byTestId(boss.page, 'agreement.complete').getAttribute('data-complete'), settle).toBe('true')
      await noHorizontalOverflow(own)
      await own.screenshot({ path: '/tmp/fb19-walk-ch-coachee-agreed-390.png', fullPage: true })
      await Promise.all([boss.context.close(), phone.context.close()])

      // The accompaniment after the start: Standortgespräche.
      await byTestId(page, 'case.link.accompaniment').click()
      await byTestId(page, 'accompaniment.page').waitFor(settle)
      await expect.poll(() => byTestId(page, 'accompaniment.page').innerText(), settle).toContain('Standortgespräche')
      await readsSwiss(page)
      expect(await axeFindings(page)).toEqual([])

      // A11: the Austrittsformular with the chosen follow-ups; what prints is the record, not the inputs.
      await byTestId(page, 'accompaniment.exit-link').click()
      await byTestId(page, 'exit.form').waitFor(settle)
      await byTestId(page, 'exit.date').fill('2026-09-30')
      await byTestId(page, 'exit.reason').selectOption('goalReached')
      await byTestId(page, 'exit.follow-up-rav').check()
      await byTestId(page, 'exit.follow-up-socialServices').check()
      await byTestId(page, 'exit.handover').fill('Erstes Gespräch beim RAV am 5. Oktober.')
      await byTestId(page, 'exit.save').click()
      await expect.poll(() => byTestId(page, 'exit.record-follow-ups').innerText(), settle).toBe('RAV (Regionales Arbeitsvermittlungszentrum), Sozialamt / Sozialdienst')
      expect(await byTestId(page, 'exit.record-date').innerText()).toBe('30. September 2026')
      expect(await byTestId(page, 'exit.record-reason').innerText()).toBe('Ziel erreicht')
      await readsSwiss(page)
      expect(await axeFindings(page)).toEqual([])
      await page.emulateMedia({ media: 'print' })
      expect(await byTestId(page, 'exit.form').isVisible()).toBe(false)
      expect(await byTestId(page, 'exit.record').isVisible()).toBe(true)
      const pdf = await page.pdf({ format: 'A4' })
      await page.emulateMedia({ media: 'screen' })
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
      if (existsSync(pdftotext)) {
        const text = pdftotextLayout(pdf).replace(/\s+/g, ' ')
        expect(text).toContain('Austrittsformular: Nina Brunner')
        expect(text).toContain('RAV (Regionales Arbeitsvermittlungszentrum), Sozialamt / Sozialdienst')
        expect(text).toContain('30. September 2026')
        // The form's inputs do not print, only what was recorded.
        expect(text).not.toContain('Austrittsformular speichern')
      }
      await page.screenshot({ path: '/tmp/fb19-walk-ch-exit.png', fullPage: true })
    } finally {
      await browser.close()
      await relay.stop()
    }
  })
})
