/**
 * A German placement case that searches for a job, in Chromium (issue 19,
 * A4/A5 under SERVICE_COUNTRY=DE): the coach logs an application for a
 * Praktikum and a contact about a Festanstellung (status, next step, an
 * accompanied interview) and moves the application on; the coachee reads
 * the log on a 390 px phone in plain words, with nothing to change; the
 * employer of the case gets no Stellensuche — no tab, no API, no directory,
 * none of the other employers' names. German words throughout (Maßnahme,
 * German dates); axe finds nothing serious on each screen.
 * Screenshots go to /tmp (fb19-walk-de-*.png).
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { CaseSummary } from '../../shared/src/api/cases.js'
import { inviteAndAccept, setupAdmin } from '../helpers/apiClient.js'
import { startRelay } from '../helpers/startRelay.js'
import { axeFindings } from './axe.js'
import { builtClientDir, chromiumPath, launchChromium } from './browser.js'
import { fillJobSearchEntry, jobSearchEntryTexts, logJobSearchEntry } from './jobSearchPages.js'
import { byTestId, explainFailure, loginViaForm, newPerson, noHorizontalOverflow, openCaseTab } from './pages.js'

const settle = { timeout: 20_000 }

/** The entry card of one employer in the log. */
function entryOf(page: Page, employer: string) {
  return byTestId(page, 'jobSearch.entry').filter({ hasText: employer })
}

