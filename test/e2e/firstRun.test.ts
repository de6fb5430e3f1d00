/**
 * A coach's first day, on the built server started as `npm start` runs it:
 * the printed setup link, the first account, a case with its measure plan and
 * phase notes, a second coach created by the admin and added to the case, who
 * then sees everything in their own browser.
 */
import { describe, expect, it } from 'vitest'
import { chromiumPath, launchChromium } from './browser.js'
import { startBuiltServer } from './builtServer.js'
import { byTestId, explainFailure, loginViaForm, newPerson, typeAtEnd, waitForSyncState, openCaseTab } from './pages.js'

describe.skipIf(chromiumPath === null)('first run (reason for skip: no Chromium here, see browser.ts)', () => {
  it('the first coach sets up Fallbuch, plans a case, and the second coach sees it', async () => {
    const server = await startBuiltServer()
    const browser = await launchChromium()
    const { page } = await newPerson(browser)

    // The printed link opens the setup form with the token filled in.
    await page.goto(server.setupUrl)
    await byTestId(page, 'setup.name').fill('Miriam Roth')
    await byTestId(page, 'setup.email').fill('miriam.roth@example.org')
    await byTestId(page, 'setup.password').fill('miriam-passwort-1')
    await byTestId(page, 'setup.submit').click()
    await byTestId(page, 'cases.create-title').waitFor()
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('de')

    // A case, created with the keyboard.
    await byTestId(page, 'cases.create-title').fill('Kassenbereich Supermarkt')
    await byTestId(page, 'cases.create-type').selectOption('retention')
    await byTestId(page, 'cases.create-title').press('Enter')
    // A new case opens straight away, on its measure plan.
    await byTestId(page, 'plan.editor').waitFor()

    // The measure plan: frame, one SMART goal with status, the approach.
    await byTestId(page, 'plan.start-date').fill('2026-03-02')
    await byTestId(page, 'plan.expected-end-date').fill('2026-09-30')
    await byTestId(page, 'plan.hours-budget').fill('120')
    await byTestId(page, 'plan.hours-budget').blur()
    await byTestId(page, 'plan.add-goal').click()
    const goal = byTestId(page, 'goal.item').first()
    await goal.locator('[data-testid="goal.title"]').fill('Scangeschwindigkeit an der Kasse')
    await goal.locator('[data-testid="goal.measurable"]').fill('mindestens 18 Artikel pro Minute')
    await goal.locator('[data-testid="goal.time-bound"]').fill('2026-06-30')
    await goal.locator('[data-testid="goal.status"]').selectOption('partlyAchieved')
    await typeAtEnd(page, byTestId(page, 'plan.approach'), 'Drei Arbeitsplatzbesuche, dann Mitarbeit an der Kasse.')

    // Notes of a phase.
    await byTestId(page, 'case.tab.notes').click()
    await typeAtEnd(page, byTestId(page, 'notes.editor.analysis'), 'Gespräch mit Frau Lange und Herrn Demir.')
    await waitForSyncState(page, 'synced')

    // The admin creates the second coach …
    await byTestId(page, 'header.admin').click()
    await byTestId(page, 'admin.create-name').fill('Tobias Brandt')
    await byTestId(page, 'admin.create-email').fill('tobias.brandt@example.org')
    await byTestId(page, 'admin.create-password').fill('tobias-passwort-1')
    await byTestId(page, 'admin.create-submit').click()
    await byTestId(page, 'admin.created').waitFor()

    // … and adds him to the case.
    await byTestId(page, 'header.cases').click()
    await byTestId(page, 'cases.item-link').first().click()
    await openCaseTab(page, 'members')
    await byTestId(page, 'members.add-select').selectOption({ label: 'Tobias Brandt (tobias.brandt@example.org)' })
    await byTestId(page, 'members.add-submit').click()
    await expect.poll(() => byTestId(page, 'members.item').count()).toBe(2)

    // The second coach, in his own browser, finds the case with all of it.
    const tobias = await newPerson(browser)
    await loginViaForm(tobias.page, server.url, 'tobias.brandt@example.org', 'tobias-passwort-1')
    // The start page regroups its cases while it reads local copies and syncs
    // them in the background; click once it has settled.
    await tobias.page.waitForFunction(
      () => document.querySelector('[data-testid="cases.sync-status"]')?.getAttribute('data-state') === 'idle',
      undefined,
      { timeout: 30_000 },
    )
    await byTestId(tobias.page, 'cases.item-link').filter({ hasText: 'Kassenbereich Supermarkt' }).click()
    await explainFailure(tobias.page, 'second coach opens the case', () =>
      expect.poll(() => byTestId(tobias.page, 'plan.hours-budget').inputValue({ timeout: 5_000 }), { timeout: 30_000 }).toBe('120'),
    )
    await expect(byTestId(tobias.page, 'plan.start-date').inputValue()).resolves.toBe('2026-03-02')
    const tobiasGoal = byTestId(tobias.page, 'goal.item').first()
    await expect.poll(() => tobiasGoal.locator('[data-testid="goal.title"]').inputValue()).toBe('Scangeschwindigkeit an der Kasse')
    await expect(tobiasGoal.locator('[data-testid="goal.status"]').inputValue()).resolves.toBe('partlyAchieved')
    await expect.poll(() => byTestId(tobias.page, 'plan.approach').innerText()).toContain('Drei Arbeitsplatzbesuche')
    await byTestId(tobias.page, 'case.tab.notes').click()
    await expect.poll(() => byTestId(tobias.page, 'notes.editor.analysis').innerText()).toContain('Frau Lange und Herrn Demir')

    // Nothing the coaches typed, nor a session token, is in the server's output.
    expect(server.output()).not.toContain('Frau Lange')
    expect(server.output()).not.toContain('fb_session')
  })
})
