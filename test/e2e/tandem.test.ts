/**
 * The tandem: two coaches in two browsers co-edit a phase note live, each
 * seeing the other's text and named caret; one of them loses the network,
 * keeps writing, reloads the page offline, comes back, and both end up with
 * the same note.
 */
import { describe, expect, it } from 'vitest'
import { createCase, createStaff, setupAdmin } from '../helpers/apiClient.js'
import { startRelay } from '../helpers/startRelay.js'
import { startTcpProxy } from '../helpers/tcpProxy.js'
import { builtClientDir, chromiumPath, launchChromium } from './browser.js'
import {
  byTestId,
  editorText,
  loginViaForm,
  newPerson,
  openPhaseNotes,
  syncState,
  typeAtEnd,
  waitForServiceWorker,
  waitForSyncState,
} from './pages.js'

describe.skipIf(chromiumPath === null)('tandem co-editing (reason for skip: no Chromium here, see browser.ts)', () => {
  it('two coaches see each other live, and an offline coach converges after a reload offline', async () => {
    const relay = await startRelay({ clientDir: builtClientDir })
    const miriam = await setupAdmin(relay)
    const tobias = await createStaff(miriam)
    const kase = await createCase(miriam)
    const added = await miriam.client.request('POST', `/api/cases/${kase.id}/members`, { userId: tobias.user.id, role: 'coach' })
    expect(added.status).toBe(201)

    // Tobias reaches the relay through a link we can cut: a real network loss
    // for his page, his service worker and his websockets alike.
    const tobiasLink = await startTcpProxy(relay.port)
    const browser = await launchChromium()
    const a = await newPerson(browser)
    const b = await newPerson(browser)
    await loginViaForm(a.page, relay.url, miriam.user.email, miriam.password)
    await loginViaForm(b.page, tobiasLink.url, tobias.user.email, tobias.password)
    const editorA = await openPhaseNotes(a.page, relay.url, kase.id, 'intervention')
    const editorB = await openPhaseNotes(b.page, tobiasLink.url, kase.id, 'intervention')
    await waitForSyncState(a.page, 'synced')
    await waitForSyncState(b.page, 'synced')

    // Live: each sees the other's words and the other's name at the caret.
    await typeAtEnd(a.page, editorA, 'Checkliste für die Kassenabrechnung erstellt. ')
    await expect.poll(() => editorB.innerText()).toContain('Checkliste für die Kassenabrechnung erstellt.')
    await typeAtEnd(b.page, editorB, 'Check-in mit Herrn Demir eingeführt. ')
    await expect.poll(() => editorA.innerText()).toContain('Check-in mit Herrn Demir eingeführt.')
    await expect.poll(() => editorA.locator('.collaboration-carets__label').allInnerTexts()).toContain('Tobias Brandt')
    await typeAtEnd(a.page, editorA, 'Feedback-Gespräch geplant. ')
    await expect.poll(() => editorB.locator('.collaboration-carets__label').allInnerTexts()).toContain('Miriam Roth')
    // Each wrote at the note's end, so it reads in the order it was written, for both.
    const live = 'Checkliste für die Kassenabrechnung erstellt. Check-in mit Herrn Demir eingeführt. Feedback-Gespräch geplant.'
    await expect.poll(() => editorText(editorB), { timeout: 10_000 }).toContain(live)
    await expect.poll(() => editorText(editorA), { timeout: 10_000 }).toContain(live)

    // Tobias goes offline and keeps writing; the header says the server has
    // not seen his changes.
    await waitForServiceWorker(b.page)
    await waitForSyncState(b.page, 'synced')
    tobiasLink.disconnect()
    await b.context.setOffline(true)
    await typeAtEnd(b.page, editorB, 'Offline notiert: Pausenregelung besprochen. ')
    await waitForSyncState(b.page, 'unsynced')

    // He reloads the page offline: the app and the case still open, with his note.
    await b.page.reload()
    const editorBAfterReload = byTestId(b.page, 'notes.editor.intervention')
    await byTestId(b.page, 'case.tab.notes').click()
    await expect.poll(() => editorBAfterReload.innerText()).toContain('Offline notiert: Pausenregelung besprochen.')
    expect(await syncState(b.page)).toBe('unsynced')
    await typeAtEnd(b.page, editorBAfterReload, 'Nach dem Neuladen weitergeschrieben. ')

    // Meanwhile Miriam keeps working online.
    await typeAtEnd(a.page, editorA, 'Online ergänzt: Termin mit Frau Lange. ')
    await expect.poll(() => editorBAfterReload.innerText()).not.toContain('Termin mit Frau Lange')

    // Back online: both converge on the same note, and the header says so.
    await b.context.setOffline(false)
    tobiasLink.connect()
    await waitForSyncState(b.page, 'synced', 30_000)
    for (const text of ['Offline notiert', 'Nach dem Neuladen weitergeschrieben', 'Termin mit Frau Lange', 'Checkliste']) {
      await expect.poll(() => editorA.innerText(), { timeout: 20_000 }).toContain(text)
      await expect.poll(() => editorBAfterReload.innerText(), { timeout: 20_000 }).toContain(text)
    }
    await expect.poll(async () => (await editorText(editorA)) === (await editorText(editorBAfterReload))).toBe(true)

    // What the server holds is the converged note too: a third browser sees it.
    const c = await newPerson(browser)
    await loginViaForm(c.page, relay.url, miriam.user.email, miriam.password)
    const editorC = await openPhaseNotes(c.page, relay.url, kase.id, 'intervention')
    await expect.poll(() => editorText(editorC)).toBe(await editorText(editorA))
  })
})
