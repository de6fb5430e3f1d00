/**
 * Employer and coachee on the live plan: the employer arrives through a
 * one-time invitation link, watches the coach type without being able to
 * edit, edits once the coach allows co-editing; the coachee agrees in the
 * plain-language view, and the coaches see the plan "changed since agreed"
 * as soon as it changes again.
 */
import { describe, expect, it } from 'vitest'
import { createCase, inviteAndAccept, setupAdmin } from '../helpers/apiClient.js'
import { startRelay } from '../helpers/startRelay.js'
import { builtClientDir, chromiumPath, launchChromium } from './browser.js'
import { byTestId, editorText, loginViaForm, newPerson, typeAtEnd, waitForSyncState, openCaseTab } from './pages.js'

describe.skipIf(chromiumPath === null)('roles on the live plan (reason for skip: no Chromium here, see browser.ts)', () => {
  it('employer reads live, co-edits when allowed; coachee agrees; a later edit shows "changed since agreed"', async () => {
    const relay = await startRelay({ clientDir: builtClientDir })
    const miriam = await setupAdmin(relay)
    const kase = await createCase(miriam)
    const browser = await launchChromium()

    // The coach invites the employer's representative from the case.
    const coach = await newPerson(browser)
    await loginViaForm(coach.page, relay.url, miriam.user.email, miriam.password)
    await coach.page.goto(`${relay.url}/cases/${kase.id}`)
    await openCaseTab(coach.page, 'members')
    await byTestId(coach.page, 'invite.role').selectOption('employer')
    await byTestId(coach.page, 'invite.create').click()
    const link = await byTestId(coach.page, 'invite.link').inputValue()
    expect(link).toMatch(new RegExp(`^${relay.url}/invitations/[A-Za-z0-9_-]{20,}$`))

    // Petra Lange opens the link, sets name and password, and lands in the case.
    const employer = await newPerson(browser)
    await employer.page.goto(link)
    await byTestId(employer.page, 'invitation.preview').waitFor()
    await byTestId(employer.page, 'invitation.name').fill('Petra Lange')
    await byTestId(employer.page, 'invitation.email').fill('petra.lange@frischmarkt.example')
    await byTestId(employer.page, 'invitation.password').fill('petra-passwort-1')
    await byTestId(employer.page, 'invitation.submit').click()
    const employerPlan = byTestId(employer.page, 'plan.editor')
    await employerPlan.waitFor()
    expect(await byTestId(employer.page, 'case.view').getAttribute('data-role')).toBe('employer')
    expect(await byTestId(employer.page, 'case.tab.notes').count()).toBe(0)
    await expect.poll(() => employerPlan.getAttribute('data-writable')).toBe('false')
    await byTestId(employer.page, 'plan.readonly-notice').waitFor()

    // The link works once.
    const again = await newPerson(browser)
    await again.page.goto(link)
    await byTestId(again.page, 'invitation.invalid').waitFor()

    // The coach types; the employer sees it appear, and cannot type.
    await byTestId(coach.page, 'case.tab.plan').click()
    const coachApproach = byTestId(coach.page, 'plan.approach')
    await typeAtEnd(coach.page, coachApproach, 'Drei Arbeitsplatzbesuche im März. ')
    const employerApproach = byTestId(employer.page, 'plan.approach')
    await expect.poll(() => editorText(employerApproach)).toContain('Drei Arbeitsplatzbesuche im März.')
    expect(await employerApproach.getAttribute('contenteditable')).toBe('false')
    // She reads the plan as a document, not as greyed-out inputs.
    await byTestId(employer.page, 'plan.document').waitFor()
    expect(await employerPlan.locator('input, textarea, select').count()).toBe(0)

    // The coach allows co-editing: the employer's open page becomes editable, without a reload.
    await byTestId(coach.page, 'case.employer-can-edit').click()
    await expect.poll(() => employerPlan.getAttribute('data-writable')).toBe('true')
    await expect.poll(() => employerApproach.getAttribute('contenteditable')).toBe('true')
    await typeAtEnd(employer.page, employerApproach, 'Schichtplan ab 8 Uhr mit Frau Lange abgestimmt. ')
    await expect.poll(() => editorText(coachApproach)).toContain('Schichtplan ab 8 Uhr mit Frau Lange abgestimmt.')

    // … and turns it off again: read-only at once.
    await byTestId(coach.page, 'case.employer-can-edit').click()
    await expect.poll(() => employerPlan.getAttribute('data-writable')).toBe('false')
    await expect.poll(() => employerApproach.getAttribute('contenteditable')).toBe('false')

    // Jonas Peters, the coachee, reads the plan in plain language and agrees.
    const jonas = await inviteAndAccept(miriam, kase.id, 'coachee', { name: 'Jonas Peters', email: 'jonas.peters@example.org' })
    const coachee = await newPerson(browser)
    await loginViaForm(coachee.page, relay.url, jonas.user.email, jonas.password)
    await coachee.page.goto(`${relay.url}/cases/${kase.id}`)
    await byTestId(coachee.page, 'plan.plain').waitFor()
    expect(await byTestId(coachee.page, 'case.view').getAttribute('data-view')).toBe('plain')
    await expect.poll(() => byTestId(coachee.page, 'plan.plain').innerText()).toContain('Schichtplan ab 8 Uhr')
    await waitForSyncState(coachee.page, 'synced')
    await byTestId(coachee.page, 'agreement.agree').click()
    await byTestId(coachee.page, 'agreement.mine-current').waitFor()

    // The coach sees who agreed to the current version …
    const jonasAgreement = byTestId(coach.page, 'agreement.item').and(coach.page.locator(`[data-user-id="${jonas.user.id}"]`))
    await expect.poll(() => jonasAgreement.getAttribute('data-current')).toBe('true')
    expect(await byTestId(coach.page, 'agreement.changed-since').count()).toBe(0)

    // … then changes the plan: the case says it changed since it was agreed, for both.
    await typeAtEnd(coach.page, coachApproach, 'Neu: Check-in zu Schichtbeginn. ')
    await byTestId(coach.page, 'agreement.changed-since').waitFor()
    await expect.poll(() => jonasAgreement.getAttribute('data-current')).toBe('false')
    await byTestId(coachee.page, 'agreement.changed-since').waitFor()
  })
})
