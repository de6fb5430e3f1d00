/**
 * A network that hangs ("lie-fi": a train, a basement): the browser thinks
 * it is online, but requests get no answer. The case page used to wait for
 * `GET /api/me` until the browser gave up on it, so a coach with the whole
 * case on the device saw "loading". Now the stored replies are shown after a
 * short wait (client/src/api/http.ts), the case opens from the local copy and
 * can be written in, and once the server answers again the page says so and
 * the words written meanwhile reach the server. The case list, shown from
 * this device's last copy, is fetched again then too.
 */
import type { BrowserContext, Route, WebSocketRoute } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { CaseSummary } from '../../shared/src/api/cases.js'
import { createCase, createStaff, setupAdmin, type LoggedIn } from '../helpers/apiClient.js'
import { startRelay, type TestRelay } from '../helpers/startRelay.js'
import { builtClientDir, chromiumPath, launchChromium, type TestBrowser } from './browser.js'
import { byTestId, editorText, loginViaForm, newPerson, openPhaseNotes, typeAtEnd, waitForServiceWorker, waitForSyncState } from './pages.js'

/** A relay, Chromium, the admin Miriam and the coach Tobias on a case she made (`title`). */
async function coachOnCase(title: string): Promise<{ relay: TestRelay; browser: TestBrowser; miriam: LoggedIn; tobias: LoggedIn; kase: CaseSummary }> {
  const relay = await startRelay({ clientDir: builtClientDir })
  const browser = await launchChromium()
  const miriam = await setupAdmin(relay)
  const tobias = await createStaff(miriam)
  const kase = await createCase(miriam, title)
  expect((await miriam.client.request('POST', `/api/cases/${kase.id}/members`, { userId: tobias.user.id, role: 'coach' })).status).toBe(201)
  return { relay, browser, miriam, tobias, kase }
}

/**
 * From the call on, nothing the context asks gets an answer: API requests
 * (and, with `sockets`, sync sockets) are held. `answer()` lets the held
 * requests through late, closes the held sockets and passes all later ones.
 */
async function holdNetwork(context: BrowserContext, { sockets = false } = {}): Promise<{ requests: Route[]; sockets: WebSocketRoute[]; answer(): Promise<void> }> {
  let answering = false
  const held = { requests: [] as Route[], sockets: [] as WebSocketRoute[] }
  await context.route('**/api/**', (route) => {
    if (answering) {
      void route.continue()
    } else {
      held.requests.push(route)
    }
  })
  if (sockets) {
    await context.routeWebSocket(/\/sync(\/|$)/, (socket) => {
      if (answering) {
        socket.connectToServer()
      } else {
        held.sockets.push(socket)
      }
    })
  }
  return {
    ...held,
    async answer() {
      answering = true
      for (const route of held.requests.splice(0)) {
        await route.continue()
      }
      for (const socket of held.sockets.splice(0)) {
        await socket.close()
      }
    },
  }
}

