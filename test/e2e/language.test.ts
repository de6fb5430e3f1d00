/**
 * The UI languages in Chromium: German starts without loading English (the
 * English texts are a chunk of their own, loaded when chosen); a coach who
 * chooses English in the header reads English at once, and after a reload
 * the first text the page shows is English (no German first); back to
 * Deutsch the same way. At 390 px, axe clean.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { createCase, setupAdmin } from '../helpers/apiClient.js'
import { startRelay } from '../helpers/startRelay.js'
import { axeFindings } from './axe.js'
import { builtClientDir, chromiumPath, launchChromium } from './browser.js'
import { byTestId, loginViaForm, newPerson, noSidewaysScroll } from './pages.js'

/** The script chunks the page itself loaded (the service worker's precache is not the page's). */
function loadedEnglishChunk(): boolean {
  return performance.getEntriesByType('resource').some((entry) => /\/assets\/english-[^/]*\.js$/.test(entry.name))
}

/** Chooses a language in the header (on a phone it sits in the menu). */
async function chooseLanguage(page: Page, language: string): Promise<void> {
  const menu = byTestId(page, 'header.menu')
  if ((await menu.isVisible()) && (await menu.getAttribute('aria-expanded')) !== 'true') {
    await menu.click()
  }
  await byTestId(page, 'header.language').selectOption(language)
}

describe.skipIf(chromiumPath === null)('UI languages (reason for skip: no Chromium here, see browser.ts)', () => {
  it('German starts without the English texts; English, once chosen, is the first thing shown after a reload', async () => {
    const relay = await startRelay({ clientDir: builtClientDir })
    const miriam = await setupAdmin(relay)
    await createCase(miriam, 'Kassenbereich Supermarkt')

    const browser = await launchChromium()
    const coach = await newPerson(browser, { viewport: { width: 390, height: 844 } })
    const page = coach.page
    // Records the first text the app renders into #root, before any later change replaces it.
    await page.addInitScript(() => {
      const record = (): void => {
        const root = document.getElementById('root')
        if (root === null) {
          return
        }
        new MutationObserver((_changes, observer) => {
          const text = root.innerText.trim()
          if (text !== '') {
            ;(window as unknown as { firstText: string }).firstText = text
            observer.disconnect()
          }
        }).observe(root, { childList: true, subtree: true, characterData: true })
      }
      document.addEventListener('DOMContentLoaded', record)
    })
    await loginViaForm(page, relay.url, miriam.user.email, miriam.password)

    // German: the start never asked for the English chunk.
    await expect.poll(() => byTestId(page, 'cases.list').innerText()).toContain('Kassenbereich Supermarkt')
    expect(await page.locator('body').innerText()).toContain('Neuer Fall')
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('de')
    expect(await page.evaluate(loadedEnglishChunk)).toBe(false)

    // English from the header: loaded on the choice, the page switches as a whole.
    await chooseLanguage(page, 'en')
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en')
    await expect.poll(() => page.locator('body').innerText()).toContain('New case')
    expect(await page.locator('body').innerText()).not.toContain('Neuer Fall')
    expect(await page.evaluate(loadedEnglishChunk)).toBe(true)
    expect(await axeFindings(page)).toEqual([])
    expect(await noSidewaysScroll(page)).toBe(true)

    // A reload starts in English: the first text rendered is already English.
    await page.reload()
    await expect.poll(() => page.locator('body').innerText()).toContain('New case')
    const firstText = await page.evaluate(() => (window as unknown as { firstText?: string }).firstText ?? '')
    expect(firstText).not.toBe('')
    expect(firstText).not.toMatch(/Wird geladen|Neuer Fall|Abmelden|Fälle/)
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en')

    // Back to Deutsch.
    await chooseLanguage(page, 'de')
    await expect.poll(() => page.locator('body').innerText()).toContain('Neuer Fall')
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('de')
    await coach.context.close()
  })
})
