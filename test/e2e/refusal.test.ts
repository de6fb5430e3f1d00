/**
 * A refused change in the browser (issue 14, point 1 and 4): a device whose
 * copy of the plan holds what the server refuses — an older app's v1-shaped
 * write, or an employer's change outside the fields they may edit — is told
 * so in German, keeps its own changes (downloaded as a file, and a copy in
 * localStorage) and reloads into the current version; the other people in
 * the plan see none of it and keep working.
 *
 * The refused changes are written into the device's IndexedDB copy, as an
 * older app (or a hand-made update in page context) would have left them,
 * and sent by the app itself when the page loads.
 */
import { readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addGoal, emptyGoal, findGoalMap, goalText, planMetaText } from '../../shared/src/caseDocument/plan.js'
import { createCase, createStaff, inviteAndAccept, setupAdmin } from '../helpers/apiClient.js'
import { startRelay } from '../helpers/startRelay.js'
import { until } from '../helpers/until.js'
import { connectProvider, storedDoc } from '../integration/support/syncClients.js'
import { axeFindings } from './axe.js'
import { builtClientDir, chromiumPath, launchChromium } from './browser.js'
import { byTestId, explainFailure, roomDatabase, twoOnThePlan, waitForSyncState } from './pages.js'

/**
 * Adds a change to a room's IndexedDB copy in the page: reads the stored
 * updates, makes `change` on top of them in a Y.Doc of its own (a client id
 * of its own, as another app install would have), and stores the result.
 */
async function changeLocalCopy(page: Page, database: string, change: (doc: Y.Doc) => void): Promise<void> {
  const stored = await page.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name)
      request.onsuccess = () => resolve(request.result)
      request.onerror = () => reject(request.error ?? new Error('open failed'))
    })
    const values = await new Promise<unknown[]>((resolve, reject) => {
      const request = db.transaction(['updates'], 'readonly').objectStore('updates').getAll()
      request.onsuccess = () => resolve(request.result as unknown[])
      request.onerror = () => reject(request.error ?? new Error('read failed'))
    })
    db.close()
    return values.map((value) => Array.from(value as Uint8Array))
  }, database)
  expect(stored.length).toBeGreaterThan(0)
  const doc = new Y.Doc()
  for (const update of stored) {
    Y.applyUpdate(doc, new Uint8Array(update))
  }
  const before = Y.encodeStateVector(doc)
  doc.transact(() => change(doc))
  const update = Array.from(Y.encodeStateAsUpdate(doc, before))
  await page.evaluate(
    async ([name, bytes]) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name)
        request.onsuccess = () => resolve(request.result)
        request.onerror = () => reject(request.error ?? new Error('open failed'))
      })
      const transaction = db.transaction(['updates'], 'readwrite')
      transaction.objectStore('updates').add(new Uint8Array(bytes))
      await new Promise<void>((resolve, reject) => {
        transaction.oncomplete = () => resolve()
        transaction.onerror = () => reject(transaction.error ?? new Error('write failed'))
      })
      db.close()
    },
    [database, update] as const,
  )
}

/** The refusal's message on a page: German, an alert, with the way out. */
async function expectRefusal(page: Page, what: string): Promise<void> {
  const problem = page.locator('[data-testid="case.local-problem"][data-reason="refused"]')
  await explainFailure(page, what, () => problem.waitFor({ timeout: 30_000 }))
  expect(await problem.getAttribute('role')).toBe('alert')
  const text = await problem.innerText()
  expect(text).toContain('Der Server hat eine Änderung von diesem Gerät abgelehnt')
  expect(text).toContain('gehen nicht verloren')
  expect(text).toContain('der Stand dieses Geräts, mit der abgelehnten Änderung')
  expect(await byTestId(page, 'case.local-recover').innerText()).toBe('Sichern und neu laden')
  // The header says so too, not "offline".
  await waitForSyncState(page, 'refused')
  expect(await byTestId(page, 'sync.state').innerText()).toBe('Änderung vom Server abgelehnt')
  // One way out: the document's own problem message offers no second one, and no "read-only" notice competes.
  expect(await byTestId(page, 'case.local-recover').count()).toBe(1)
  expect(await byTestId(page, 'plan.readonly-notice').count()).toBe(0)
}

