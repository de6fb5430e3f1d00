/**
 * Versions in the browser (contract §8.4): the employer agreed to the plan;
 * a coach then changes a goal, and right where the employer is asked to
 * agree again the page shows what changed since they agreed, word by word,
 * with <ins>/<del> that screen readers announce ("hinzugefügt"/"entfernt"),
 * also on a 390 px wide phone; the versions tab lists the agreement.
 */
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { addGoal, emptyGoal, findGoalMap, setGoalField } from '../../shared/src/caseDocument/plan.js'
import { createCase, inviteAndAccept, setupAdmin } from '../helpers/apiClient.js'
import { startRelay } from '../helpers/startRelay.js'
import { until } from '../helpers/until.js'
import { connectProvider, storedDoc } from '../integration/support/syncClients.js'
import { builtClientDir, chromiumPath, launchChromium } from './browser.js'
import { byTestId, explainFailure, loginViaForm, openCaseTab } from './pages.js'

describe.skipIf(chromiumPath === null)('versions (reason for skip: no Chromium here, see browser.ts)', () => {
  it('shows the employer what changed since they agreed after a coach changes a goal', async () => {
    const relay = await startRelay({ clientDir: builtClientDir })
    const miriam = await setupAdmin(relay)
    const kase = await createCase(miriam)
    const petra = await inviteAndAccept(miriam, kase.id, 'employer', { name: 'Petra Lange', email: 'petra.lange@frischmarkt.example' })
    const { doc: plan } = await connectProvider(relay.wsUrl, `cases/${kase.id}/plan`, miriam.client.cookie)
    addGoal(plan, { ...emptyGoal('goal-1'), title: 'Kasse selbstständig bedienen', measurable: 'Drei Schichten ohne Hilfe', timeBound: '2026-06-30' })
    await until(() => findGoalMap(storedDoc(relay.dataDir, `cases/${kase.id}/plan`), 'goal-1') !== undefined, { message: 'the goal to be stored' })
    // Petra agrees to the plan with this goal (her version is kept).
    expect((await petra.client.request('POST', `/api/cases/${kase.id}/agreements`, {})).status).toBe(201)

    const browser = await launchChromium()
    // A phone: 390 px wide.
    const context = await browser.newContext({ locale: 'de-DE', timezoneId: 'Europe/Berlin', viewport: { width: 390, height: 844 } })
    const page = await context.newPage()
    await loginViaForm(page, relay.url, petra.user.email, petra.password)
    await page.goto(`${relay.url}/cases/${kase.id}`)
    await byTestId(page, 'agreement.mine-current').waitFor()

    // Miriam changes the goal: one word and the date.
    setGoalField(plan, 'goal-1', 'measurable', 'Vier Schichten ohne Hilfe')
    setGoalField(plan, 'goal-1', 'timeBound', '2026-07-31')

    const diff = byTestId(page, 'agreement.diff')
    await explainFailure(page, 'changed since agreed', () => diff.waitFor({ timeout: 20_000 }))
    await byTestId(page, 'agreement.changed-since').waitFor()
    const goal = byTestId(page, 'agreement.diff-goal')
    expect(await goal.getAttribute('data-change')).toBe('changed')
    expect(await goal.locator('ins').allTextContents()).toEqual(expect.arrayContaining(['hinzugefügt: Vier', 'hinzugefügt: 31. Juli 2026']))
    expect(await goal.locator('del').allTextContents()).toEqual(expect.arrayContaining(['entfernt: Drei', 'entfernt: 30. Juni 2026']))
    await expect.poll(() => page.getByRole('heading', { name: 'Was hat sich geändert, seit Sie zugestimmt haben' }).count()).toBe(1)
    // Nothing is wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    await byTestId(page, 'agreement.panel').screenshot({ path: join(tmpdir(), 'fallbuch-e2e-changed-since-agreed.png') })

    // The versions tab lists the version Petra agreed to, and compares it with the plan now.
    await openCaseTab(page, 'versions')
    const item = byTestId(page, 'versions.item').first()
    await item.waitFor()
    expect(await item.getAttribute('data-reason')).toBe('agreement')
    await byTestId(page, 'versions.show').first().click()
    await byTestId(page, 'versions.diff').waitFor()
    expect(await byTestId(page, 'versions.restore').count()).toBe(0)
    await byTestId(page, 'versions.panel').screenshot({ path: join(tmpdir(), 'fallbuch-e2e-versions-tab.png') })
    await browser.close()
  })
})
