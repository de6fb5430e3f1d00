/**
 * The occupational profile (issue 19: Vorabklärung A2, Berufsprofil A3) in
 * Chromium: the coach fills the Vorabklärung (a career station, a goal of the
 * Handlungsplan, an expert's assessment); the coachee, on a 390 px phone,
 * reads it in plain words, co-writes the Kompetenzbilanz and an occupation
 * that fits — and may not change the coaches' parts; the coach sees the
 * coachee's words live. axe finds nothing serious; nothing scrolls sideways.
 */
import { describe, expect, it } from 'vitest'
import { createCase, inviteAndAccept, setupAdmin } from '../helpers/apiClient.js'
import { startRelay } from '../helpers/startRelay.js'
import { axeFindings } from './axe.js'
import { builtClientDir, chromiumPath, launchChromium } from './browser.js'
import { byTestId, explainFailure, loginViaForm, newPerson, noHorizontalOverflow, openCaseTab, waitForSyncState } from './pages.js'

const settle = { timeout: 10_000 }

describe.skipIf(chromiumPath === null)('occupational profile (reason for skip: no Chromium here, see browser.ts)', () => {
  it('the coach fills the Vorabklärung, the coachee co-writes the Berufsprofil in plain words on a phone', async () => {
    const relay = await startRelay({ clientDir: builtClientDir })
    const miriam = await setupAdmin(relay)
    const kase = await createCase(miriam)
    const jonas = await inviteAndAccept(miriam, kase.id, 'coachee', { name: 'Jonas Peters', email: 'jonas.peters@example.org' })
    const browser = await launchChromium()
    try {
      // Miriam Roth fills the Vorabklärung.
      const coach = await newPerson(browser)
      const page = coach.page
      await loginViaForm(page, relay.url, miriam.user.email, miriam.password)
      await page.goto(`${relay.url}/cases/${kase.id}`)
      await openCaseTab(page, 'profile')
      await explainFailure(page, 'coach opens the profile', () => byTestId(page, 'profile.a2').waitFor(settle))
      expect(await page.getByRole('heading', { name: 'Vorabklärung', exact: true }).count()).toBe(1)
      await byTestId(page, 'profile.wishes.wage').fill('mindestens wie bisher')
      await byTestId(page, 'profile.career.add').click()
      await byTestId(page, 'profile.career.period').fill('2020–2026')
      await byTestId(page, 'profile.career.occupation').fill('Kassierer')
      await byTestId(page, 'profile.career.employer').fill('Frischmarkt Nord')
      await byTestId(page, 'profile.actionPlan.add').click()
      await byTestId(page, 'profile.actionPlan.goal').fill('Tempo an der Kasse halten')
      await byTestId(page, 'profile.actionPlan.horizon').selectOption('medium')
      await byTestId(page, 'profile.assessments.add').click()
      await byTestId(page, 'profile.assessments.source').fill('Ergotherapie')
      await byTestId(page, 'profile.assessments.text').fill('Arbeitet sorgfältig, braucht feste Pausen.')
      await waitForSyncState(page, 'synced')
      expect(await axeFindings(page)).toEqual([])

      // Jonas Peters, on his phone, reads it in plain words and co-writes his part.
      const phone = await newPerson(browser, { viewport: { width: 390, height: 844 } })
      const own = phone.page
      await loginViaForm(own, relay.url, jonas.user.email, jonas.password)
      await own.goto(`${relay.url}/cases/${kase.id}`)
      await openCaseTab(own, 'profile')
      const view = byTestId(own, 'profile.view')
      await explainFailure(own, 'coachee opens the profile', () => byTestId(own, 'profile.a3').waitFor(settle))
      expect(await view.getAttribute('data-plain')).toBe('true')
      expect(await own.getByRole('heading', { name: /Was ich kann/ }).count()).toBe(1)
      // The coaches' parts: readable, as plain text, with nothing to change.
      await expect.poll(() => byTestId(own, 'profile.career').innerText(), settle).toContain('Kassierer')
      expect(await byTestId(own, 'profile.actionPlan').innerText()).toContain('mittelfristig')
      expect(await byTestId(own, 'profile.assessments').innerText()).toContain('braucht feste Pausen')
      for (const list of ['career', 'actionPlan', 'assessments']) {
        expect(await byTestId(own, `profile.${list}.add`).count(), list).toBe(0)
      }
      expect(await byTestId(own, 'profile.wishes.wage').inputValue()).toBe('mindestens wie bisher')
      await byTestId(own, 'profile.competences.strengths').fill('Ich bin pünktlich und freundlich.')
      await byTestId(own, 'profile.occupations.add').click()
      await byTestId(own, 'profile.occupations.title').fill('Lager')
      await waitForSyncState(own, 'synced')
      await noHorizontalOverflow(own)
      expect(await axeFindings(own)).toEqual([])
      await own.screenshot({ path: '/tmp/fb19-profile-coachee-390.png', fullPage: true })

      // The coach sees the coachee's words without reloading.
      await expect.poll(() => byTestId(page, 'profile.competences.strengths').inputValue(), settle).toBe('Ich bin pünktlich und freundlich.')
      await expect.poll(() => byTestId(page, 'profile.occupations.title').inputValue(), settle).toBe('Lager')
    } finally {
      await browser.close()
    }
  })
})