/** Saves and reloads; resolves with the downloaded file as a Y.Doc once the page shows the plan again. */
async function saveAndReload(page: Page): Promise<Y.Doc> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.waitForEvent('load'), byTestId(page, 'case.local-recover').click()])
  const saved = new Y.Doc()
  Y.applyUpdate(saved, new Uint8Array(await readFile(await download.path())))
  await byTestId(page, 'plan.editor').waitFor()
  await waitForSyncState(page, 'synced')
  expect(await page.locator('[data-testid="case.local-problem"]').count()).toBe(0)
  return saved
}

describe.skipIf(chromiumPath === null)('a refused change (reason for skip: no Chromium here, see browser.ts)', () => {
  it('an older app’s v1 write: the coach is told, keeps her changes as a file, reloads into the current plan; her colleague works on', async () => {
    const relay = await startRelay({ clientDir: builtClientDir })
    const miriam = await setupAdmin(relay)
    const tobias = await createStaff(miriam)
    const kase = await createCase(miriam)
    expect((await miriam.client.request('POST', `/api/cases/${kase.id}/members`, { userId: tobias.user.id, role: 'coach' })).status).toBe(201)
    const room = `cases/${kase.id}/plan`
    const { doc: seed, provider } = await connectProvider(relay.wsUrl, room, miriam.client.cookie)
    addGoal(seed, { ...emptyGoal('goal-1'), title: 'Kasse selbstständig bedienen', specific: 'Waren scannen' })
    await until(() => findGoalMap(storedDoc(relay.dataDir, room), 'goal-1') !== undefined, { message: 'the goal to be stored' })
    provider.destroy()

    const browser = await launchChromium()
    const [m, t] = await twoOnThePlan(browser, relay.url, kase.id, miriam, tobias)

    // Miriam's copy holds her unsent words in a goal and the goal's title as
    // the v1 app wrote it: a plain string where the plan keeps a Y.Text.
    await changeLocalCopy(m.page, roomDatabase(miriam.user.id, room), (doc) => {
      const goal = findGoalMap(doc, 'goal-1')
      const specific = goal && goalText(goal, 'specific')
      specific?.insert(specific.length, ' – vor Ort mit Frau Kaya besprochen')
      goal?.set('title', 'Kasse (ältere App)')
    })
    await m.page.reload()
    await expectRefusal(m.page, 'v1 write refused')
    await m.page.screenshot({ path: join(tmpdir(), 'fallbuch-e2e-refused-1280.png'), fullPage: true })
    expect(await axeFindings(m.page)).toEqual([])
    await m.page.setViewportSize({ width: 390, height: 844 })
    expect(await m.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    await m.page.screenshot({ path: join(tmpdir(), 'fallbuch-e2e-refused-390.png'), fullPage: true })
    expect(await axeFindings(m.page)).toEqual([])
    await m.page.setViewportSize({ width: 1280, height: 800 })
    // Kept on the device at once, before any choice.
    expect(await m.page.evaluate((key) => localStorage.getItem(key) !== null, `fallbuch:export:${miriam.user.id}:${room}`)).toBe(true)

    // Nothing of it reached the server or Tobias; he keeps typing, and it is stored.
    const stored = findGoalMap(storedDoc(relay.dataDir, room), 'goal-1')
    expect(stored && goalText(stored, 'title')?.toString()).toBe('Kasse selbstständig bedienen')
    expect(stored && goalText(stored, 'specific')?.toString()).toBe('Waren scannen')
    const tobiasSpecific = byTestId(t.page, 'goal.item').first().locator('[data-testid="goal.specific"]')
    await tobiasSpecific.click()
    await t.page.keyboard.press('End')
    await t.page.keyboard.type(' und bezahlen lassen', { delay: 10 })
    await waitForSyncState(t.page, 'synced')
    expect(await byTestId(t.page, 'case.local-problem').count()).toBe(0)
    expect(await byTestId(t.page, 'goal.item').first().locator('[data-testid="goal.title"]').inputValue()).toBe('Kasse selbstständig bedienen')
    await until(() => goalText(findGoalMap(storedDoc(relay.dataDir, room), 'goal-1') ?? new Y.Map(), 'specific')?.toString() === 'Waren scannen und bezahlen lassen', {
      message: "Tobias's words to be stored",
    })

    // Miriam saves and reloads: the file holds her words (and the refused
    // write); the page shows the plan as the server has it, Tobias's words
    // included, and she can write again.
    const saved = await saveAndReload(m.page)
    const savedGoal = findGoalMap(saved, 'goal-1')
    expect(savedGoal && goalText(savedGoal, 'specific')?.toString()).toBe('Waren scannen – vor Ort mit Frau Kaya besprochen')
    const mine = byTestId(m.page, 'goal.item').first()
    await expect.poll(() => mine.locator('[data-testid="goal.specific"]').inputValue()).toBe('Waren scannen und bezahlen lassen')
    expect(await mine.locator('[data-testid="goal.title"]').inputValue()).toBe('Kasse selbstständig bedienen')
    expect(await byTestId(m.page, 'plan.editor').getAttribute('data-writable')).toBe('true')
    await mine.locator('[data-testid="goal.measurable"]').fill('20 Kunden in der Stunde')
    await waitForSyncState(m.page, 'synced')
    await expect.poll(() => byTestId(t.page, 'goal.item').first().locator('[data-testid="goal.measurable"]').inputValue()).toBe('20 Kunden in der Stunde')
    await browser.close()
  })

  it('an employer’s change outside the fields they may edit: refused for them alone, the coach sees nothing of it', async () => {
    const relay = await startRelay({ clientDir: builtClientDir })
    const miriam = await setupAdmin(relay)
    const kase = await createCase(miriam, 'Kasse Frischmarkt')
    const petra = await inviteAndAccept(miriam, kase.id, 'employer', { name: 'Petra Lange', email: 'petra.lange@frischmarkt.example' })
    expect((await miriam.client.request('PATCH', `/api/cases/${kase.id}`, { employerCanEdit: true })).status).toBe(200)
    const room = `cases/${kase.id}/plan`

    const browser = await launchChromium()
    const [m, p] = await twoOnThePlan(browser, relay.url, kase.id, miriam, petra)
    await byTestId(p.page, 'plan.coedit-notice').waitFor()

    // The case's title comes from the funding body's approval: an employer may not change it (contract §8.2).
    await changeLocalCopy(p.page, roomDatabase(petra.user.id, room), (doc) => {
      planMetaText(doc, 'title')?.insert(0, 'Eilig: ')
    })
    await p.page.reload()
    await expectRefusal(p.page, 'employer title refused')
    await p.page.screenshot({ path: join(tmpdir(), 'fallbuch-e2e-refused-employer.png'), fullPage: true })
    expect(await axeFindings(p.page)).toEqual([])

    expect(planMetaText(storedDoc(relay.dataDir, room), 'title')?.toString()).toBe('Kasse Frischmarkt')
    expect(await byTestId(m.page, 'plan.title').inputValue()).toBe('Kasse Frischmarkt')
    await byTestId(m.page, 'plan.add-goal').click()
    await byTestId(m.page, 'goal.item').first().locator('[data-testid="goal.title"]').fill('Regale auffüllen')
    await waitForSyncState(m.page, 'synced')
    expect(await byTestId(m.page, 'case.local-problem').count()).toBe(0)

    await saveAndReload(p.page)
    await expect.poll(() => byTestId(p.page, 'goal.item').first().locator('[data-testid="goal.title"]').inputValue()).toBe('Regale auffüllen')
    expect(await byTestId(p.page, 'plan.fixed.title').innerText()).toBe('Kasse Frischmarkt')
    await browser.close()
  })
})
