/**
 * A long phase note (a year of a case: hundreds of paragraphs) is written
 * at its end, its start and after paging with the keyboard as a short one is. Its blocks are
 * laid out only where seen (CSS `content-visibility: auto`, issue 21), and
 * with that Chromium's own Ctrl+End put the caret before the last paragraph
 * and the typed letters came out of order ("YZX…"); the editor moves the
 * caret itself (client/src/editor/longText.ts).
 */
import type { Locator } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { createCase, setupAdmin } from '../helpers/apiClient.js'
import { startRelay } from '../helpers/startRelay.js'
import { builtClientDir, chromiumPath, launchChromium } from './browser.js'
import { loginViaForm, newPerson, openPhaseNotes, typeAtEnd, waitForSyncState } from './pages.js'

const Paragraphs = 300

/** Whether the note's last paragraph is shown inside the window. */
function lastParagraphInWindow(editor: Locator): Promise<boolean> {
  return editor.evaluate((element) => {
    const box = element.lastElementChild?.getBoundingClientRect()
    return box !== undefined && box.top >= 0 && box.bottom <= window.innerHeight
  })
}

describe.skipIf(chromiumPath === null)('a long phase note (reason for skip: no Chromium here, see browser.ts)', () => {
  it('takes Ctrl+End and typing at its end, in order, on a desktop and on a phone', async () => {
    const relay = await startRelay({ clientDir: builtClientDir })
    const coach = await setupAdmin(relay)
    const kase = await createCase(coach)
    const browser = await launchChromium()
    try {
      for (const viewport of [
        { width: 1280, height: 900 },
        { width: 390, height: 844 },
      ]) {
        const { context, page } = await newPerson(browser, { viewport })
        await loginViaForm(page, relay.url, coach.user.email, coach.password)
        const editor = await openPhaseNotes(page, relay.url, kase.id, 'analysis')
        await waitForSyncState(page, 'synced')
        if (viewport.width === 1280) {
          // The note's year of paragraphs, written through the editor (tiptap keeps itself on its element).
          await editor.evaluate((element, count) => {
            const html = Array.from({ length: count }, (_, i) => `<p>Absatz ${i + 1}: Kassenabschluss geübt, Wechselgeld stimmt meist.</p>`).join('')
            ;(element as unknown as { editor: { commands: { setContent(content: string): void } } }).editor.commands.setContent(html)
          }, Paragraphs)
          await waitForSyncState(page, 'synced')
        }
        await expect.poll(() => editor.locator('p').count()).toBeGreaterThanOrEqual(Paragraphs)
        // The long-text layout is on, so this is the case that went wrong.
        await expect(editor.evaluate((element) => getComputedStyle(element.firstElementChild!).contentVisibility)).resolves.toBe('auto')

        const typed = viewport.width === 1280 ? ' Ende am Schreibtisch.' : ' Ende am Telefon.'
        await typeAtEnd(page, editor, typed)
        await expect.poll(() => editor.evaluate((element) => element.lastElementChild?.textContent ?? '')).toMatch(new RegExp(`${typed.trim()}$`))
        // Nothing of it landed elsewhere.
        await expect(editor.evaluate((element, words) => element.textContent?.split(words).length, typed.trim())).resolves.toBe(2)
        // The caret at the end is in the window: typing on leaves the page where it is
        // (the editor answers ProseMirror's scroll itself then, caretInView.ts).
        await expect.poll(() => lastParagraphInWindow(editor)).toBe(true)
        const scrolledTo = await page.evaluate(() => window.scrollY)
        await page.keyboard.type(' Weiter.', { delay: 5 })
        await expect.poll(() => editor.evaluate((element) => element.lastElementChild?.textContent ?? '')).toMatch(/Weiter\.$/)
        await expect(page.evaluate(() => window.scrollY)).resolves.toBe(scrolledTo)

        // Ctrl+Home: back to the first paragraph's start, wherever the view is.
        const start = viewport.width === 1280 ? 'Anfang. ' : 'Vorne. '
        await page.keyboard.press('Control+Home')
        await page.keyboard.type(start, { delay: 5 })
        await expect.poll(() => editor.evaluate((element) => element.firstElementChild?.textContent ?? '')).toMatch(new RegExp(`^${start}`))
        await expect.poll(() => editor.evaluate((element) => element.getBoundingClientRect().top)).toBeGreaterThan(-50)
        // Ctrl+End from there: ProseMirror's own scroll brings the far end into the window.
        await page.keyboard.press('Control+End')
        await expect.poll(() => lastParagraphInWindow(editor)).toBe(true)

        // Paging up from the end (the browser's own move) lands in laid-out text and types in order.
        const middle = viewport.width === 1280 ? 'Mitte am Schreibtisch. ' : 'Mitte am Telefon. '
        await page.keyboard.press('Control+End')
        for (let i = 0; i < 3; i += 1) {
          await page.keyboard.press('PageUp')
        }
        await page.keyboard.type(middle, { delay: 5 })
        await expect.poll(() => editor.evaluate((element, words) => element.textContent?.split(words).length, middle.trim())).toBe(2)
        await context.close()
      }
    } finally {
      await browser.close()
      await relay.stop()
    }
  })
})
