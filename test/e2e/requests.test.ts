/**
 * Requests and intake in Chromium (issue 19): a coach records a request
 * from the header's "Anfragen", clarifies the order (funding body, rough
 * goals, consent), accepts it and lands in the new case, whose plan starts
 * with the rough goals; the feasibility check sits at the analysis phase's
 * close. Another request is declined at phone width (390 px) and shows the
 * letter with its reasons and referral. axe on each screen.
 * Screenshots go to /tmp (fb19-*.png).
 */
import { describe, expect, it } from 'vitest'
import { setupAdmin } from '../helpers/apiClient.js'
import { startRelay } from '../helpers/startRelay.js'
import { axeFindings } from './axe.js'
import { builtClientDir, chromiumPath, launchChromium } from './browser.js'
import { byTestId, loginViaForm, newPerson, noSidewaysScroll } from './pages.js'

describe.skipIf(chromiumPath === null)('requests and intake (reason for skip: no Chromium here, see browser.ts)', () => {
  it('a request is recorded, clarified and accepted into a case; another is declined with a letter', { timeout: 240_000 }, async () => {
    const relay = await startRelay({ clientDir: builtClientDir })
    const miriam = await setupAdmin(relay)
    await miriam.client.request('POST', '/api/funding-bodies', { kind: 'integrationOffice', name: 'Integrationsamt Niedersachsen' })

    const browser = await launchChromium()
    const coach = await newPerson(browser, { viewport: { width: 1280, height: 900 } })
    const page = coach.page
    await loginViaForm(page, relay.url, miriam.user.email, miriam.password)

    // Record a request.
    await byTestId(page, 'header.requests').click()
    await page.getByRole('heading', { level: 1, name: 'Anfragen' }).waitFor()
    await byTestId(page, 'requests.new').click()
    await expect.poll(() => byTestId(page, 'requests.no-health-note').innerText()).toContain('keine Diagnosen')
    await page.getByLabel('Name der Person').fill('Mara Lindqvist')
    await page.getByLabel('Angefragt von').selectOption('integrationService')
    await page.getByLabel('Name der anfragenden Stelle oder Person').fill('IFD Hannover')
    await page.getByLabel('Einleitende Stelle').fill('Agentur für Arbeit Hannover')
    await page.getByLabel('Anlass der Anfrage (kurz)').fill('Sucht nach der Ausbildung eine Stelle im Lager.')
    expect(await axeFindings(page)).toEqual([])
    await byTestId(page, 'requests.record').click()
    await page.getByRole('heading', { level: 1, name: 'Anfrage für Mara Lindqvist' }).waitFor()

    // Clarify the order (A1): accepting waits for the consent.
    expect(await byTestId(page, 'requests.accept').isDisabled()).toBe(true)
    await byTestId(page, 'requests.clarify-funding').selectOption({ label: 'Integrationsamt Niedersachsen' })
    await page.getByLabel('Stellensuche').check()
    await page.getByLabel('Arbeitsplatzerhalt').check()
    await page.getByLabel('Die Person ist mit der Zusammenarbeit einverstanden.').check()
    await byTestId(page, 'requests.clarify-save').click()
    await expect.poll(() => byTestId(page, 'requests.clarify-notice').innerText()).toContain('gespeichert')
    await expect.poll(() => byTestId(page, 'request.goals').innerText()).toBe('Stellensuche, Arbeitsplatzerhalt')
    expect(await axeFindings(page)).toEqual([])
    await page.screenshot({ path: '/tmp/fb19-request-clarified.png', fullPage: true })

    // Accept: the new case opens, with the rough goals as its first goals.
    await byTestId(page, 'requests.accept').click()
    await page.waitForURL(/\/cases\/[A-Za-z0-9_-]+$/, { timeout: 30_000 })
    await expect.poll(() => byTestId(page, 'case.title').innerText(), { timeout: 30_000 }).toContain('Mara Lindqvist')
    const goalTitles = (): Promise<string[]> => page.locator('[data-testid="goal.title"]').evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value))
    await expect.poll(goalTitles, { timeout: 30_000 }).toEqual(['Stellensuche', 'Arbeitsplatzerhalt'])

    // The feasibility check sits where the analysis is closed.
    await byTestId(page, 'process.tab').click()
    const feasibility = byTestId(page, 'feasibility.section')
    await feasibility.waitFor()
    await byTestId(page, 'feasibility.answer-withConditions').check()
    await byTestId(page, 'feasibility.reasons').fill('Mit Arbeitsassistenz in den ersten Wochen.')
    await byTestId(page, 'feasibility.save').click()
    await expect.poll(() => byTestId(page, 'feasibility.current').innerText()).toContain('Ja, unter Bedingungen')
    expect(await axeFindings(page)).toEqual([])

    // Another request, declined at phone width: the letter says why and where to turn.
    const other = (
      await miriam.client.request('POST', '/api/requests', {
        personName: 'Lea Sommer',
        requesterKind: 'employer',
        requesterName: 'Getränke Nord GmbH',
        requesterContact: 'Hafenstraße 3\n28195 Bremen',
        firstContactOn: '2026-03-02',
        reason: 'Einarbeitung einer neuen Mitarbeiterin.',
      })
    ).body.request
    const phone = await newPerson(browser, { viewport: { width: 390, height: 844 } })
    await loginViaForm(phone.page, relay.url, miriam.user.email, miriam.password)
    await phone.page.goto(`${relay.url}/requests`)
    await byTestId(phone.page, 'requests.item').first().waitFor()
    await phone.page.getByRole('link', { name: 'Lea Sommer' }).click()
    await phone.page.getByRole('heading', { level: 1, name: 'Anfrage für Lea Sommer' }).waitFor()
    await phone.page.getByLabel('Begründung').fill('Unser Dienst arbeitet nur in der Region Hannover.')
    await phone.page.getByLabel('Hinweis auf andere Stellen').fill('Integrationsfachdienst Bremen, Tel. 0421 000000')
    await byTestId(phone.page, 'requests.decline').click()
    const letter = byTestId(phone.page, 'requests.letter-text')
    await expect.poll(() => letter.innerText()).toContain('Unser Dienst arbeitet nur in der Region Hannover.')
    const text = await letter.innerText()
    expect(text).toContain('Getränke Nord GmbH')
    expect(text).toContain('Integrationsfachdienst Bremen, Tel. 0421 000000')
    expect(text).toContain('Lea Sommer')
    expect(await noSidewaysScroll(phone.page)).toBe(true)
    expect(await axeFindings(phone.page)).toEqual([])
    await phone.page.screenshot({ path: '/tmp/fb19-decline-letter-390.png', fullPage: true })

    // The list filters by status.
    await phone.page.goto(`${relay.url}/requests`)
    await byTestId(phone.page, 'requests.filter-declined').check()
    await expect.poll(async () => (await byTestId(phone.page, 'requests.item').allInnerTexts()).join('|')).toContain('Lea Sommer')
    await byTestId(phone.page, 'requests.filter-accepted').check()
    await expect.poll(async () => (await byTestId(phone.page, 'requests.item').allInnerTexts()).join('|')).toContain('Mara Lindqvist')
    expect(other.id).toBeTruthy()
    await Promise.all([coach.context.close(), phone.context.close()])
    await relay.stop()
  })
})