describe.skipIf(chromiumPath === null)('a network that hangs (reason for skip: no Chromium here, see browser.ts)', () => {
  it('opens the case from the device after a short wait, and catches up once the server answers', async () => {
    const { relay, browser, miriam, tobias, kase } = await coachOnCase('Bäckerei Sonnenkorn')
    try {
      const laptop = await newPerson(browser)
      await loginViaForm(laptop.page, relay.url, tobias.user.email, tobias.password)
      const editor = await openPhaseNotes(laptop.page, relay.url, kase.id, 'analysis')
      await waitForSyncState(laptop.page, 'synced')
      await typeAtEnd(laptop.page, editor, 'Erstgespräch in der Backstube geführt.')
      await waitForSyncState(laptop.page, 'synced')
      await waitForServiceWorker(laptop.page)

      // From here on nothing the page asks gets an answer: requests and sync sockets are held.
      const held = await holdNetwork(laptop.context, { sockets: true })

      const reloadedAt = Date.now()
      await laptop.page.reload()
      const reopened = byTestId(laptop.page, 'notes.editor.analysis')
      await expect.poll(() => editorText(reopened), { timeout: 20_000 }).toContain('Erstgespräch in der Backstube geführt.')
      const openedAfterMs = Date.now() - reloadedAt
      // One wait of 3 s for "who is logged in"; the case's own request then shows its stored reply at once.
      expect(openedAfterMs).toBeLessThan(10_000)
      expect(held.requests.map((route) => new URL(route.request().url()).pathname)).toContain('/api/me')
      expect(held.sockets.length).toBeGreaterThan(0)
      await expect.poll(() => byTestId(laptop.page, 'app.offline').isVisible()).toBe(true)

      await typeAtEnd(laptop.page, reopened, 'Im Zug ergänzt.')
      await waitForSyncState(laptop.page, 'unsynced')

      // The network answers again: the held requests get their (late) answers, the held sockets close.
      await held.answer()
      await expect.poll(() => byTestId(laptop.page, 'app.offline').isVisible(), { timeout: 20_000 }).toBe(false)
      await waitForSyncState(laptop.page, 'synced', 30_000)

      // Miriam, on her own device, reads what Tobias wrote on the train.
      const office = await newPerson(browser)
      await loginViaForm(office.page, relay.url, miriam.user.email, miriam.password)
      const hers = await openPhaseNotes(office.page, relay.url, kase.id, 'analysis')
      await expect.poll(() => editorText(hers), { timeout: 20_000 }).toContain('Im Zug ergänzt.')
      expect(await editorText(hers)).toContain('Erstgespräch in der Backstube geführt.')
    } finally {
      await browser.close()
      await relay.stop()
    }
  })

  it('shows the last case list after a short wait, and the current one once the server answers; a new case waits for the connection', async () => {
    const { relay, browser, miriam, tobias, kase: first } = await coachOnCase('Gärtnerei Lindenhof')
    try {
      const laptop = await newPerson(browser)
      await loginViaForm(laptop.page, relay.url, tobias.user.email, tobias.password)
      const caseIds = () => laptop.page.locator('[data-testid="cases.item"]').evaluateAll((items) => items.map((item) => item.getAttribute('data-case-id')))
      await expect.poll(caseIds).toEqual([first.id])
      await waitForServiceWorker(laptop.page)

      const held = await holdNetwork(laptop.context)
      // Meanwhile Miriam gives Tobias a second case.
      const second = await createCase(miriam, 'Kantine Hafenstraße')
      expect((await miriam.client.request('POST', `/api/cases/${second.id}/members`, { userId: tobias.user.id, role: 'coach' })).status).toBe(201)

      await laptop.page.reload()
      await expect.poll(caseIds, { timeout: 15_000 }).toEqual([first.id])
      await expect.poll(() => byTestId(laptop.page, 'app.offline').isVisible()).toBe(true)
      expect(held.requests.map((route) => new URL(route.request().url()).pathname)).toContain('/api/cases')
      // A new case is made only on the server: the form says so instead of sending into the void, and keeps what was typed.
      await byTestId(laptop.page, 'cases.create-title').fill('Bäckerei Sonnenschein')
      expect(await byTestId(laptop.page, 'cases.create-offline').isVisible()).toBe(true)
      expect(await byTestId(laptop.page, 'cases.create-submit').isDisabled()).toBe(true)

      await held.answer()
      await expect.poll(async () => (await caseIds()).sort(), { timeout: 20_000 }).toEqual([first.id, second.id].sort())
      await expect.poll(() => byTestId(laptop.page, 'app.offline').isVisible(), { timeout: 20_000 }).toBe(false)
      expect(await byTestId(laptop.page, 'cases.create-offline').count()).toBe(0)
      expect(await byTestId(laptop.page, 'cases.create-title').inputValue()).toBe('Bäckerei Sonnenschein')
      await byTestId(laptop.page, 'cases.create-submit').click()
      await laptop.page.waitForURL(/\/cases\/[^/]+$/)
    } finally {
      await browser.close()
      await relay.stop()
    }
  })
})
