/**
 * Billing in Chromium (issue 18's walk): the coach records an approval and
 * an extension, and the plan's budget follows; the employer confirms last
 * month's proof of hours on a phone; the coach opens the billing screen,
 * sees the draft from the confirmed month at the approval's rate, issues it
 * and prints it (the printable page hides its controls; PDF and CSV are
 * downloads). axe on the new screens, 390 px without sideways scrolling.
 * Screenshots go to /tmp (fb18-billing-*.png).
 */
import { describe, expect, it } from 'vitest'
import { addHoursEntry } from '../../shared/src/caseDocument/notes.js'
import { addGoal, emptyGoal, setPlanMetaField } from '../../shared/src/caseDocument/plan.js'
import { previousMonth } from '../../client/src/app/billing/money.js'
import { createCase, inviteAndAccept, setupAdmin } from '../helpers/apiClient.js'
import { startRelay } from '../helpers/startRelay.js'
import { until } from '../helpers/until.js'
import { connectProvider } from '../integration/support/syncClients.js'
import { axeFindings } from './axe.js'
import { builtClientDir, chromiumPath, launchChromium } from './browser.js'
import { byTestId, loginViaForm, newPerson, noSidewaysScroll, openCaseTab } from './pages.js'
import { day, recordApproval } from './fundingPages.js'

