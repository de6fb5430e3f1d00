/**
 * The device's local copy of a case (issue 21, point 3): a coach's many
 * separate edits are kept as one compacted snapshot (not one record per
 * keystroke), the compacted copy still opens offline with everything in it,
 * and it is still deleted when the coach's access to the case ends (4403).
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { createCase, createStaff, setupAdmin } from '../helpers/apiClient.js'
import { startRelay } from '../helpers/startRelay.js'
import { builtClientDir, chromiumPath, launchChromium } from './browser.js'
import { byTestId, indexedDbNames, loginViaForm, newPerson, openPhaseNotes, roomDatabase, typeAtEnd, waitForServiceWorker, waitForSyncState } from './pages.js'

/** Records in one IndexedDB database of the page's origin. */
function recordCount(page: Page, name: string): Promise<number> {
  return page.evaluate(
    (dbName) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open(dbName)
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const db = open.result
          const count = db.transaction(['updates'], 'readonly').objectStore('updates').count()
          count.onsuccess = () => {
            db.close()
            resolve(count.result)
          }
          count.onerror = () => reject(count.error)
        }
      }),
    name,
  )
}

describe.skipIf(chromiumPath === null)('the local copy in the browser (reason for skip: no Chromium here, see browser.ts)', () => {
  it('many edits leave a compacted copy that opens offline, and it is deleted when the access ends', async () => {
    const relay = await startRelay({ clientDir: builtClientDir })
    const browser = await launchChromium()
    try {
      const miriam = await setupAdmin(relay)
      const tobias = await createStaff(miriam)
      const kase = await createCase(miriam, 'Lagerlogistik Nordhafen')
      const added = await miriam.client.request<{ member: { id: string } }>('POST', `/api/cases/${kase.id}/members`, { userId: tobias.user.id, role: 'coach' })
      expect(added.status).toBe(201)

      const laptop = await newPerson(browser)
      await loginViaForm(laptop.page, relay.url, tobias.user.email, tobias.password)
      const editor = await openPhaseNotes(laptop.page, relay.url, kase.id, 'analysis')
      await waitForSyncState(laptop.page, 'synced')
      await waitForServiceWorker(laptop.page)

      // Words typed far enough apart to be changes of their own, until the
      // copy was compacted (its record count fell after it had grown).
      const words = 'Arbeitsplatzbegehung mit Frau Lange: Ablauf der Kommissionierung, Pausen, Ansprechpartner im Lager.'.split(' ')
      const notesDb = roomDatabase(tobias.user.id, `cases/${kase.id}/notes`)
      await editor.click()
      await laptop.page.keyboard.press('Control+End')
      let most = 0
      let now = 0
      for (let i = 0; i < 800 && !(most > 50 && now < most / 4); i++) {
        await laptop.page.keyboard.type(`${words[i % words.length]!} `)
        await laptop.page.waitForTimeout(80)
        if (i % 10 === 9) {
          now = await recordCount(laptop.page, notesDb)
          most = Math.max(most, now)
        }
      }
      // The copy grew record by record, then became a snapshot with a short tail.
      expect(most).toBeGreaterThan(50)
      expect(now).toBeLessThan(most / 4)
      await waitForSyncState(laptop.page, 'synced')

      // Offline, the reloaded page opens the case from the compacted copy.
      await laptop.context.setOffline(true)
      await laptop.page.reload()
      await byTestId(laptop.page, 'case.tab.notes').click()
      const editorAfterReload = byTestId(laptop.page, 'notes.editor.analysis')
      await expect.poll(() => editorAfterReload.innerText(), { timeout: 30_000 }).toContain('Arbeitsplatzbegehung mit Frau Lange: Ablauf der Kommissionierung')
      await typeAtEnd(laptop.page, editorAfterReload, 'Offline ergänzt.')
      await waitForSyncState(laptop.page, 'unsynced')

      // Back online: the offline words reach the server.
      await laptop.context.setOffline(false)
      await waitForSyncState(laptop.page, 'synced', 30_000)

      // Tobias leaves the case: his open page hears 4403 and the copies go.
      expect((await miriam.client.request('DELETE', `/api/cases/${kase.id}/members/${added.body.member.id}`)).status).toBe(204)
      await expect
        .poll(async () => (await indexedDbNames(laptop.page)).filter((name) => name.includes(`cases/${kase.id}/`)), { timeout: 30_000 })
        .toEqual([])
    } finally {
      await browser.close()
      await relay.stop()
    }
  })
})
