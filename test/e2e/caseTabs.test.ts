/**
 * The case screen's tabs (issue 21, the offline open of a large case): a
 * tab's content is built only when the tab is first shown and then kept, and
 * the tab shown is in the address, so a reload returns to it instead of
 * building the plan first. A tab the address names that the person does not
 * have (the employer and the notes) opens the plan.
 */
import { describe, expect, it } from 'vitest'
import { createCase, inviteAndAccept, setupAdmin } from '../helpers/apiClient.js'
import { startRelay } from '../helpers/startRelay.js'
import { builtClientDir, chromiumPath, launchChromium } from './browser.js'
import { byTestId, editorText, loginViaForm, newPerson, openCaseTab, typeAtEnd, waitForSyncState } from './pages.js'

describe.skipIf(chromiumPath === null)('the case tabs (reason for skip: no Chromium here, see browser.ts)', () => {
  it('builds a tab when first shown, keeps it, and a reload returns to it; on a desktop and a phone', async () => {
    const relay = await startRelay({ clientDir: builtClientDir })
    const coach = await setupAdmin(relay)
    const kase = await createCase(coach)
    const employer = await inviteAndAccept(coach, kase.id, 'employer')
    const browser = await launchChromium()
    try {
      for (const viewport of [
        { width: 1280, height: 900 },
        { width: 390, height: 844 },
      ]) {
        const { context, page } = await newPerson(browser, { viewport })
        await loginViaForm(page, relay.url, coach.user.email, coach.password)
        await page.goto(`${relay.url}/cases/${kase.id}`)
        await byTestId(page, 'plan.editor').waitFor()
        expect(new URL(page.url()).search).toBe('')
        // The notes are not built while the plan is shown.
        expect(await byTestId(page, 'notes.editors').count()).toBe(0)
        const entries = await page.evaluate(() => window.history.length)

        await openCaseTab(page, 'notes')
        const editor = byTestId(page, 'notes.editor.analysis')
        await editor.waitFor()
        expect(new URL(page.url()).searchParams.get('tab')).toBe('notes')
        const typed = viewport.width === 1280 ? 'Erstgespräch am Schreibtisch.' : 'Erstgespräch am Telefon.'
        await typeAtEnd(page, editor, typed)
        await waitForSyncState(page, 'synced')

        // Back on the plan, the notes stay built (hidden), and the address drops the tab.
        await openCaseTab(page, 'plan')
        await byTestId(page, 'plan.editor').waitFor()
        expect(new URL(page.url()).search).toBe('')
        expect(await byTestId(page, 'notes.editors').count()).toBe(1)
        await expect(editor.isVisible()).resolves.toBe(false)
        // Tabs replace the address in place: Back leaves the case rather than stepping through tabs.
        await expect(page.evaluate(() => window.history.length)).resolves.toBe(entries)

        // A reload on the notes opens the notes, and builds nothing of the plan's goals.
        await openCaseTab(page, 'notes')
        await page.reload()
        await byTestId(page, 'notes.editor.analysis').waitFor()
        await expect.poll(() => editorText(byTestId(page, 'notes.editor.analysis'))).toContain(typed)
        expect(await byTestId(page, 'plan.editor').count()).toBe(0)
        await context.close()
      }

      // The employer has no notes: the address's tab is ignored, the plan opens.
      const { context, page } = await newPerson(browser)
      await loginViaForm(page, relay.url, employer.user.email, employer.password)
      await page.goto(`${relay.url}/cases/${kase.id}?tab=notes`)
      await byTestId(page, 'plan.editor').waitFor()
      expect(await byTestId(page, 'notes.editors').count()).toBe(0)
      expect(await byTestId(page, 'case.tab.notes').count()).toBe(0)
      await context.close()
    } finally {
      await browser.close()
      await relay.stop()
    }
  })
})