describe.skipIf(chromiumPath === null)('billing (reason for skip: no Chromium here, see browser.ts)', () => {
  it('an approval with an extension changes the budget, the employer confirms a month, an invoice draft is issued and printed', { timeout: 300_000 }, async () => {
    const month = previousMonth(new Date())
    const relay = await startRelay({ clientDir: builtClientDir })
    const miriam = await setupAdmin(relay)
    const kase = await createCase(miriam, 'Kassenbereich Supermarkt')
    const sabine = await inviteAndAccept(miriam, kase.id, 'employer')
    await inviteAndAccept(miriam, kase.id, 'coachee', { name: 'Jonas Peters', email: 'jonas.peters@example.org' })
    const body = await miriam.client.request('POST', '/api/funding-bodies', { kind: 'integrationOffice', name: 'Integrationsamt Niedersachsen', address: 'Schiffgraben 30, 30175 Hannover' })
    expect(body.status).toBe(201)
    const plan = await connectProvider(relay.wsUrl, `cases/${kase.id}/plan`, miriam.client.cookie)
    plan.doc.transact(() => {
      setPlanMetaField(plan.doc, 'startDate', day(-90))
      setPlanMetaField(plan.doc, 'hoursBudget', 80)
      addGoal(plan.doc, { ...emptyGoal('goal-1'), title: 'Scannen im Takt', measurable: '18 Artikel pro Minute' })
    })
    plan.provider.awareness.setLocalState(null)
    await until(() => plan.provider.synced)
    const notes = await connectProvider(relay.wsUrl, `cases/${kase.id}/notes`, miriam.client.cookie)
    addHoursEntry(notes.doc, { id: 'h1', date: `${month}-03`, hours: 1.5, activity: 'Anleitung an der Kasse', coachId: miriam.user.id, category: 'atWorkplace', place: 'Frischmarkt Nord' })
    addHoursEntry(notes.doc, { id: 'h2', date: `${month}-10`, hours: 0.5, activity: 'Telefonat mit der Filialleitung', coachId: miriam.user.id, category: 'coordination' })
    notes.provider.awareness.setLocalState(null)
    await until(async () => (await miriam.client.request('GET', `/api/cases/${kase.id}/hours-proof`)).body.months?.length === 1, { message: 'the hours reach the server' })

    const browser = await launchChromium()
    const coach = await newPerson(browser, { viewport: { width: 1280, height: 900 } })
    const page = coach.page
    await loginViaForm(page, relay.url, miriam.user.email, miriam.password)

    // Funding: approval and extension; the plan's budget follows.
    await page.goto(`${relay.url}/cases/${kase.id}`)
    await openCaseTab(page, 'funding')
    await byTestId(page, 'funding.body').selectOption({ label: 'Integrationsamt Niedersachsen' })
    await byTestId(page, 'funding.file-number').fill('IA-2026-0815')
    await byTestId(page, 'funding.save-body').click()
    await byTestId(page, 'funding.body-saved').waitFor()
    await recordApproval(page, { from: day(-90), until: day(20), hours: '40', rate: '48,50' })
    await expect.poll(() => byTestId(page, 'funding.approved').innerText()).toBe('40 Std.')
    await recordApproval(page, { kind: 'extension', from: day(21), until: day(120), hours: '20' })
    await expect.poll(() => byTestId(page, 'funding.approved').innerText()).toBe('60 Std.')
    await openCaseTab(page, 'plan')
    await expect.poll(() => byTestId(page, 'plan.fixed.hoursBudget').innerText()).toBe('60')

    // The employer confirms last month on a phone.
    const employer = await newPerson(browser, { viewport: { width: 390, height: 844 } })
    await loginViaForm(employer.page, relay.url, sabine.user.email, sabine.password)
    await employer.page.goto(`${relay.url}/cases/${kase.id}`)
    expect(await byTestId(employer.page, 'header.billing').count()).toBe(0)
    await openCaseTab(employer.page, 'proof')
    await employer.page.locator(`[data-testid="proof.month-item"][data-month="${month}"] [data-testid="proof.open-month"]`).click()
    await byTestId(employer.page, 'proof.confirm').click()
    await expect.poll(() => byTestId(employer.page, 'proof.month').getAttribute('data-locked')).toBe('true')

    // The coach's billing screen: the draft from the confirmed month at the approval's rate.
    await byTestId(page, 'header.billing').click()
    await byTestId(page, 'billing.body').selectOption({ label: 'Integrationsamt Niedersachsen' })
    expect(await byTestId(page, 'billing.month').inputValue()).toBe(month)
    await byTestId(page, 'billing.show-draft').click()
    await byTestId(page, 'billing.draft').waitFor()
    const line = byTestId(page, 'billing.line')
    await expect.poll(() => line.count()).toBe(1)
    // Intl writes a no-break space before the currency sign.
    const lineText = (await line.innerText()).replaceAll('\u00a0', ' ')
    expect(lineText).toContain('Az. IA-2026-0815')
    expect(lineText).toContain('J. P.')
    expect(lineText).toContain('48,50 € je Stunde (laut Bewilligung)')
    expect(lineText).not.toContain('Telefonat')
    expect((await byTestId(page, 'billing.total').innerText()).replaceAll('\u00a0', ' ')).toBe('97,00 €')
    expect(await axeFindings(page)).toEqual([])
    await page.screenshot({ path: '/tmp/fb18-billing-draft-1280.png', fullPage: true })

    // Issued: the printable invoice with its number.
    await byTestId(page, 'billing.issue').click()
    const year = new Date().getUTCFullYear()
    await expect.poll(() => byTestId(page, 'billing.invoice-number').innerText()).toBe(`Rechnung ${year}-00001`)
    expect(await byTestId(page, 'billing.pdf').getAttribute('href')).toMatch(/\/pdf$/)
    const pdf = await coach.context.request.get(`${relay.url}${await byTestId(page, 'billing.pdf').getAttribute('href')}`)
    expect(pdf.status()).toBe(200)
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-')
    expect(await axeFindings(page)).toEqual([])
    // Printing: the browser's print dialog opens; the printed page shows the document without its controls.
    await page.evaluate(() => {
      ;(window as unknown as { printed: number }).printed = 0
      window.print = () => void ((window as unknown as { printed: number }).printed += 1)
    })
    await byTestId(page, 'billing.print').click()
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1)
    await page.emulateMedia({ media: 'print' })
    expect(await byTestId(page, 'billing.print').isVisible()).toBe(false)
    expect(await byTestId(page, 'billing.lines').isVisible()).toBe(true)
    await page.screenshot({ path: '/tmp/fb18-billing-invoice-print.png', fullPage: true })
    await page.emulateMedia({ media: 'screen' })

    // The month is billed now: the draft has nothing left.
    await page.goto(`${relay.url}/billing`)
    await byTestId(page, 'billing.show-draft').click()
    await byTestId(page, 'billing.problem-noLines').waitFor()
    expect(await byTestId(page, 'billing.issued').innerText()).toContain(`Rechnung ${year}-00001`)
    // The employer's proof of hours says so (reloaded: an invoice changes none of the case's rooms).
    await employer.page.reload()
    await openCaseTab(employer.page, 'proof')
    const billedBadge = employer.page.locator(`[data-testid="proof.month-item"][data-month="${month}"] [data-testid="proof.month-billed"]`)
    await expect.poll(async () => ((await billedBadge.count()) > 0 ? billedBadge.innerText() : '')).toBe('abgerechnet')

    // Phone width.
    const phone = await newPerson(browser, { viewport: { width: 390, height: 844 } })
    await loginViaForm(phone.page, relay.url, miriam.user.email, miriam.password)
    await phone.page.goto(`${relay.url}/billing`)
    await phone.page.getByRole('link', { name: `Rechnung ${year}-00001` }).click()
    await byTestId(phone.page, 'billing.invoice').waitFor()
    expect(await noSidewaysScroll(phone.page)).toBe(true)
    expect(await axeFindings(phone.page)).toEqual([])
    await phone.page.screenshot({ path: '/tmp/fb18-billing-invoice-390.png', fullPage: true })
    await Promise.all([coach.context.close(), employer.context.close(), phone.context.close()])
    await relay.stop()
  })
})
