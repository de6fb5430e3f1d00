/**
 * The screens that share the credentials form (setup, login, "Passwort
 * vergessen?", invitation accept, an access link, the admin's account
 * forms) at 1280 px and at 390 px: every field labelled, the password rule
 * shown under a new password and announced with it, a refusal announced and
 * tied to the fields, no horizontal overflow. Screenshots go to /tmp.
 */
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { Limits } from '../../shared/src/limits.js'
import { createCase, createInvitation, inviteAndAccept, setupAdmin } from '../helpers/apiClient.js'
import { startRelay } from '../helpers/startRelay.js'
import { builtClientDir, chromiumPath, launchChromium } from './browser.js'
import { byTestId, loginViaForm, newPerson } from './pages.js'

const widths = [1280, 390] as const
const rule = `Mindestens ${Limits.minPasswordLength} Zeichen.`

/** What a person (and a screen reader) gets of the form around `field`: unlabelled inputs, descriptions, overflow. */
async function formFacts(page: Page, field: string) {
  return byTestId(page, field).evaluate((input) => {
    const form = (input as HTMLInputElement).form as HTMLFormElement
    const inputs = Array.from(form.querySelectorAll('input'))
    const describedBy = (element: Element) =>
      (element.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .filter((id) => id !== '')
        .map((id) => document.getElementById(id)?.textContent ?? `(missing #${id})`)
    return {
      unlabelled: inputs.filter((element) => element.labels === null || element.labels.length === 0).map((element) => element.outerHTML),
      description: describedBy(input),
      overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    }
  })
}

describe.skipIf(chromiumPath === null)('the credentials forms (reason for skip: no Chromium here, see browser.ts)', () => {
  it('label every field, show and announce the password rule and refusals, and fit a phone', async () => {
    const relay = await startRelay({ clientDir: builtClientDir })
    const browser = await launchChromium()
    try {
      for (const width of widths) {
        const viewport = { viewport: { width, height: 844 } }
        const shot = (page: Page, name: string) => page.screenshot({ path: `/tmp/fallbuch-credentials-${name}-${width}.png`, fullPage: true })

        // Setup (before the first account): the token field of its own, then the shared fields.
        const setup = await newPerson(browser, viewport)
        await setup.page.goto(`${relay.url}/setup?token=${relay.setupToken ?? ''}`)
        await byTestId(setup.page, 'setup.password').waitFor()
        const setupFacts = await formFacts(setup.page, 'setup.password')
        expect(setupFacts).toMatchObject({ unlabelled: [], overflow: 0 })
        expect(setupFacts.description).toEqual([rule])
        expect(await byTestId(setup.page, 'setup.password').getAttribute('minlength')).toBe(String(Limits.minPasswordLength))
        await shot(setup.page, 'setup')
        await setup.context.close()

        // Login with a wrong password: the refusal is an alert the fields point to.
        const login = await newPerson(browser, viewport)
        await login.page.goto(`${relay.url}/login`)
        await byTestId(login.page, 'login.email').fill('niemand@example.org')
        await byTestId(login.page, 'login.password').fill('falsches-passwort')
        await byTestId(login.page, 'login.submit').click()
        await byTestId(login.page, 'login.error').waitFor()
        const loginFacts = await formFacts(login.page, 'login.password')
        expect(loginFacts).toMatchObject({ unlabelled: [], overflow: 0 })
        expect(loginFacts.description).toEqual([await byTestId(login.page, 'login.error').innerText()])
        expect(await byTestId(login.page, 'login.password').getAttribute('aria-invalid')).toBe('true')
        expect(await byTestId(login.page, 'login.password').getAttribute('minlength')).toBeNull()
        await shot(login.page, 'login')

        // "Passwort vergessen?": one e-mail field, the same answer for any address.
        await byTestId(login.page, 'login.forgot').click()
        await byTestId(login.page, 'reset.email').fill('niemand@example.org')
        await byTestId(login.page, 'reset.request').click()
        await byTestId(login.page, 'reset.sent').waitFor()
        expect(await formFacts(login.page, 'reset.email')).toMatchObject({ unlabelled: [], overflow: 0 })
        await shot(login.page, 'reset-request')
        await login.context.close()
      }

      const miriam = await setupAdmin(relay)
      const kase = await createCase(miriam, 'Kassenbereich Supermarkt')
      const jonas = await inviteAndAccept(miriam, kase.id, 'coachee')
      for (const width of widths) {
        const viewport = { viewport: { width, height: 844 } }
        const shot = (page: Page, name: string) => page.screenshot({ path: `/tmp/fallbuch-credentials-${name}-${width}.png`, fullPage: true })

        // An invitation link: name, e-mail and password of a new account.
        const invitation = await createInvitation(miriam, kase.id, 'employer')
        const sabine = await newPerson(browser, viewport)
        await sabine.page.goto(`${relay.url}/invitations/${invitation.token}`)
        await byTestId(sabine.page, 'invitation.password').waitFor()
        const invitationFacts = await formFacts(sabine.page, 'invitation.password')
        expect(invitationFacts).toMatchObject({ unlabelled: [], overflow: 0 })
        expect(invitationFacts.description).toEqual([rule])
        await byTestId(sabine.page, 'invitation.name').fill('Sabine Keller')
        await byTestId(sabine.page, 'invitation.email').fill(jonas.user.email)
        await byTestId(sabine.page, 'invitation.password').fill('sabine-passwort-1')
        await byTestId(sabine.page, 'invitation.submit').click()
        await byTestId(sabine.page, 'invitation.submit-error').waitFor()
        await shot(sabine.page, 'invitation')
        await sabine.context.close()

        // A coach's new access link for the coachee: the new password and what it ends.
        const link = await miriam.client.request<{ link: { url: string } }>('POST', `/api/cases/${kase.id}/members/${jonas.memberId}/access-link`, {})
        expect(link.status).toBe(201)
        const reset = await newPerson(browser, viewport)
        await reset.page.goto(link.body.link.url)
        await byTestId(reset.page, 'passwordReset.password').waitFor()
        const resetFacts = await formFacts(reset.page, 'passwordReset.password')
        expect(resetFacts).toMatchObject({ unlabelled: [], overflow: 0 })
        expect(resetFacts.description).toEqual([rule, 'Danach sind Sie auf allen anderen Geräten abgemeldet.'])
        await shot(reset.page, 'access-link')
        await reset.context.close()

        // The admin's forms: a new staff account, and a staff password reset opened from the list.
        const admin = await newPerson(browser, viewport)
        await loginViaForm(admin.page, relay.url, miriam.user.email, miriam.password)
        await admin.page.goto(`${relay.url}/admin`)
        await byTestId(admin.page, 'admin.create-password').waitFor()
        const createFacts = await formFacts(admin.page, 'admin.create-password')
        expect(createFacts).toMatchObject({ unlabelled: [], overflow: 0 })
        expect(createFacts.description).toEqual([rule])
        await byTestId(admin.page, 'admin.create-name').fill(`Tobias Brandt ${width}`)
        await byTestId(admin.page, 'admin.create-email').fill(`tobias.brandt.${width}@example.org`)
        await byTestId(admin.page, 'admin.create-password').fill('tobias-passwort-1')
        await byTestId(admin.page, 'admin.create-submit').click()
        await byTestId(admin.page, 'admin.created').waitFor()
        expect(await byTestId(admin.page, 'admin.create-name').inputValue()).toBe('')
        const tobias = admin.page.locator('[data-testid="admin.user"]', { hasText: `Tobias Brandt ${width}` })
        await tobias.locator('[data-testid="admin.user-reset-password"]').click()
        const resetInput = tobias.locator('[data-testid="admin.reset-password-input"]')
        await expect.poll(() => resetInput.evaluate((input) => input === document.activeElement)).toBe(true)
        await shot(admin.page, 'admin')
        await admin.context.close()
      }
    } finally {
      await browser.close()
    }
  })
})
