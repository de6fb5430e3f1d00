/**
 * Swiss German in Chromium (issue 19 point 9): on a Swiss installation
 * (SERVICE_COUNTRY=CH) a coach who never chose a language reads the case
 * in de-CH at 390 px — Massnahmeplanung, Arbeitgebende, a Kostengutsprache
 * with its rate in CHF — sets the case's flow with the explanation of
 * what it changes, and an explicit choice of Deutsch wins over the
 * service's language. axe on each screen, no sideways scroll.
 * Screenshots go to /tmp (fb19-ch-*.png).
 */
import { describe, expect, it } from 'vitest'
import { createCase, setupAdmin } from '../helpers/apiClient.js'
import { startRelay } from '../helpers/startRelay.js'
import { axeFindings } from './axe.js'
import { builtClientDir, chromiumPath, launchChromium } from './browser.js'
import { day, recordApproval } from './fundingPages.js'
import { byTestId, loginViaForm, newPerson, noSidewaysScroll, openCaseTab } from './pages.js'

describe.skipIf(chromiumPath === null)('Swiss German (reason for skip: no Chromium here, see browser.ts)', () => {
  it("a Swiss service's coach reads the case in de-CH on a phone: Massnahme, Arbeitgebende, CHF; the case's flow can be set", async () => {
    const relay = await startRelay({ clientDir: builtClientDir, serviceCountry: 'CH' })
    const miriam = await setupAdmin(relay)
    const kase = await createCase(miriam, 'Kassenbereich Supermarkt')

    const browser = await launchChromium()
    const coach = await newPerson(browser, { viewport: { width: 390, height: 844 } })
    const page = coach.page
    await loginViaForm(page, relay.url, miriam.user.email, miriam.password)
    await page.goto(`${relay.url}/cases/${kase.id}`)

    // No language chosen: the service's (de-CH).
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('de-CH')
    await expect.poll(() => byTestId(page, 'case.employer-can-edit').innerText()).toContain('Arbeitgebende dürfen die Massnahmeplanung mitbearbeiten')
    expect(await page.locator('body').innerText()).not.toContain('ß')

    // The flow: the service's default (Schweiz) with what it means; a coach sets Deutschland for this case.
    const flow = byTestId(page, 'plan.case-flow')
    expect(await flow.locator('option:checked').innerText()).toBe('Wie im Dienst voreingestellt (Schweiz)')
    await expect.poll(() => byTestId(page, 'plan.case-flow-help').innerText()).toContain('auch die Job Coaches zugestimmt haben')
    expect(await axeFindings(page)).toEqual([])
    expect(await noSidewaysScroll(page)).toBe(true)
    await byTestId(page, 'plan.case-flow-help').screenshot({ path: '/tmp/fb19-ch-flow.png' })
    await flow.selectOption('de')
    await expect.poll(() => byTestId(page, 'plan.case-flow-help').innerText()).toContain('Dieser Fall folgt dem Ablauf Deutschland.')
    expect((await miriam.client.request('GET', `/api/cases/${kase.id}`)).body.case).toMatchObject({ flow: 'de', flowOverride: 'de' })

    // A Kostengutsprache with a rate: Swiss words, and the service's currency written the Swiss way.
    await openCaseTab(page, 'funding')
    await expect.poll(() => byTestId(page, 'funding.currency').inputValue()).toBe('CHF')
    await recordApproval(page, { from: day(-30), until: day(150), hours: '40', rate: '98.50' })
    await expect.poll(() => byTestId(page, 'funding.approval').innerText()).toMatch(/CHF\s98\.50/)
    expect(await page.locator('body').innerText()).toContain('Kostengutsprache')
    expect(await axeFindings(page)).toEqual([])
    expect(await noSidewaysScroll(page)).toBe(true)
    await page.screenshot({ path: '/tmp/fb19-ch-funding.png', fullPage: true })

    // The user's own choice wins over the service's language, also after a reload.
    await page.evaluate(() => localStorage.setItem('fallbuch:language', 'de'))
    await page.reload()
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('de')
    await openCaseTab(page, 'plan')
    await expect.poll(() => byTestId(page, 'case.employer-can-edit').innerText()).toContain('Arbeitgeber*in darf die Maßnahmeplanung mitbearbeiten')
    await coach.context.close()
  })
})
