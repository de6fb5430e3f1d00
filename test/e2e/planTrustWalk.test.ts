/**
 * Issue 14's points walked in the browser with several people at once:
 * coach + coach (who is typing where, in the plan and in a goal's review;
 * removed meetings and hours come back with "Rückgängig" or Ctrl+Z), then
 * coach + employer + coachee (the employer co-edits and is seen typing;
 * both agree; a phase closure keeps the agreement; a coach's change shows
 * each of them what changed — the coachee in plain words — and no stale
 * "agreement saved" beside "please agree again"; restoring the version they
 * agreed to makes the plan agreed again).
 */
import { join } from 'node:path'
import { tmpdir } from 'node:os'
import type { Locator, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { addGoal, emptyGoal, findGoalMap } from '../../shared/src/caseDocument/plan.js'
import { createCase, createStaff, inviteAndAccept, setupAdmin } from '../helpers/apiClient.js'
import { startRelay } from '../helpers/startRelay.js'
import { until } from '../helpers/until.js'
import { connectProvider, storedDoc } from '../integration/support/syncClients.js'
import { builtClientDir, chromiumPath, launchChromium } from './browser.js'
import { byTestId, explainFailure, loginViaForm, newPerson, waitForSyncState } from './pages.js'

async function openCase(page: Page, baseUrl: string, caseId: string): Promise<void> {
  await page.goto(`${baseUrl}/cases/${caseId}`)
  await byTestId(page, 'agreement.panel').waitFor()
  await waitForSyncState(page, 'synced')
}

function firstGoalField(page: Page, key: string): Locator {
  return byTestId(page, 'goal.item').first().locator(`[data-testid="goal.${key}"]`)
}

/** What the agreement list says of one member. */
function agreementOf(page: Page, userId: string): Locator {
  return page.locator(`[data-testid="agreement.item"][data-user-id="${userId}"]`)
}

describe.skipIf(chromiumPath === null)('the agreed plan, walked with several people (reason for skip: no Chromium here, see browser.ts)', () => {
  it('names who types where, undoes removals, and keeps agreements to unchanged content through progress and a restore', async () => {
    const relay = await startRelay({ clientDir: builtClientDir })
    const miriam = await setupAdmin(relay)
    const tobias = await createStaff(miriam)
    const kase = await createCase(miriam)
    expect((await miriam.client.request('POST', `/api/cases/${kase.id}/members`, { userId: tobias.user.id, role: 'coach' })).status).toBe(201)
    const petra = await inviteAndAccept(miriam, kase.id, 'employer', { name: 'Petra Lange', email: 'petra.lange@frischmarkt.example' })
    const jonas = await inviteAndAccept(miriam, kase.id, 'coachee', { name: 'Jonas Weber', email: 'jonas.weber@example.org' })
    expect((await miriam.client.request('PATCH', `/api/cases/${kase.id}`, { employerCanEdit: true })).status).toBe(200)
    const room = `cases/${kase.id}/plan`
    const { doc: seed, provider } = await connectProvider(relay.wsUrl, room, miriam.client.cookie)
    addGoal(seed, { ...emptyGoal('goal-1'), title: 'Kasse selbstständig bedienen', specific: 'Waren scannen', measurable: 'Drei Schichten ohne Hilfe' })
    await until(() => findGoalMap(storedDoc(relay.dataDir, room), 'goal-1') !== undefined, { message: 'the goal to be stored' })
    provider.destroy()

    const browser = await launchChromium()
    const [m, t, p, j] = await Promise.all([newPerson(browser), newPerson(browser), newPerson(browser), newPerson(browser)])
    await loginViaForm(m.page, relay.url, miriam.user.email, miriam.password)
    await loginViaForm(t.page, relay.url, tobias.user.email, tobias.password)
    await openCase(m.page, relay.url, kase.id)
    await openCase(t.page, relay.url, kase.id)

    // Coach + coach: Miriam sees where Tobias types, by name, in the plan and in a goal's review.
    await byTestId(t.page, 'plan.employer-name').click()
    await t.page.keyboard.type('Frischmarkt', { delay: 20 })
    await expect.poll(() => byTestId(m.page, 'plan.employer-name-presence').innerText()).toBe('Tobias Brandt tippt hier')
    await expect.poll(() => byTestId(m.page, 'plan.employer-name').inputValue()).toBe('Frischmarkt')
    for (const page of [m.page, t.page]) {
      await byTestId(page, 'process.tab').click()
      await byTestId(page, 'review.item').first().waitFor()
    }
    await byTestId(t.page, 'review.note').first().click()
    await t.page.keyboard.type('Klappt schon gut', { delay: 20 })
    await expect.poll(() => byTestId(m.page, 'review.note-presence').first().innerText()).toBe('Tobias Brandt tippt hier')
    await expect.poll(() => byTestId(m.page, 'review.note').first().inputValue()).toBe('Klappt schon gut')

    // A removed meeting comes back with "Rückgängig", a removed hours entry with Ctrl+Z; Tobias sees both back.
    await byTestId(m.page, 'meetings.tab').click()
    await byTestId(m.page, 'meeting.add-date').fill('2026-04-15')
    await byTestId(m.page, 'meeting.add-submit').click()
    await byTestId(m.page, 'meeting.remove').first().click()
    await expect.poll(() => byTestId(m.page, 'meetings.removal').innerText()).toContain('wurde entfernt')
    expect(await byTestId(m.page, 'meeting.item').count()).toBe(0)
    await byTestId(m.page, 'meetings.removal-undo').click()
    await expect.poll(() => byTestId(m.page, 'meeting.item').count()).toBe(1)
    await byTestId(m.page, 'hours.tab').click()
    await byTestId(m.page, 'hours.date').fill('2026-04-15')
    await byTestId(m.page, 'hours.hours').fill('2')
    await byTestId(m.page, 'hours.activity').fill('Begleitung an der Kasse')
    await byTestId(m.page, 'hours.add').click()
    await byTestId(m.page, 'hours.remove').first().click()
    await byTestId(m.page, 'hours.removal').waitFor()
    expect(await byTestId(m.page, 'hours.item').count()).toBe(0)
    await m.page.keyboard.press('Control+z')
    await expect.poll(() => byTestId(m.page, 'hours.item').count()).toBe(1)
    await waitForSyncState(m.page, 'synced')
    await byTestId(t.page, 'hours.tab').click()
    await expect.poll(() => byTestId(t.page, 'hours.item').count()).toBe(1)
    await byTestId(t.page, 'meetings.tab').click()
    await expect.poll(() => byTestId(t.page, 'meeting.item').count()).toBe(1)

    // Coach + employer + coachee. Petra co-edits; Miriam sees her typing.
    await loginViaForm(p.page, relay.url, petra.user.email, petra.password)
    await loginViaForm(j.page, relay.url, jonas.user.email, jonas.password)
    await openCase(p.page, relay.url, kase.id)
    await openCase(j.page, relay.url, kase.id)
    await byTestId(m.page, 'case.tab.plan').click()
    await firstGoalField(p.page, 'achievable').click()
    await p.page.keyboard.type('Mit Checkliste', { delay: 20 })
    await expect.poll(() => byTestId(m.page, 'goal.achievable-presence').first().innerText()).toBe('Petra Lange tippt hier')
    await p.page.keyboard.press('Tab')
    await waitForSyncState(p.page, 'synced')
    // Jonas reads his plan in plain words; an approach nobody wrote yet is said, not an empty box.
    await expect.poll(() => byTestId(j.page, 'plain.approach-empty').innerText()).toBe('Das steht noch nicht fest.')

    // Both agree. Only they must (flow DE): the coaches' lines say so, and the plan is agreed.
    await waitForSyncState(j.page, 'synced')
    await byTestId(p.page, 'agreement.agree').click()
    await byTestId(p.page, 'agreement.mine-current').waitFor()
    expect(await byTestId(p.page, 'agreement.notice').innerText()).toBe('Ihre Zustimmung ist gespeichert.')
    await byTestId(j.page, 'agreement.agree').click()
    await byTestId(j.page, 'agreement.mine-current').waitFor()
    await expect.poll(() => byTestId(m.page, 'agreement.complete').getAttribute('data-complete')).toBe('true')
    expect(await byTestId(m.page, 'agreement.complete').innerText()).toBe('Alle, die zustimmen müssen, haben dieser Fassung zugestimmt.')
    expect(await agreementOf(m.page, tobias.user.id).innerText()).toContain('Zustimmung nicht erforderlich')
    expect(await agreementOf(j.page, miriam.user.id).innerText()).toContain('muss nicht Ja sagen')

    // Tobias closes the first phase: progress, so nobody is asked again.
    await byTestId(t.page, 'process.tab').click()
    const analysis = t.page.locator('[data-testid="phase.section"][data-phase="analysis"]')
    await analysis.locator('[data-testid="review.stillValid"]').first().selectOption('yes')
    await analysis.locator('[data-testid="review.attainment"]').first().selectOption('open')
    await expect.poll(() => analysis.locator('[data-testid="phase.close"]').isEnabled()).toBe(true)
    await analysis.locator('[data-testid="phase.close"]').click()
    await byTestId(t.page, 'phase.closed').first().waitFor()
    await waitForSyncState(t.page, 'synced')
    await expect.poll(() => byTestId(p.page, 'plan.fixed.currentPhase').innerText()).toBe('Selbstintegration')
    expect(await byTestId(p.page, 'agreement.mine-current').count()).toBe(1)
    expect(await byTestId(m.page, 'agreement.complete').getAttribute('data-complete')).toBe('true')

    // Miriam changes the goal: each sees what changed since they agreed; no stale "saved".
    await firstGoalField(m.page, 'measurable').fill('Vier Schichten ohne Hilfe')
    await waitForSyncState(m.page, 'synced')
    await explainFailure(p.page, 'employer diff', () => byTestId(p.page, 'agreement.diff').waitFor({ timeout: 20_000 }))
    expect(await byTestId(p.page, 'agreement.notice').count()).toBe(0)
    expect(await byTestId(p.page, 'agreement.diff-goal').locator('ins').allTextContents()).toContain('hinzugefügt: Vier')
    await explainFailure(j.page, 'coachee diff', () => byTestId(j.page, 'agreement.diff').waitFor({ timeout: 20_000 }))
    expect(await byTestId(j.page, 'agreement.notice').count()).toBe(0)
    expect(await byTestId(j.page, 'agreement.diff').innerText()).toContain('Bei diesem Ziel hat sich etwas geändert')
    await expect.poll(() => byTestId(m.page, 'agreement.complete').getAttribute('data-complete')).toBe('false')
    await j.page.setViewportSize({ width: 390, height: 844 })
    expect(await j.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    await byTestId(j.page, 'agreement.panel').screenshot({ path: join(tmpdir(), 'fallbuch-e2e-coachee-changed-390.png') })

    // Miriam restores the version Petra agreed to: the goal is as agreed again, everywhere, and so is the agreement.
    await byTestId(m.page, 'case.tab.versions').click()
    const agreed = m.page.locator('[data-testid="versions.item"][data-reason="agreement"]').last()
    await agreed.locator('[data-testid="versions.show"]').click()
    await byTestId(m.page, 'versions.restore').click()
    await byTestId(m.page, 'versions.restore-yes').click()
    await byTestId(m.page, 'versions.notice').waitFor()
    await expect.poll(() => firstGoalField(t.page, 'measurable').inputValue()).toBe('Drei Schichten ohne Hilfe')
    await expect.poll(() => byTestId(p.page, 'agreement.mine-current').count(), { timeout: 20_000 }).toBe(1)
    await byTestId(m.page, 'case.tab.plan').click()
    await expect.poll(() => byTestId(m.page, 'agreement.complete').getAttribute('data-complete'), { timeout: 20_000 }).toBe('true')
    await browser.close()
  })
})
