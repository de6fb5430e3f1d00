/**
 * The proof of hours in Chromium (issue 18 point 2): the employer opens a
 * month's Stundennachweis on a phone (390 px) and confirms it; the coach
 * then sees the month confirmed by the employer and locked, at 1280 px and
 * at 390 px: the month's entries are read-only in the hours log and a
 * correction is added with its reason. axe on the new screens; screenshots
 * go to /tmp (fb18-proof-*.png).
 */
import { describe, expect, it } from 'vitest'
import { addHoursEntry } from '../../shared/src/caseDocument/notes.js'
import { createCase, inviteAndAccept, setupAdmin } from '../helpers/apiClient.js'
import { startRelay } from '../helpers/startRelay.js'
import { until } from '../helpers/until.js'
import { connectProvider } from '../integration/support/syncClients.js'
import { axeFindings } from './axe.js'
import { builtClientDir, chromiumPath, launchChromium } from './browser.js'
import { byTestId, loginViaForm, newPerson, noSidewaysScroll, openCaseTab } from './pages.js'

describe.skipIf(chromiumPath === null)('the proof of hours (reason for skip: no Chromium here, see browser.ts)', () => {
  it('the employer confirms a month on a phone; the coach sees it confirmed and locked and corrects an entry', { timeout: 240_000 }, async () => {
    const relay = await startRelay({ clientDir: builtClientDir })
    const miriam = await setupAdmin(relay)
    const kase = await createCase(miriam, 'Kassenbereich Supermarkt')
    const sabine = await inviteAndAccept(miriam, kase.id, 'employer')
    const notes = await connectProvider(relay.wsUrl, `cases/${kase.id}/notes`, miriam.client.cookie)
    addHoursEntry(notes.doc, { id: 'h1', date: '2026-03-03', hours: 1.5, activity: 'Anleitung an der Kasse', coachId: miriam.user.id, category: 'atWorkplace', place: 'Frischmarkt Nord' })
    addHoursEntry(notes.doc, { id: 'h2', date: '2026-03-10', hours: 0.5, activity: 'Telefonat mit der Filialleitung', coachId: miriam.user.id, category: 'coordination', place: 'Telefon' })
    notes.provider.awareness.setLocalState(null)
    await until(async () => (await miriam.client.request('GET', `/api/cases/${kase.id}/hours-proof`)).body.months?.length === 1, { message: 'the hours reach the server' })

    const browser = await launchChromium()
    // The employer, on a phone.
    const employer = await newPerson(browser, { viewport: { width: 390, height: 844 } })
    await loginViaForm(employer.page, relay.url, sabine.user.email, sabine.password)
    await employer.page.goto(`${relay.url}/cases/${kase.id}`)
    await openCaseTab(employer.page, 'proof')
    await employer.page.locator('[data-testid="proof.month-item"][data-month="2026-03"]').waitFor()
    expect(await byTestId(employer.page, 'proof.month-state').innerText()).toBe('offen')
    await byTestId(employer.page, 'proof.open-month').click()
    await byTestId(employer.page, 'proof.month').waitFor()
    expect(await byTestId(employer.page, 'proof.entry').count()).toBe(2)
    expect(await byTestId(employer.page, 'proof.total').innerText()).toBe('2')
    // Minimised: the activity texts stay in the coach's notes.
    expect(await byTestId(employer.page, 'proof.month').innerText()).not.toContain('Telefonat mit der Filialleitung')
    expect(await byTestId(employer.page, 'proof.pdf').getAttribute('href')).toContain('format=pdf')
    expect(await axeFindings(employer.page)).toEqual([])
    expect(await noSidewaysScroll(employer.page)).toBe(true)
    await byTestId(employer.page, 'proof.confirm').click()
    await expect.poll(() => byTestId(employer.page, 'proof.month').getAttribute('data-locked')).toBe('true')
    await expect.poll(() => byTestId(employer.page, 'proof.month').locator('[data-testid="proof.confirmation"][data-role="employer"]').innerText()).toContain(sabine.user.name)
    expect(await byTestId(employer.page, 'proof.confirm').count()).toBe(0)
    await employer.page.screenshot({ path: '/tmp/fb18-proof-employer-390.png', fullPage: true })

    // The coach sees it confirmed by the employer and locked.
    const coach = await newPerson(browser, { viewport: { width: 1280, height: 900 } })
    await loginViaForm(coach.page, relay.url, miriam.user.email, miriam.password)
    await coach.page.goto(`${relay.url}/cases/${kase.id}`)
    await openCaseTab(coach.page, 'proof')
    const item = coach.page.locator('[data-testid="proof.month-item"][data-month="2026-03"]')
    await expect.poll(() => item.getAttribute('data-locked')).toBe('true')
    expect(await item.innerText()).toContain(`Bestätigt von ${sabine.user.name} (Arbeitgeber*in)`)
    expect(await byTestId(coach.page, 'proof.confirm').count()).toBe(0)
    expect(await axeFindings(coach.page)).toEqual([])

    // The hours log: the month's entries are read-only; a correction is a new entry with its reason.
    await byTestId(coach.page, 'hours.tab').click()
    await expect.poll(() => coach.page.locator('[data-testid="hours.item"][data-locked="true"]').count()).toBe(2)
    expect(await byTestId(coach.page, 'hours.remove').count()).toBe(0)
    await byTestId(coach.page, 'hours.correct').last().click()
    await byTestId(coach.page, 'hours.correction-hours').fill('-0,5')
    await byTestId(coach.page, 'hours.correction-reason').fill('Doppelt erfasst')
    await byTestId(coach.page, 'hours.correction-save').click()
    const correction = coach.page.locator('[data-testid="hours.item"][data-correction="true"]')
    await expect.poll(() => correction.count()).toBe(1)
    expect(await correction.innerText()).toContain('Korrektur: Doppelt erfasst')
    // The correction reached the server (nothing refused): the proof shows it as such.
    await expect.poll(async () => (await miriam.client.request('GET', `/api/cases/${kase.id}/hours-proof/2026-03`)).body.entries?.length).toBe(3)
    expect(await byTestId(coach.page, 'case.room-problem').count()).toBe(0)
    expect(await axeFindings(coach.page)).toEqual([])
    await coach.page.screenshot({ path: '/tmp/fb18-proof-coach-1280.png', fullPage: true })

    // The coach at 390 px.
    const phone = await newPerson(browser, { viewport: { width: 390, height: 844 } })
    await loginViaForm(phone.page, relay.url, miriam.user.email, miriam.password)
    await phone.page.goto(`${relay.url}/cases/${kase.id}`)
    await openCaseTab(phone.page, 'proof')
    const phoneItem = phone.page.locator('[data-testid="proof.month-item"][data-month="2026-03"]')
    await expect.poll(() => phoneItem.getAttribute('data-locked')).toBe('true')
    expect(await phoneItem.innerText()).toContain('bestätigt, gesperrt')
    await phone.page.locator('[data-testid="proof.month-item"][data-month="2026-03"] [data-testid="proof.open-month"]').click()
    await expect.poll(() => byTestId(phone.page, 'proof.entry').count()).toBe(3)
    expect(await phone.page.locator('[data-testid="proof.entry"][data-correction="true"]').innerText()).toContain('Korrektur zu')
    expect(await noSidewaysScroll(phone.page)).toBe(true)
    expect(await axeFindings(phone.page)).toEqual([])
    await phone.page.screenshot({ path: '/tmp/fb18-proof-coach-390.png', fullPage: true })
    await Promise.all([employer.context.close(), coach.context.close(), phone.context.close()])
    await relay.stop()
  })
})
