/**
 * Issue 19, points 7–8, in Chromium under the Swiss flow: a coach sets the
 * Standortgespräch interval and sees the reminder, records a crisis with a
 * follow-up (both in the case's reminder line), changes the saved entry by
 * keyboard while the tandem partner watches the change arrive (with who
 * changed it), prints a Swiss final report (competences, and
 * Vermittlungsfähigkeit only once the funder asks) and fills the
 * Austrittsformular at phone width (390 px): axe clean, no sideways
 * scrolling, also with an entry open for editing.
 */
import { existsSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { createCase, createStaff, setupAdmin } from '../helpers/apiClient.js'
import { pdftotext, pdftotextLayout } from '../helpers/pdfText.js'
import { startRelay } from '../helpers/startRelay.js'
import { axeFindings } from './axe.js'
import { builtClientDir, chromiumPath, launchChromium } from './browser.js'
import { byTestId, loginViaForm, newPerson, noSidewaysScroll } from './pages.js'


describe.skipIf(chromiumPath === null)('accompaniment, Swiss report and Austritt (reason for skip: no Chromium here, see browser.ts)', () => {
  it('reminds of the Standortgespräch, logs a crisis with a follow-up, changes it while the partner watches, prints a Swiss report and records the exit', async () => {
    const relay = await startRelay({ clientDir: builtClientDir, serviceCountry: 'CH' })
    const miriam = await setupAdmin(relay)
    const kase = await createCase(miriam)
    const tobias = await createStaff(miriam)
    expect((await miriam.client.request('POST', `/api/cases/${kase.id}/members`, { userId: tobias.user.id, role: 'coach' })).status).toBe(201)
    const browser = await launchChromium()
    const today = new Date().toISOString().slice(0, 10)
    const { page } = await newPerson(browser, { viewport: { width: 1280, height: 900 } })
    await loginViaForm(page, relay.url, miriam.user.email, miriam.password)
    await page.goto(`${relay.url}/cases/${kase.id}`)
    await byTestId(page, 'plan.start-date').fill('2026-03-02')
    await byTestId(page, 'plan.start-date').blur()

    // The Standortgespräch schedule: every 4 weeks from the start, none held, so one is overdue.
    await byTestId(page, 'case.link.accompaniment').click()
    await byTestId(page, 'accompaniment.page').waitFor()
    await byTestId(page, 'progress.interval').fill('4')
    await byTestId(page, 'progress.interval-save').click()
    await expect.poll(() => byTestId(page, 'progress.reminder').getAttribute('data-code')).toBe('progressOverdue')

    // A crisis, reported to the IV-Stelle, with a follow-up due today.
    await byTestId(page, 'incident.kind').selectOption('jobAtRisk')
    await byTestId(page, 'incident.description').fill('Kündigung angedroht nach drei Verspätungen')
    await byTestId(page, 'incident.reported-to').fill('IV-Stelle, Frau Keller, am selben Tag')
    await byTestId(page, 'incident.first-follow-up').fill('Gespräch mit dem Teamleiter vereinbaren')
    await byTestId(page, 'incident.first-follow-up-due').fill(today)
    await byTestId(page, 'incident.save').click()
    await expect.poll(() => byTestId(page, 'incident.entry').getAttribute('data-kind')).toBe('jobAtRisk')
    await expect.poll(() => byTestId(page, 'incident.follow-up').getAttribute('data-done')).toBe('false')

    // The tandem partner has the log open while Miriam changes the saved entry, by keyboard.
    const partner = await newPerson(browser, { viewport: { width: 1280, height: 900 } })
    await loginViaForm(partner.page, relay.url, tobias.user.email, tobias.password)
    await partner.page.goto(`${relay.url}/cases/${kase.id}/accompaniment`)
    await expect.poll(() => byTestId(partner.page, 'incident.entry').innerText()).toContain('Kündigung angedroht nach drei Verspätungen')
    const focusedTestId = (p: typeof page): Promise<string | null> => p.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null)
    await byTestId(page, 'incident.edit').focus()
    await page.keyboard.press('Enter')
    await byTestId(page, 'incident.edit-form').waitFor()
    expect(await focusedTestId(page)).toBe('incident.edit-date')
    await byTestId(page, 'incident.edit-description').fill('Kündigung angedroht nach drei Verspätungen; Gespräch mit dem Betrieb vereinbart')
    await byTestId(page, 'incident.edit-follow-up-text').fill('Gespräch zu dritt am Dienstag')
    await byTestId(page, 'incident.edit-save').focus()
    await page.keyboard.press('Enter')
    await byTestId(page, 'incident.edit-form').waitFor({ state: 'detached' })
    expect(await focusedTestId(page)).toBe('incident.edit')
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Änderungen am Zwischenfall gespeichert.' }).count()).toBe(1)
    // Tobias sees the change without reloading, and who made it.
    await expect.poll(() => byTestId(partner.page, 'incident.entry').innerText()).toContain('Gespräch mit dem Betrieb vereinbart')
    await expect.poll(() => byTestId(partner.page, 'incident.follow-up').innerText()).toContain('Gespräch zu dritt am Dienstag')
    await expect.poll(() => byTestId(partner.page, 'incident.edited').innerText()).toContain('Zuletzt geändert von Miriam Roth')
    // Escape leaves his own edit unsaved and gives the focus back to its button.
    await byTestId(partner.page, 'incident.edit').click()
    await byTestId(partner.page, 'incident.edit-description').fill('verworfen')
    await partner.page.keyboard.press('Escape')
    await byTestId(partner.page, 'incident.edit-form').waitFor({ state: 'detached' })
    expect(await focusedTestId(partner.page)).toBe('incident.edit')
    await expect.poll(() => byTestId(page, 'incident.entry').innerText()).toContain('Gespräch mit dem Betrieb vereinbart')
    expect(await byTestId(partner.page, 'incident.entry').innerText()).not.toContain('verworfen')
    await partner.context.close()

    // The case's reminder line names both.
    await page.goto(`${relay.url}/cases/${kase.id}`)
    const line = byTestId(page, 'process.summary-line')
    await expect.poll(() => line.innerText()).toContain('Standortgespräch überfällig')
    await expect.poll(() => line.innerText()).toContain('1 Nachbereitung fällig')

    // A Swiss final report: competences, and Vermittlungsfähigkeit only once the funder asks.
    await page.goto(`${relay.url}/cases/${kase.id}/report/final`)
    await page.locator('[data-part="competences"]').waitFor()
    expect(await page.locator('[data-part="participationBefore"]').count()).toBe(0)
    expect(await page.locator('[data-part="employability"]').count()).toBe(0)
    await byTestId(page, 'report.employability-requested').check()
    await page.locator('[data-part="employability"]').waitFor()
    await byTestId(page, 'report.part.competences').click()
    await page.keyboard.type('Zuverlässig und pünktlich, braucht klare Abläufe.')
    await expect.poll(() => byTestId(page, 'report.part.competences').innerText()).toContain('Zuverlässig')
    const pdf = await page.pdf({ format: 'A4' })
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    if (existsSync(pdftotext)) {
      const text = pdftotextLayout(pdf).replace(/\s+/g, ' ')
      expect(text).toContain('Zuverlässig und pünktlich')
      expect(text).toMatch(/Vermittlungsfähigkeit/)
      // The on-screen choice does not print.
      expect(text).not.toContain('Der Kostenträger verlangt')
    }

    // The Austrittsformular at phone width.
    const phone = await newPerson(browser, { viewport: { width: 390, height: 844 } })
    await loginViaForm(phone.page, relay.url, miriam.user.email, miriam.password)
    await phone.page.goto(`${relay.url}/cases/${kase.id}/accompaniment`)
    await byTestId(phone.page, 'incident.entry').waitFor()
    expect(await noSidewaysScroll(phone.page)).toBe(true)
    expect(await axeFindings(phone.page)).toEqual([])
    await byTestId(phone.page, 'incident.edit').click()
    await byTestId(phone.page, 'incident.edit-form').waitFor()
    expect(await noSidewaysScroll(phone.page)).toBe(true)
    expect(await axeFindings(phone.page)).toEqual([])
    await byTestId(phone.page, 'incident.edit-cancel').click()
    await byTestId(phone.page, 'accompaniment.exit-link').click()
    await byTestId(phone.page, 'exit.form').waitFor()
    await byTestId(phone.page, 'exit.date').fill('2026-09-30')
    await byTestId(phone.page, 'exit.reason').selectOption('durationEnded')
    await byTestId(phone.page, 'exit.follow-up-rav').check()
    await byTestId(phone.page, 'exit.follow-up-proInfirmis').check()
    await byTestId(phone.page, 'exit.handover').fill('Termin beim RAV am 5. Oktober vereinbart.')
    await byTestId(phone.page, 'exit.save').click()
    await expect.poll(() => byTestId(phone.page, 'exit.record-follow-ups').innerText()).toBe('RAV (Regionales Arbeitsvermittlungszentrum), Pro Infirmis')
    await expect.poll(() => byTestId(phone.page, 'exit.record-handover').innerText()).toContain('Termin beim RAV')
    expect(await noSidewaysScroll(phone.page)).toBe(true)
    expect(await axeFindings(phone.page)).toEqual([])
    await phone.page.screenshot({ path: '/tmp/fb19-exit-form-390.png', fullPage: true })
    await browser.close()
  }, 300_000)
})
