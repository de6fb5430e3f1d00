/**
 * Funding in Chromium (issue 18): an admin adds a funding body to the
 * directory; a coach names it for the case, records an approval that runs
 * out soon (the case warns), then an extension, and the plan's hours budget
 * follows (read-only there); the draft request for extension is made from
 * the case; an hour logged with its kind and place counts against it. axe
 * on the new screens; the tab at phone width (390 px).
 * Screenshots go to /tmp (fb18-*.png).
 */
import { describe, expect, it } from 'vitest'
import { addGoal, emptyGoal, setPlanMetaField } from '../../shared/src/caseDocument/plan.js'
import { createCase, setupAdmin } from '../helpers/apiClient.js'
import { startRelay } from '../helpers/startRelay.js'
import { until } from '../helpers/until.js'
import { connectProvider } from '../integration/support/syncClients.js'
import { axeFindings } from './axe.js'
import { builtClientDir, chromiumPath, launchChromium } from './browser.js'
import { byTestId, loginViaForm, newPerson, noSidewaysScroll, openCaseTab } from './pages.js'
import { day, recordApproval } from './fundingPages.js'

describe.skipIf(chromiumPath === null)('funding bodies and approvals (reason for skip: no Chromium here, see browser.ts)', () => {
  it('an approval with an extension changes the budget the plan shows; the case warns before it runs out and drafts the request', async () => {
    const relay = await startRelay({ clientDir: builtClientDir })
    const miriam = await setupAdmin(relay)
    const kase = await createCase(miriam, 'Kassenbereich Supermarkt')
    const plan = await connectProvider(relay.wsUrl, `cases/${kase.id}/plan`, miriam.client.cookie)
    plan.doc.transact(() => {
      setPlanMetaField(plan.doc, 'startDate', day(-60))
      setPlanMetaField(plan.doc, 'expectedEndDate', day(120))
      setPlanMetaField(plan.doc, 'hoursBudget', 80)
      addGoal(plan.doc, { ...emptyGoal('goal-1'), title: 'Scannen im Takt', measurable: '18 Artikel pro Minute' })
    })
    plan.provider.awareness.setLocalState(null)
    await until(() => plan.provider.synced)

    const browser = await launchChromium()
    const coach = await newPerson(browser, { viewport: { width: 1280, height: 900 } })
    const page = coach.page
    await loginViaForm(page, relay.url, miriam.user.email, miriam.password)

    // The admin's directory.
    await page.goto(`${relay.url}/admin`)
    const create = byTestId(page, 'funding-admin.create')
    await create.locator('[data-testid="funding-admin.kind"]').selectOption('integrationOffice')
    await create.locator('[data-testid="funding-admin.name"]').fill('Integrationsamt Niedersachsen')
    await create.locator('[data-testid="funding-admin.address"]').fill('Schiffgraben 30\n30175 Hannover')
    await create.locator('[data-testid="funding-admin.submit"]').click()
    await expect.poll(() => byTestId(page, 'funding-admin.list').innerText()).toContain('Integrationsamt Niedersachsen')
    expect(await axeFindings(page)).toEqual([])
    await byTestId(page, 'funding-admin').screenshot({ path: '/tmp/fb18-admin-directory.png' })

    // The case: the budget is typed while there is no approval.
    await page.goto(`${relay.url}/cases/${kase.id}`)
    await expect.poll(() => byTestId(page, 'plan.hours-budget').inputValue()).toBe('80')

    await openCaseTab(page, 'funding')
    await byTestId(page, 'funding.body').selectOption({ label: 'Integrationsamt Niedersachsen' })
    await byTestId(page, 'funding.file-number').fill('IA-2026-0815')
    await byTestId(page, 'funding.referring-body').fill('IFD Hannover')
    await byTestId(page, 'funding.save-body').click()
    await byTestId(page, 'funding.body-saved').waitFor()

    // An approval that ends in 20 days: the tab and the case summary warn.
    await recordApproval(page, { from: day(-60), until: day(20), hours: '40', rate: '48,50' })
    await expect.poll(() => byTestId(page, 'funding.approved').innerText()).toBe('40 Std.')
    await expect.poll(() => byTestId(page, 'funding.warning').first().getAttribute('data-code')).toBe('endsSoon')
    await expect.poll(() => byTestId(page, 'process.summary-line').innerText()).toContain('Bewilligung endet bald')
    expect(await byTestId(page, 'funding.approval').innerText()).toContain('48,50')

    // The extension: the budget grows, the warning goes.
    await recordApproval(page, { kind: 'extension', from: day(21), until: day(120), hours: '20' })
    await expect.poll(() => byTestId(page, 'funding.approved').innerText()).toBe('60 Std.')
    await expect.poll(() => byTestId(page, 'funding.warning').count()).toBe(0)
    expect(await byTestId(page, 'funding.approval').count()).toBe(2)

    // The draft request for extension, from the case.
    await byTestId(page, 'funding.draft-make').click()
    const draft = await byTestId(page, 'funding.draft-text').inputValue()
    expect(draft).toContain('Antrag auf Verlängerung des Jobcoachings: Kassenbereich Supermarkt')
    expect(draft).toContain('Aktenzeichen: IA-2026-0815')
    expect(draft).toContain('1. Scannen im Takt (18 Artikel pro Minute)')
    expect(await axeFindings(page)).toEqual([])
    await page.screenshot({ path: '/tmp/fb18-funding-1280.png', fullPage: true })

    // An hour logged with its kind and place counts against the approval.
    await byTestId(page, 'hours.tab').click()
    await byTestId(page, 'hours.hours').fill('1.5')
    await byTestId(page, 'hours.category').selectOption('travel')
    await byTestId(page, 'hours.place').fill('Frischmarkt Nord')
    await byTestId(page, 'hours.activity').fill('Fahrt zum Betrieb')
    await byTestId(page, 'hours.add').click()
    await expect.poll(() => byTestId(page, 'hours.item-category').first().innerText()).toBe('Fahrt')
    await expect.poll(() => byTestId(page, 'hours.per-category').locator('[data-category="travel"] td').innerText()).toBe('1,5')
    await openCaseTab(page, 'funding')
    await expect.poll(() => byTestId(page, 'funding.used').innerText()).toBe('1,5 Std.')
    await expect.poll(() => byTestId(page, 'funding.remaining').innerText()).toBe('58,5 Std.')

    // The plan shows the derived budget, read-only.
    await openCaseTab(page, 'plan')
    await expect.poll(() => byTestId(page, 'plan.fixed.hoursBudget').innerText()).toBe('60')
    expect(await byTestId(page, 'plan.hours-budget').count()).toBe(0)
    await byTestId(page, 'plan.hours-budget-derived').waitFor()

    // Phone width: the tab fits, and stays accessible.
    const phone = await newPerson(browser, { viewport: { width: 390, height: 844 } })
    await loginViaForm(phone.page, relay.url, miriam.user.email, miriam.password)
    await phone.page.goto(`${relay.url}/cases/${kase.id}`)
    await openCaseTab(phone.page, 'funding')
    await expect.poll(() => byTestId(phone.page, 'funding.approved').innerText()).toBe('60 Std.')
    expect(await noSidewaysScroll(phone.page)).toBe(true)
    expect(await axeFindings(phone.page)).toEqual([])
    await phone.page.screenshot({ path: '/tmp/fb18-funding-390.png', fullPage: true })
    await Promise.all([coach.context.close(), phone.context.close()])
    await relay.stop()
  })
})
