/**
 * Inviting a freelance job coach to the pool in Chromium (issue 20 point
 * 1): the coordination office invites by name and address (mail is off
 * here, so the page shows the one-time link), the Integrationsamt sees the
 * office page without the invitation form, the invitee opens the link at
 * phone width (390 px), makes their own account and lands on a freelance
 * application; their start page is the application while they coach no
 * case. Then they withdraw the application and erase their pool data
 * after a confirmation. axe and no sideways scroll on each new screen.
 */
import { describe, expect, it } from 'vitest'
import { createStaff, setupAdmin } from '../helpers/apiClient.js'
import { startRelay } from '../helpers/startRelay.js'
import { axeFindings } from './axe.js'
import { builtClientDir, chromiumPath, launchChromium } from './browser.js'
import { byTestId, loginViaForm, newPerson, noSidewaysScroll } from './pages.js'

describe.skipIf(chromiumPath === null)('pool invitations (reason for skip: no Chromium here, see browser.ts)', () => {
  it('the office invites, the invitee accepts, lands on the application and can withdraw it', { timeout: 240_000 }, async () => {
    const relay = await startRelay({ clientDir: builtClientDir })
    const admin = await setupAdmin(relay)
    const office = await createStaff(admin, { name: 'Koordinierungsstelle Nord' })
    const amt = await createStaff(admin, { name: 'Integrationsamt Hannover' })
    await admin.client.request('PATCH', `/api/users/${office.user.id}`, { isCoordinator: true })
    await admin.client.request('PATCH', `/api/users/${amt.user.id}`, { isIntegrationsamt: true })

    const browser = await launchChromium()
    try {
      const desk = await newPerson(browser, { viewport: { width: 1280, height: 900 } })
      const amtDesk = await newPerson(browser, { viewport: { width: 390, height: 844 } })
      const phone = await newPerson(browser, { viewport: { width: 390, height: 844 } })

      // The office invites.
      const officePage = desk.page
      await loginViaForm(officePage, relay.url, office.user.email, office.password)
      await officePage.goto(`${relay.url}/pool/office`)
      await officePage.getByRole('heading', { level: 2, name: 'Freiberufliche Jobcoaches einladen' }).waitFor()
      await officePage.getByLabel('Name', { exact: true }).fill('Sabine Keller')
      await officePage.getByLabel('E-Mail-Adresse', { exact: true }).fill('sabine.keller@example.org')
      await byTestId(officePage, 'pool.invite.submit').click()
      await expect.poll(() => byTestId(officePage, 'pool.invite.created').innerText()).toContain('Mailversand ist ausgeschaltet')
      const url = await byTestId(officePage, 'pool.invite.url').inputValue()
      expect(url).toMatch(/\/pool-invitations\/[A-Za-z0-9_-]{20,}$/)
      await expect.poll(() => byTestId(officePage, 'pool.invite.entry').first().innerText()).toContain('Sabine Keller — offen')
      expect(await axeFindings(officePage)).toEqual([])

      // The Integrationsamt reviews, but does not invite.
      await loginViaForm(amtDesk.page, relay.url, amt.user.email, amt.password)
      await amtDesk.page.goto(`${relay.url}/pool/office`)
      await amtDesk.page.getByRole('heading', { level: 1 }).waitFor()
      await byTestId(amtDesk.page, 'pool.office.applications').waitFor()
      expect(await byTestId(amtDesk.page, 'pool.office.invite').count()).toBe(0)
      expect(await noSidewaysScroll(amtDesk.page)).toBe(true)

      // The invitee accepts at phone width and lands on a freelance application.
      const page = phone.page
      await page.goto(url)
      await page.getByRole('heading', { level: 1, name: 'Einladung in den Jobcoach-Pool' }).waitFor()
      expect(await byTestId(page, 'pool-invitation.summary').innerText()).toContain('Koordinierungsstelle Nord lädt Sabine Keller (sabine.keller@example.org) ein')
      expect(await axeFindings(page)).toEqual([])
      expect(await noSidewaysScroll(page)).toBe(true)
      await byTestId(page, 'pool-invitation.name').fill('Sabine Keller')
      await byTestId(page, 'pool-invitation.email').fill('sabine.keller@example.org')
      await byTestId(page, 'pool-invitation.password').fill('sabine-passwort-1')
      await byTestId(page, 'pool-invitation.submit').click()
      await page.waitForURL(`${relay.url}/pool`)
      await page.getByRole('heading', { level: 1, name: 'Jobcoach-Pool' }).waitFor()
      await expect.poll(() => byTestId(page, 'pool.profile.employment').inputValue()).toBe('freelance')
      // Only the applicant's own controls: no office link, and the start page is the application.
      expect(await byTestId(page, 'pool.office-link').count()).toBe(0)
      await page.goto(`${relay.url}/`)
      await page.waitForURL(`${relay.url}/pool`)
      await byTestId(page, 'pool.withdraw').waitFor()
      expect(await axeFindings(page)).toEqual([])
      expect(await noSidewaysScroll(page)).toBe(true)

      // The office sees the invitation used.
      await officePage.reload()
      await expect.poll(() => byTestId(officePage, 'pool.invite.entry').first().innerText()).toContain('Sabine Keller — angenommen')
      expect(await byTestId(officePage, 'pool.invite.withdraw').count()).toBe(0)

      // The link works once.
      const other = await newPerson(browser)
      await other.page.goto(url)
      await byTestId(other.page, 'pool-invitation.invalid').waitFor()

      // Withdrawing asks first; cancelling keeps everything, confirming erases it.
      await byTestId(page, 'pool.withdraw.start').click()
      await byTestId(page, 'pool.withdraw.no').click()
      expect(await byTestId(page, 'pool.withdraw.confirm').count()).toBe(0)
      await byTestId(page, 'pool.withdraw.start').click()
      expect(await axeFindings(page)).toEqual([])
      await byTestId(page, 'pool.withdraw.yes').click()
      await expect.poll(() => byTestId(page, 'cases.notice').innerText()).toContain('Pool-Daten sind gelöscht')
      const applications = (await office.client.request('GET', '/api/pool/applications')).body.applications
      expect(applications.some((entry: { name: string }) => entry.name === 'Sabine Keller')).toBe(false)
    } finally {
      await browser.close()
      await relay.stop()
    }
  })
})
