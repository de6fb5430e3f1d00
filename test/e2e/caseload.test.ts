/**
 * A coach's start page with many cases: grouped by phase with hours used,
 * the caseload against the guideline ratio, background sync of the cases
 * kept offline a few at a time (never a socket per room of every case), and
 * the list from local data when the network is gone.
 */
import { describe, expect, it } from 'vitest'
import { addHoursEntry } from '../../shared/src/caseDocument/notes.js'
import { setPlanMetaField } from '../../shared/src/caseDocument/plan.js'
import { createCase, setupAdmin } from '../helpers/apiClient.js'
import { startRelay } from '../helpers/startRelay.js'
import { until } from '../helpers/until.js'
import { connectProvider } from '../integration/support/syncClients.js'
import { builtClientDir, chromiumPath, launchChromium } from './browser.js'
import { byTestId, loginViaForm, newPerson, waitForServiceWorker } from './pages.js'

describe.skipIf(chromiumPath === null)('caseload start page (reason for skip: no Chromium here, see browser.ts)', () => {
  it('groups cases by phase, shows hours and the caseload ratio, and syncs in the background with few sockets', async () => {
    const relay = await startRelay({ clientDir: builtClientDir })
    const miriam = await setupAdmin(relay)
    const cases = []
    for (let i = 1; i <= 7; i += 1) {
      cases.push(await createCase(miriam, `Fall ${i}`))
    }
    // Six retention cases (guideline 6) and one placement case (guideline 5):
    // neither type alone is over, but together 6/6 + 1/5 is.
    expect((await miriam.client.request('PATCH', `/api/cases/${cases[0]!.id}`, { type: 'placement' })).status).toBe(200)
    // One case is in the intervention phase with 3.5 hours logged.
    const busy = cases[1]!
    const plan = await connectProvider(relay.wsUrl, `cases/${busy.id}/plan`, miriam.client.cookie)
    const notes = await connectProvider(relay.wsUrl, `cases/${busy.id}/notes`, miriam.client.cookie)
    plan.doc.transact(() => {
      setPlanMetaField(plan.doc, 'currentPhase', 'intervention')
      setPlanMetaField(plan.doc, 'hoursBudget', 40)
    })
    addHoursEntry(notes.doc, { id: 'h1', date: '2026-04-02', hours: 3.5, activity: 'Arbeitsplatzbesuch', coachId: miriam.user.id })
    await until(() => plan.provider.synced && notes.provider.synced)

    const browser = await launchChromium()
    const { context, page } = await newPerson(browser)
    // Count the page's open websockets: a socket per room of every case would be 14; the
    // background sync keeps two cases (plan + notes each) open at a time.
    await page.addInitScript(() => {
      const Native = window.WebSocket
      const counts = { live: 0, peak: 0 }
      Object.assign(window, { socketCounts: counts })
      // A socket counts until the page closes it or it closes (not through its closing handshake).
      window.WebSocket = class extends Native {
        private counted = true
        constructor(url: string | URL, protocols?: string | string[]) {
          super(url, protocols)
          counts.live += 1
          counts.peak = Math.max(counts.peak, counts.live)
          this.addEventListener('close', () => this.uncount())
        }
        override close(code?: number, reason?: string): void {
          this.uncount()
          super.close(code, reason)
        }
        private uncount(): void {
          if (this.counted) {
            this.counted = false
            counts.live -= 1
          }
        }
      } as typeof WebSocket
    })
    await loginViaForm(page, relay.url, miriam.user.email, miriam.password)

    // Background sync runs through every case, a few at a time.
    await page.waitForFunction(() => document.querySelector('[data-testid="cases.sync-status"]')?.getAttribute('data-state') === 'idle', undefined, {
      timeout: 60_000,
    })
    const peak = await page.evaluate(() => (window as unknown as { socketCounts: { peak: number } }).socketCounts.peak)
    expect(peak).toBeGreaterThan(0)
    expect(peak).toBeLessThanOrEqual(4)

    // The caseload counts the cases this device has read.
    await expect.poll(() => byTestId(page, 'caseload.summary').getAttribute('data-over')).toBe('true')
    expect(await byTestId(page, 'caseload.retention').innerText()).toMatch(/6\D+6/)
    expect(await byTestId(page, 'caseload.retention').getAttribute('data-over')).toBe('false')
    expect(await byTestId(page, 'caseload.placement').innerText()).toMatch(/1\D+5/)
    expect(await byTestId(page, 'caseload.placement').getAttribute('data-over')).toBe('false')

    const intervention = page.locator('[data-testid="cases.phase-group"][data-phase="intervention"]')
    await expect.poll(() => intervention.locator('[data-testid="cases.item"]').count()).toBe(1)
    expect(await intervention.locator('[data-testid="cases.item"]').getAttribute('data-case-id')).toBe(busy.id)
    expect(await intervention.locator('[data-testid="cases.hours"]').innerText()).toMatch(/3[,.]5/)
    const lastSynced = await byTestId(page, 'cases.last-synced').allInnerTexts()
    expect(lastSynced).toHaveLength(7)

    // Offline, the list still opens from what this device holds (once the
    // app is installed: the service worker precaches every screen's chunk).
    await waitForServiceWorker(page)
    await context.setOffline(true)
    await page.reload()
    await expect.poll(() => intervention.locator('[data-testid="cases.item"]').count()).toBe(1)
    expect(await byTestId(page, 'cases.item').count()).toBe(7)

    // A screen loaded on first use (its own chunk) opens offline too, from
    // the worker's precache, and says it cannot reach the server.
    await page.goto(`${relay.url}/settings`)
    await expect.poll(() => page.getByRole('heading', { name: 'E-Mail-Erinnerungen' }).count()).toBe(1)
    expect(await byTestId(page, 'app.screenFailed').count()).toBe(0)
  })
})
