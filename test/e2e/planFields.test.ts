/**
 * The plan's fields merge (issue 14): a colleague's correction survives
 * someone else focusing and leaving the field, two people typing in one goal
 * field both keep their words, and a removed goal comes back with Ctrl+Z or
 * the "Rückgängig" button — undoing only one's own changes.
 */
import type { Locator, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { createCase, createStaff, setupAdmin } from '../helpers/apiClient.js'
import { startRelay } from '../helpers/startRelay.js'
import { builtClientDir, chromiumPath, launchChromium } from './browser.js'
import { byTestId, twoOnThePlan, waitForSyncState } from './pages.js'

function goalField(page: Page, index: number, key: string): Locator {
  return byTestId(page, 'goal.item').nth(index).locator(`[data-testid="goal.${key}"]`)
}

describe.skipIf(chromiumPath === null)('plan fields that merge (reason for skip: no Chromium here, see browser.ts)', () => {
  it('focus and blur never write, concurrent typing keeps both texts, and undo brings back a removed goal', async () => {
    const relay = await startRelay({ clientDir: builtClientDir })
    const miriam = await setupAdmin(relay)
    const tobias = await createStaff(miriam)
    const kase = await createCase(miriam)
    expect((await miriam.client.request('POST', `/api/cases/${kase.id}/members`, { userId: tobias.user.id, role: 'coach' })).status).toBe(201)

    const browser = await launchChromium()
    const [m, t] = await twoOnThePlan(browser, relay.url, kase.id, miriam, tobias)

    // Miriam writes a first goal; Tobias sees it.
    await byTestId(m.page, 'plan.add-goal').click()
    await goalField(m.page, 0, 'title').fill('Kasse')
    await goalField(m.page, 0, 'specific').fill('Waren an der Kasse scannen')
    await expect.poll(() => goalField(t.page, 0, 'specific').inputValue()).toBe('Waren an der Kasse scannen')

    // Miriam clicks into the field; Tobias corrects it meanwhile; she leaves without typing.
    await goalField(m.page, 0, 'specific').click()
    await goalField(t.page, 0, 'specific').fill('Waren an der Kasse zügig und fehlerfrei scannen')
    const corrected = 'Waren an der Kasse zügig und fehlerfrei scannen'
    await expect.poll(() => goalField(m.page, 0, 'specific').inputValue()).toBe(corrected)
    // She sees that Tobias is in the field (he still has focus there).
    await expect.poll(() => byTestId(m.page, 'goal.specific-presence').first().innerText()).toBe('Tobias Brandt tippt hier')
    await goalField(m.page, 0, 'measurable').click()
    await m.page.keyboard.press('Tab')
    await waitForSyncState(m.page, 'synced')
    await expect.poll(() => goalField(t.page, 0, 'specific').inputValue()).toBe(corrected)
    expect(await goalField(m.page, 0, 'specific').inputValue()).toBe(corrected)
    await m.page.reload()
    await byTestId(m.page, 'goal.item').first().waitFor()
    await expect.poll(() => goalField(m.page, 0, 'specific').inputValue()).toBe(corrected)

    // Both type into one goal field at once: both texts are kept, on both pages.
    const mineM = 'Miriam: 18 Artikel pro Minute.'
    const mineT = 'Tobias: ohne Nachfragen. '
    await goalField(m.page, 0, 'measurable').fill('Tempo ')
    await expect.poll(() => goalField(t.page, 0, 'measurable').inputValue()).toBe('Tempo ')
    await goalField(m.page, 0, 'measurable').click()
    await m.page.keyboard.press('Control+End')
    await goalField(t.page, 0, 'measurable').click()
    await t.page.keyboard.press('Control+Home')
    await Promise.all([m.page.keyboard.type(mineM, { delay: 20 }), t.page.keyboard.type(mineT, { delay: 20 })])
    for (const page of [m.page, t.page]) {
      await expect.poll(() => goalField(page, 0, 'measurable').inputValue(), { timeout: 15_000 }).toBe(`${mineT}Tempo ${mineM}`)
    }

    // Undo is one's own: Miriam's Ctrl+Z takes back her typing, not Tobias's words.
    await goalField(m.page, 0, 'relevant').click()
    await m.page.keyboard.type('Für die Festanstellung.', { delay: 5 })
    await m.page.keyboard.press('Control+z')
    await expect.poll(() => goalField(m.page, 0, 'relevant').inputValue()).toBe('')
    expect(await goalField(m.page, 0, 'measurable').inputValue()).toContain(mineT)

    // A second goal; Miriam removes the first: a notice offers it back, Ctrl+Z does it.
    await byTestId(m.page, 'plan.add-goal').click()
    await goalField(m.page, 1, 'title').fill('Lager')
    await expect.poll(() => byTestId(t.page, 'goal.item').count()).toBe(2)
    await byTestId(m.page, 'goal.remove').first().click()
    const notice = byTestId(m.page, 'plan.removal')
    await expect.poll(() => notice.innerText()).toContain('Ziel 1 (Kasse) wurde entfernt.')
    expect(await notice.getAttribute('role')).toBe('status')
    await expect.poll(() => byTestId(t.page, 'goal.item').count()).toBe(1)
    await m.page.keyboard.press('Control+z')
    await expect.poll(() => byTestId(m.page, 'goal.item').count()).toBe(2)
    await expect.poll(() => goalField(t.page, 0, 'specific').inputValue()).toBe(corrected)
    expect(await goalField(t.page, 0, 'measurable').inputValue()).toBe(`${mineT}Tempo ${mineM}`)
    expect(await byTestId(m.page, 'plan.removal-undo').count()).toBe(0)

    // Again, and this time the button (after another edit in between).
    await byTestId(m.page, 'goal.remove').first().click()
    await goalField(m.page, 0, 'responsible').fill('Herr Demir')
    await byTestId(m.page, 'plan.removal-undo').click()
    await expect.poll(() => byTestId(t.page, 'goal.item').count()).toBe(2)
    await expect.poll(() => goalField(t.page, 0, 'title').inputValue()).toBe('Kasse')
    await expect.poll(() => goalField(t.page, 1, 'responsible').inputValue()).toBe('Herr Demir')
  })
})
