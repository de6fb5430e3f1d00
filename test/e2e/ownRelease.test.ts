/**
 * A coachee gives a release from confidentiality in the app and takes it
 * back (issue 16 points 5/6), in Chromium, on a laptop and on a phone
 * (390 px): plain words with the formal term beside them, towards someone
 * outside Fallbuch, a confirmation before it is saved; the coach sees it as
 * given in the app, then revoked. One towards the case's employer member
 * reaches her. axe finds nothing serious.
 */
import { describe, expect, it } from 'vitest'
import type { Release, ReleasesReply } from '../../shared/src/api/releases.js'
import { createCase, inviteAndAccept, setupAdmin } from '../helpers/apiClient.js'
import { startRelay } from '../helpers/startRelay.js'
import { axeFindings } from './axe.js'
import { builtClientDir, chromiumPath, launchChromium } from './browser.js'
import { byTestId, explainFailure, loginViaForm, newPerson, noHorizontalOverflow, openCaseTab } from './pages.js'

/** Steps that wait for a server round trip (CI's shared cores are slow). */
const settle = { timeout: 15_000 }

describe.skipIf(chromiumPath === null)('a coachee gives and takes back a release in the app (reason for skip: no Chromium here, see browser.ts)', () => {
  it('records a release towards someone outside Fallbuch and revokes it, on a laptop and on a phone', { timeout: 180_000 }, async () => {
    const relay = await startRelay({ clientDir: builtClientDir })
    const miriam = await setupAdmin(relay)
    const kase = await createCase(miriam, 'Kassenbereich Supermarkt')
    const jonas = await inviteAndAccept(miriam, kase.id, 'coachee', { name: 'Jonas Peters', email: 'jonas.peters@example.org' })
    const browser = await launchChromium()
    const findings: Record<string, string[]> = {}
    const coachList = async (): Promise<Release[]> => (await miriam.client.request<ReleasesReply>('GET', `/api/cases/${kase.id}/releases`)).body.releases

    for (const [width, recipient] of [
      [1280, 'Herr Ohlsen, Ergotherapie am Hafen'],
      [390, 'Dr. Hannelore Weber, Hausarztpraxis'],
    ] as const) {
      const { context, page } = await newPerson(browser, { viewport: { width, height: 844 } })
      await loginViaForm(page, relay.url, jonas.user.email, jonas.password)
      await page.goto(`${relay.url}/cases/${kase.id}`)
      await openCaseTab(page, 'consents')
      const form = byTestId(page, 'releases.own')
      await form.waitFor(settle)
      // Plain words first, the formal term beside them; no coach's paper form.
      expect(await form.locator('h4').innerText()).toBe('Erlauben, dass die Jobcoaches mit jemandem über Sie sprechen (Schweigepflichtentbindung erteilen)')
      expect(await byTestId(page, 'releases.form').count()).toBe(0)

      await byTestId(page, 'releases.own.recipientKind').selectOption(width === 390 ? 'doctor' : 'therapist')
      await byTestId(page, 'releases.own.recipientName').fill(recipient)
      await byTestId(page, 'releases.own.purpose').fill('Arbeitszeiten nach der Krankheit besprechen')
      // Not saved before Jonas confirms.
      await byTestId(page, 'releases.own.submit').click()
      expect(await byTestId(page, 'releases.own.error').innerText()).toContain('Bitte bestätigen Sie zuerst')
      await byTestId(page, 'releases.own.confirm').check()
      await byTestId(page, 'releases.own.submit').click()
      await byTestId(page, 'releases.own.status').filter({ hasText: 'Gespeichert' }).waitFor(settle)

      const item = byTestId(page, 'releases.item').filter({ hasText: recipient })
      await explainFailure(page, 'the new release is listed', async () => {
        await expect.poll(() => item.count(), settle).toBe(1)
      })
      expect(await item.innerText()).toContain(`Jonas Peters erlaubt: die Jobcoaches dieses Falls darf mit ${recipient} sprechen`)
      expect(await item.innerText()).toContain('in der App bestätigt')
      expect(await item.locator('[data-testid="releases.state"]').innerText()).toBe('gültig')
      if (width === 390) {
        await noHorizontalOverflow(page)
      }
      findings[`coachee releases ${width}`] = await axeFindings(page)
      // The coach sees it as given by Jonas in the app.
      expect((await coachList()).find((release) => release.recipientName === recipient)).toMatchObject({ evidence: 'inApp', releasorName: 'Jonas Peters', recordedByName: 'Jonas Peters', active: true })

      // Jonas takes it back.
      await item.locator('[data-testid="releases.revoke"]').click()
      await explainFailure(page, 'the release reads as revoked', async () => {
        await expect.poll(() => item.locator('[data-testid="releases.state"]').innerText(), settle).toMatch(/^widerrufen am /)
      })
      expect(await item.locator('[data-testid="releases.revoke"]').count()).toBe(0)
      expect((await coachList()).find((release) => release.recipientName === recipient)).toMatchObject({ active: false, endedBy: 'revoked', revokedByName: 'Jonas Peters' })
      await context.close()
    }

    // Towards the case's employer: Jonas names her as the member of the case, and she sees it (only then).
    const sabine = await inviteAndAccept(miriam, kase.id, 'employer', { name: 'Sabine Krüger', email: 'sabine.krueger@example.org' })
    const employerSees = async (): Promise<Release[]> => (await sabine.client.request<ReleasesReply>('GET', `/api/cases/${kase.id}/releases`)).body.releases
    expect(await employerSees()).toEqual([])
    {
      const { context, page } = await newPerson(browser, { viewport: { width: 390, height: 844 } })
      await loginViaForm(page, relay.url, jonas.user.email, jonas.password)
      await page.goto(`${relay.url}/cases/${kase.id}`)
      await openCaseTab(page, 'consents')
      await byTestId(page, 'releases.own').waitFor(settle)
      // The choice appears for the kind "Arbeitgeber*in" only.
      expect(await byTestId(page, 'releases.own.recipientMember').count()).toBe(0)
      await byTestId(page, 'releases.own.recipientKind').selectOption('employer')
      const memberOption = byTestId(page, 'releases.own.recipientMember').locator('option', { hasText: 'Sabine Krüger' })
      await byTestId(page, 'releases.own.recipientMember').selectOption({ label: (await memberOption.innerText()).trim() })
      expect(await byTestId(page, 'releases.own.recipientName').inputValue()).toBe('Sabine Krüger')
      await byTestId(page, 'releases.own.purpose').fill('Stufenweise Wiedereingliederung planen')
      await byTestId(page, 'releases.own.confirm').check()
      await byTestId(page, 'releases.own.submit').click()
      await byTestId(page, 'releases.own.status').filter({ hasText: 'Gespeichert' }).waitFor(settle)
      await noHorizontalOverflow(page)
      findings['coachee release to employer 390'] = await axeFindings(page)
      await context.close()
    }
    const seen = await employerSees()
    expect(seen.map((release) => [release.recipientName, release.recipientMemberId, release.purpose])).toEqual([['Sabine Krüger', expect.any(String), 'Stufenweise Wiedereingliederung planen']])

    expect(findings).toEqual({ 'coachee releases 1280': [], 'coachee releases 390': [], 'coachee release to employer 390': [] })
    await browser.close()
    await relay.stop()
  })
})
