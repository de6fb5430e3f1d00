/**
 * The team lead in Chromium (issue 22): the overview (caseloads, a case's
 * overdue meeting, filters) and handing a case over to another coach; the
 * screen checked with axe and at 390 px (nothing wider than the phone).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { User } from '../../shared/src/api/users.js'
import { setPlanMetaField } from '../../shared/src/caseDocument/plan.js'
import { createCase, createStaff, setupAdmin, type LoggedIn } from '../helpers/apiClient.js'
import { startRelay, type TestRelay } from '../helpers/startRelay.js'
import { until } from '../helpers/until.js'
import { connectProvider, upgradeStatus } from '../integration/support/syncClients.js'
import { axeFindings } from './axe.js'
import { builtClientDir, chromiumPath, launchChromium } from './browser.js'
import { byTestId, loginViaForm, newPerson } from './pages.js'

describe.skipIf(chromiumPath === null)('the team lead (reason for skip: no Chromium here, see browser.ts)', () => {
  let relay: TestRelay
  let admin: LoggedIn
  let lead: LoggedIn
  let tobias: LoggedIn
  let anna: LoggedIn

  beforeAll(async () => {
    relay = await startRelay({ clientDir: builtClientDir })
    admin = await setupAdmin(relay)
    lead = await createStaff(admin, { name: 'Petra Lange' })
    tobias = await createStaff(admin, { name: 'Tobias Brandt' })
    anna = await createStaff(admin, { name: 'Anna Weber' })
    await admin.client.request<{ user: User }>('PATCH', `/api/users/${lead.user.id}`, { isLead: true })
    await admin.client.request<{ user: User }>('PATCH', `/api/users/${tobias.user.id}`, { staffSharePercent: 50 })
  })

  afterAll(async () => {
    await relay.stop()
  })

  it("shows the lead every coach's caseload and the cases due, filters them, and hands one over", async () => {
    const overdue = await createCase(tobias, 'Lager Nord')
    await createCase(tobias, 'Bäckerei Süd')
    const plan = await connectProvider(relay.wsUrl, `cases/${overdue.id}/plan`, tobias.client.cookie)
    plan.doc.transact(() => {
      setPlanMetaField(plan.doc, 'startDate', '2020-01-06')
      setPlanMetaField(plan.doc, 'expectedEndDate', '2020-07-06')
    })
    await until(() => plan.provider.synced)
    plan.provider.destroy()

    const browser = await launchChromium()
    try {
      for (const width of [1280, 390]) {
        const { context, page } = await newPerson(browser, { viewport: { width, height: 844 } })
        await loginViaForm(page, relay.url, lead.user.email, lead.password)
        await page.goto(`${relay.url}/team`)
        const tobiasLoad = page.locator(`[data-testid="team.coach"][data-user-id="${tobias.user.id}"]`)
        await tobiasLoad.waitFor()
        expect(await tobiasLoad.textContent()).toContain('Stellenanteil 50 %')
        const cases = byTestId(page, 'team.case')
        await until(async () => (await cases.count()) >= 2, { message: 'the team cases to show' })
        // Overdue first.
        expect(await cases.first().textContent()).toContain('Lager Nord')
        expect(await cases.first().textContent()).toContain('Abschlussgespräch überfällig')
        await byTestId(page, 'team.filter-due').selectOption('overdue')
        await until(async () => (await cases.count()) === 1, { message: 'the overdue filter' })
        await byTestId(page, 'team.filter-due').selectOption('any')
        await byTestId(page, 'team.filter-search').fill('bäckerei')
        await until(async () => (await cases.count()) === 1 && ((await cases.first().textContent()) ?? '').includes('Bäckerei'), { message: 'the search' })
        await byTestId(page, 'team.filter-search').fill('')
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width)
        expect(await axeFindings(page)).toEqual([])
        await context.close()
      }

      const { context, page } = await newPerson(browser, { viewport: { width: 390, height: 844 } })
      await loginViaForm(page, relay.url, lead.user.email, lead.password)
      await page.goto(`${relay.url}/team`)
      const item = page.locator(`[data-testid="team.case"][data-case-id="${overdue.id}"]`)
      await item.waitFor()
      await item.getByTestId('team.case-assign').click()
      await item.getByTestId('team.assign-coach').selectOption({ label: 'Anna Weber' })
      await item.getByTestId('team.assign-submit').click()
      await byTestId(page, 'team.notice').waitFor()
      expect(await byTestId(page, 'team.notice').textContent()).toBe('Der Fall ist von Tobias Brandt an Anna Weber übergeben.')
      await until(async () => ((await item.getByTestId('team.case-coaches').textContent()) ?? '').includes('Anna Weber'), { message: 'the new coach listed' })
      expect(await axeFindings(page)).toEqual([])
      await context.close()
      expect(await upgradeStatus(relay.wsUrl, `cases/${overdue.id}/notes`, anna.client.cookie)).toBe(101)
      expect(await upgradeStatus(relay.wsUrl, `cases/${overdue.id}/notes`, tobias.client.cookie)).toBe(403)
    } finally {
      await browser.close()
    }
  })

  it('gives a coach without the lead flag no team link and a refusal on /team', async () => {
    const browser = await launchChromium()
    try {
      const { context, page } = await newPerson(browser)
      await loginViaForm(page, relay.url, tobias.user.email, tobias.password)
      await byTestId(page, 'header.cases').waitFor()
      expect(await byTestId(page, 'header.team').count()).toBe(0)
      await page.goto(`${relay.url}/team`)
      await page.getByRole('alert').waitFor()
      expect(await page.getByRole('alert').textContent()).toBe('Die Teamübersicht ist für die Teamleitung.')
      await context.close()
    } finally {
      await browser.close()
    }
  })
})