describe.skipIf(chromiumPath === null)('a German case with a job search (reason for skip: no Chromium here, see browser.ts)', () => {
  it('the coach logs applications and contacts, the coachee reads them in plain words, the employer sees none of it', { timeout: 180_000 }, async () => {
    const relay = await startRelay({ clientDir: builtClientDir, serviceCountry: 'DE' })
    const miriam = await setupAdmin(relay)
    const created = await miriam.client.request<{ case: CaseSummary }>('POST', '/api/cases', { title: 'Lager und Logistik', type: 'placement' })
    expect(created.status).toBe(201)
    const caseId = created.body.case.id
    const jonas = await inviteAndAccept(miriam, caseId, 'coachee', { name: 'Jonas Peters', email: 'jonas.peters@example.org' })
    const sabine = await inviteAndAccept(miriam, caseId, 'employer', { name: 'Sabine Keller', email: 'sabine.keller@frischmarkt.example' })
    const browser = await launchChromium()
    try {
      const coach = await newPerson(browser, { viewport: { width: 1280, height: 900 } })
      const page = coach.page
      await loginViaForm(page, relay.url, miriam.user.email, miriam.password)
      await page.goto(`${relay.url}/cases/${caseId}`)
      // A German service speaks German German: Maßnahme with ß, Arbeitgeber*in.
      await expect.poll(() => byTestId(page, 'case.employer-can-edit').innerText(), settle).toContain('Arbeitgeber*in darf die Maßnahmeplanung mitbearbeiten')
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('de')

      // The coach logs an application for an internship and a contact about a permanent job.
      await openCaseTab(page, 'jobSearch')
      await byTestId(page, 'jobSearch.empty').waitFor(settle)
      await logJobSearchEntry(page, {
        kind: 'application',
        employerName: 'Autohaus Schröder GmbH',
        position: 'Lagerhelfer',
        placementKind: 'internship',
        date: '2026-04-07',
        status: 'sent',
        nextStep: 'Telefonisch nachfragen',
        nextStepOn: '2026-04-21',
      })
      expect(await axeFindings(page)).toEqual([])
      await byTestId(page, 'jobSearch.add').click()
      expect(await axeFindings(page)).toEqual([])
      await fillJobSearchEntry(page, {
        kind: 'contact',
        employerName: 'Stadtwerke Göttingen',
        position: 'Fachkraft Lagerlogistik',
        placementKind: 'permanent',
        date: '2026-04-09',
        status: 'interview',
        nextStep: 'Unterlagen nachreichen',
        interviewOn: '2026-04-16',
        preparation: 'Fragen zum Schichtdienst geübt',
        accompanied: true,
      })
      await expect.poll(() => byTestId(page, 'jobSearch.entry').count(), settle).toBe(2)
      const internship = await entryOf(page, 'Autohaus Schröder GmbH').innerText()
      expect(internship).toContain('Autohaus Schröder GmbH – Lagerhelfer')
      expect(internship).toContain('Praktikum')
      expect(internship).toContain('beworben')
      expect(internship).toContain('Telefonisch nachfragen (21. April 2026)')
      const permanent = await entryOf(page, 'Stadtwerke Göttingen').innerText()
      expect(permanent).toContain('Kontakt (Anruf, Besuch)')
      expect(permanent).toContain('Festanstellung')
      expect(permanent).toContain('Vorstellungsgespräch')
      expect(permanent).toContain('16. April 2026 · mit Begleitung durch Jobcoach')

      // The application moves on: the internship's employer invites to a trial day.
      await entryOf(page, 'Autohaus Schröder GmbH').getByRole('button', { name: 'Ändern: Autohaus Schröder GmbH' }).click()
      await fillJobSearchEntry(page, { status: 'trial', nextStep: 'Probearbeit am Montag, 8 Uhr', nextStepOn: '2026-04-27' })
      await expect.poll(() => entryOf(page, 'Autohaus Schröder GmbH').getByTestId('jobSearch.entry-status').innerText(), settle).toBe('Probearbeit')
      expect(await entryOf(page, 'Autohaus Schröder GmbH').innerText()).toContain('Probearbeit am Montag, 8 Uhr (27. April 2026)')
      expect(await axeFindings(page)).toEqual([])
      await page.screenshot({ path: '/tmp/fb19-walk-de-coach-log.png', fullPage: true })

      // The coachee reads the log on a phone, in plain words, with nothing to change.
      const phone = await newPerson(browser, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })
      const own = phone.page
      await loginViaForm(own, relay.url, jonas.user.email, jonas.password)
      await own.goto(`${relay.url}/cases/${caseId}`)
      await openCaseTab(own, 'jobSearch')
      await explainFailure(own, 'coachee reads the job search', () => own.getByRole('heading', { level: 2, name: 'Ihre Bewerbungen' }).waitFor(settle))
      expect(await byTestId(own, 'case.tab.jobSearch').innerText()).toBe('Ihre Bewerbungen')
      expect(await own.locator('body').innerText()).toContain('Hier stehen Ihre Bewerbungen und Gespräche mit Betrieben.')
      await expect.poll(() => jobSearchEntryTexts(own), settle).toHaveLength(2)
      expect(await entryOf(own, 'Autohaus Schröder GmbH').innerText()).toContain('Probearbeit am Montag, 8 Uhr (27. April 2026)')
      expect(await entryOf(own, 'Stadtwerke Göttingen').innerText()).toContain('Festanstellung')
      // The coachee's words: questions, as in their plan, not the coaches' field names.
      const plainEntry = await entryOf(own, 'Stadtwerke Göttingen').innerText()
      for (const question of ['Was für eine Stelle?', 'Wie weit sind Sie?', 'Was kommt als Nächstes?', 'Wann ist das Vorstellungsgespräch?']) {
        expect(plainEntry, question).toContain(question)
      }
      expect(plainEntry).not.toContain('Art des Einsatzes')
      expect(await byTestId(own, 'jobSearch.add').count()).toBe(0)
      expect(await byTestId(own, 'jobSearch.edit').count()).toBe(0)
      await noHorizontalOverflow(own)
      expect(await axeFindings(own)).toEqual([])
      await own.screenshot({ path: '/tmp/fb19-walk-de-coachee-390.png', fullPage: true })

      // The employer of the case: no Stellensuche anywhere, none of the other employers.
      const boss = await newPerson(browser, { viewport: { width: 1280, height: 900 } })
      await loginViaForm(boss.page, relay.url, sabine.user.email, sabine.password)
      await boss.page.goto(`${relay.url}/cases/${caseId}`)
      await byTestId(boss.page, 'plan.editor').waitFor(settle)
      await byTestId(boss.page, 'case.tab.plan').waitFor(settle)
      expect(await byTestId(boss.page, 'case.tab.jobSearch').count()).toBe(0)
      expect(await byTestId(boss.page, 'header.employers').count()).toBe(0)
      if ((await byTestId(boss.page, 'case.tab.more').count()) > 0) {
        await byTestId(boss.page, 'case.tab.more').click()
      }
      const seen = await boss.page.locator('body').innerText()
      for (const hidden of ['Stellensuche', 'Bewerbungen', 'Autohaus Schröder', 'Stadtwerke Göttingen']) {
        expect(seen, hidden).not.toContain(hidden)
      }
      expect(await axeFindings(boss.page)).toEqual([])
      expect((await sabine.client.request('GET', `/api/cases/${caseId}/job-search`)).status).toBe(403)
      expect((await sabine.client.request('GET', '/api/employers')).status).toBe(403)
      await Promise.all([phone.context.close(), boss.context.close()])
    } finally {
      await browser.close()
      await relay.stop()
    }
  })
})
