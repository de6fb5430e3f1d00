/**
 * Client resilience: a coach's local copy of a case turns corrupt (garbage in
 * y-indexeddb's `updates` store). After a reload the case says so instead of
 * loading forever, and "Vom Server wiederherstellen" first downloads what
 * this device held, then deletes the local copy and loads the notes from the
 * server, with the coach's earlier text.
 */
import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createCase, setupAdmin } from '../helpers/apiClient.js'
import { startRelay } from '../helpers/startRelay.js'
import { builtClientDir, chromiumPath, launchChromium } from './browser.js'
import { byTestId, loginViaForm, newPerson, openPhaseNotes, typeAtEnd, waitForSyncState } from './pages.js'

describe.skipIf(chromiumPath === null)('a corrupt local copy (reason for skip: no Chromium here, see browser.ts)', () => {
  it('is reported after a reload and recovered from the server after exporting it', async () => {
    const relay = await startRelay({ clientDir: builtClientDir })
    const miriam = await setupAdmin(relay)
    const kase = await createCase(miriam)
    const browser = await launchChromium()
    const { page } = await newPerson(browser)
    await loginViaForm(page, relay.url, miriam.user.email, miriam.password)

    // The coach writes; the server has it, and so has the local copy.
    const editor = await openPhaseNotes(page, relay.url, kase.id, 'intervention')
    await waitForSyncState(page, 'synced')
    await typeAtEnd(page, editor, 'Bewerbungstraining vereinbart. ')
    await waitForSyncState(page, 'synced')

    // Garbage bytes land in the room's y-indexeddb database.
    const databaseName = `fallbuch:${miriam.user.id}:cases/${kase.id}/notes`
    const hadDatabase = await page.evaluate(async (name) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name)
        request.onsuccess = () => resolve(request.result)
        request.onerror = () => reject(request.error ?? new Error('open failed'))
      })
      const found = db.objectStoreNames.contains('updates')
      if (found) {
        const transaction = db.transaction(['updates'], 'readwrite')
        transaction.objectStore('updates').add(new TextEncoder().encode('garbage: kein Yjs-Update'))
        await new Promise<void>((resolve, reject) => {
          transaction.oncomplete = () => resolve()
          transaction.onerror = () => reject(transaction.error ?? new Error('write failed'))
        })
      }
      db.close()
      return found
    }, databaseName)
    expect(hadDatabase).toBe(true)

    // After a reload the case says the local copy is broken.
    await page.reload()
    await byTestId(page, 'case.tab.notes').click()
    const problem = page.locator('[data-testid="case.local-problem"][data-reason="corrupt"]')
    await problem.waitFor()
    expect(await problem.getAttribute('role')).toBe('alert')
    expect(await problem.innerText()).toContain('Support')

    // Recovering downloads the device's state first, then loads from the server.
    const [download] = await Promise.all([page.waitForEvent('download'), byTestId(page, 'case.local-recover').click()])
    expect(download.suggestedFilename()).toMatch(new RegExp(`^Fallbuch-cases-${kase.id}-notes-lokale-Aenderungen-\\d{4}-\\d{2}-\\d{2}\\.yjs$`))
    const exported = new Y.Doc()
    Y.applyUpdate(exported, new Uint8Array(await readFile(await download.path())))
    expect(exported.getXmlFragment('phase:intervention').toString()).toContain('Bewerbungstraining vereinbart.')

    const recovered = byTestId(page, 'notes.editor.intervention')
    await expect.poll(() => recovered.innerText(), { timeout: 20_000 }).toContain('Bewerbungstraining vereinbart.')
    await waitForSyncState(page, 'synced')
    expect(await byTestId(page, 'case.local-problem').count()).toBe(0)
    expect(await page.evaluate((key) => localStorage.getItem(key) !== null, `fallbuch:export:${miriam.user.id}:cases/${kase.id}/notes`)).toBe(true)
  })
})
