/**
 * Mail in the browser (issue 22): a coach invites the employer by e-mail; the
 * mail (read from the in-process SMTP server) holds only the link, which
 * Petra Lange opens and accepts. Then she forgets her password and sets a
 * new one through "Passwort vergessen?".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCase, setupAdmin } from '../helpers/apiClient.js'
import { startSmtpSink, type SmtpSink } from '../helpers/smtpSink.js'
import { startRelay } from '../helpers/startRelay.js'
import { builtClientDir, chromiumPath, launchChromium } from './browser.js'
import { byTestId, loginViaForm, newPerson, openCaseTab } from './pages.js'

let sink: SmtpSink

beforeAll(async () => {
  sink = await startSmtpSink()
})

afterAll(async () => {
  await sink.close()
})

describe.skipIf(chromiumPath === null)('mail in the browser (reason for skip: no Chromium here, see browser.ts)', () => {
  it('an invitation arrives by mail and is accepted; a forgotten password is reset by mail', async () => {
    const relay = await startRelay({ clientDir: builtClientDir, smtpUrl: sink.url, mailFrom: 'Fallbuch <fallbuch@example.org>' })
    const miriam = await setupAdmin(relay)
    const kase = await createCase(miriam, 'Kassenbereich Supermarkt')
    const browser = await launchChromium()

    const coach = await newPerson(browser)
    await loginViaForm(coach.page, relay.url, miriam.user.email, miriam.password)
    await coach.page.goto(`${relay.url}/cases/${kase.id}`)
    await openCaseTab(coach.page, 'members')
    await byTestId(coach.page, 'invite.role').selectOption('employer')
    const petraEmail = 'petra.lange@frischmarkt.example'
    await byTestId(coach.page, 'invite.email').fill(petraEmail)
    await byTestId(coach.page, 'invite.create').click()
    await byTestId(coach.page, 'invite.emailed').waitFor()

    const invitation = await sink.waitFor(petraEmail)
    expect(invitation.text).not.toMatch(/Kassenbereich|Supermarkt|Miriam|Roth/)
    const link = /(http:\/\/\S+\/invitations\/[A-Za-z0-9_-]+)/.exec(invitation.text)?.[1]
    expect(link).toBeDefined()

    const petra = await newPerson(browser)
    await petra.page.goto(link as string)
    await byTestId(petra.page, 'invitation.preview').waitFor()
    await byTestId(petra.page, 'invitation.name').fill('Petra Lange')
    await byTestId(petra.page, 'invitation.email').fill(petraEmail)
    await byTestId(petra.page, 'invitation.password').fill('petra-passwort-1')
    await byTestId(petra.page, 'invitation.submit').click()
    await byTestId(petra.page, 'plan.editor').waitFor()
    expect(await byTestId(petra.page, 'case.view').getAttribute('data-role')).toBe('employer')

    // Another device: she forgot her password.
    const later = await newPerson(browser)
    await later.page.goto(`${relay.url}/login`)
    await byTestId(later.page, 'login.forgot').click()
    const from = sink.mails.length
    await byTestId(later.page, 'reset.email').fill(petraEmail)
    await byTestId(later.page, 'reset.request').click()
    await byTestId(later.page, 'reset.sent').waitFor()
    const resetMail = await sink.waitFor(petraEmail, from)
    const resetLink = /(http:\/\/\S+\/password-reset\?token=[A-Za-z0-9_-]+)/.exec(resetMail.text)?.[1]
    await later.page.goto(resetLink as string)
    // The link page of issue 17: setting the password logs her in.
    await byTestId(later.page, 'passwordReset.password').fill('petra-neues-passwort-2')
    await byTestId(later.page, 'passwordReset.submit').click()
    await expect.poll(() => new URL(later.page.url()).pathname).not.toBe('/password-reset')
    const again = await newPerson(browser)
    await loginViaForm(again.page, relay.url, petraEmail, 'petra-neues-passwort-2')
    await relay.stop()
  })
})
