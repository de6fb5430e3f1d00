/**
 * People around the case and releases from confidentiality (issue 16) in
 * Chromium: a coach adds a person from outside Fallbuch (the SBV) to the
 * case's people and records a release signed on paper; the coachee's legal
 * guardian, on a phone (390 px), reads the plan in plain words, agrees to it
 * for the coachee — the coach's list says "für Jonas Peters" — and sees the
 * release in plain words. axe finds nothing serious on the new screens.
 */
import { describe, expect, it } from 'vitest'
import { createCase, inviteAndAccept, setupAdmin, type LoggedIn } from '../helpers/apiClient.js'
import { startRelay, type TestRelay } from '../helpers/startRelay.js'
import { axeFindings } from './axe.js'
import { builtClientDir, chromiumPath, launchChromium } from './browser.js'
import { byTestId, explainFailure, loginViaForm, newPerson, noHorizontalOverflow, openCaseTab } from './pages.js'

/** Steps that wait for a server round trip (CI's shared cores are slow). */
const settle = { timeout: 15_000 }

async function open(relay: TestRelay, browser: Awaited<ReturnType<typeof launchChromium>>, person: LoggedIn, width: number) {
  const { context, page } = await newPerson(browser, { viewport: { width, height: 844 } })
  await loginViaForm(page, relay.url, person.user.email, person.password)
  return { context, page }
}

describe.skipIf(chromiumPath === null)('people around the case and releases from confidentiality (reason for skip: no Chromium here, see browser.ts)', () => {
  it('a coach adds an outside participant and a release; the guardian agrees to the plan for the coachee on a phone', async () => {
    const relay = await startRelay({ clientDir: builtClientDir })
    const miriam = await setupAdmin(relay)
    const kase = await createCase(miriam, 'Kassenbereich Supermarkt')
    const caseUrl = `${relay.url}/cases/${kase.id}`
    await inviteAndAccept(miriam, kase.id, 'employer', { name: 'Petra Lange', email: 'petra.lange@frischmarkt.example' })
    const jonas = await inviteAndAccept(miriam, kase.id, 'coachee', { name: 'Jonas Peters', email: 'jonas.peters@example.org' })
    const renate = await inviteAndAccept(miriam, kase.id, 'guardian', { name: 'Renate Peters', email: 'renate.peters@example.org' })
    const browser = await launchChromium()
    const findings: Record<string, string[]> = {}

    // Miriam adds the SBV from outside Fallbuch, and Jonas from the members.
    const coach = await open(relay, browser, miriam, 1280)
    await coach.page.goto(caseUrl)
    await openCaseTab(coach.page, 'members')
    await byTestId(coach.page, 'participants.panel').waitFor()
    await byTestId(coach.page, 'participants.name').fill('Karin Vogt')
    await byTestId(coach.page, 'participants.role').selectOption('sbv')
    await byTestId(coach.page, 'participants.function').fill('Vertrauensperson')
    await byTestId(coach.page, 'participants.organisation').fill('Frischmarkt Nord')
    await byTestId(coach.page, 'participants.addOutside').click()
    await byTestId(coach.page, 'participants.member').selectOption(jonas.memberId)
    await byTestId(coach.page, 'participants.addMember').click()
    await explainFailure(coach.page, 'the participants list shows both', async () => {
      await expect.poll(() => byTestId(coach.page, 'participants.item').count(), settle).toBe(2)
    })
    expect(await byTestId(coach.page, 'participants.list').innerText()).toContain('Karin Vogt — Schwerbehindertenvertretung, Vertrauensperson (Frischmarkt Nord)')
    findings['coach people'] = await axeFindings(coach.page)

    // Miriam records the release Jonas signed on paper.
    await openCaseTab(coach.page, 'consents')
    await byTestId(coach.page, 'releases.form').waitFor()
    await byTestId(coach.page, 'releases.form.releasor').selectOption(jonas.memberId)
    await byTestId(coach.page, 'releases.form.releasedParty').fill('die Jobcoaches Miriam Roth und Tobias Brandt')
    await byTestId(coach.page, 'releases.form.recipientKind').selectOption('doctor')
    await byTestId(coach.page, 'releases.form.recipientName').fill('Dr. Hannelore Weber, Hausarztpraxis')
    await byTestId(coach.page, 'releases.form.purpose').fill('Arbeitszeiten nach der Erkrankung abstimmen')
    await byTestId(coach.page, 'releases.form.submit').click()
    await expect.poll(() => byTestId(coach.page, 'releases.item').count(), settle).toBe(1)
    expect(await byTestId(coach.page, 'releases.item').innerText()).toContain('entbindet die Jobcoaches Miriam Roth und Tobias Brandt gegenüber Dr. Hannelore Weber, Hausarztpraxis von der Schweigepflicht')
    expect(await byTestId(coach.page, 'releases.state').innerText()).toBe('gültig')
    findings['coach releases'] = await axeFindings(coach.page)

    // Renate, Jonas's legal guardian, on her phone: the plan in plain words, and she agrees for him.
    const guardian = await open(relay, browser, renate, 390)
    await guardian.page.goto(caseUrl)
    const agree = byTestId(guardian.page, 'agreement.agree')
    await explainFailure(guardian.page, 'the guardian may agree', async () => {
      await expect.poll(() => agree.isEnabled(), settle).toBe(true)
    })
    await noHorizontalOverflow(guardian.page)
    findings['guardian plan 390'] = await axeFindings(guardian.page)
    await agree.click()
    await byTestId(guardian.page, 'agreement.mine-current').waitFor(settle)

    // The coach's list records who agreed, and for whom (the plan: a reload would keep the consents tab).
    await coach.page.goto(caseUrl)
    const forJonas = byTestId(coach.page, 'agreement.for')
    await explainFailure(coach.page, 'the coach sees the agreement für Jonas', async () => {
      await expect.poll(() => forJonas.count(), settle).toBe(1)
    })
    expect(await forJonas.innerText()).toContain('zugestimmt für Jonas Peters')

    // Renate sees the release in plain words, the formal term beside them; she may take it back.
    await openCaseTab(guardian.page, 'consents')
    await byTestId(guardian.page, 'releases.item').waitFor(settle)
    const panel = await byTestId(guardian.page, 'releases.panel').innerText()
    expect(panel).toContain('Wer darf über Sie sprechen?')
    expect(panel).toContain('Schweigepflichtentbindungen')
    expect(await byTestId(guardian.page, 'releases.revoke').count()).toBe(1)
    expect(await byTestId(guardian.page, 'releases.form').count()).toBe(0)
    // She may give one of her own for him in the app (ownRelease.test.ts walks the coachee's).
    expect(await byTestId(guardian.page, 'releases.own').locator('h4').innerText()).toContain('über Jonas Peters')
    // The whole consents tab fits the phone: releases and the consent switches above them (long field names wrap).
    await noHorizontalOverflow(guardian.page)
    findings['guardian releases 390'] = await axeFindings(guardian.page)

    expect(findings).toEqual({ 'coach people': [], 'coach releases': [], 'guardian plan 390': [], 'guardian releases 390': [] })
    await browser.close()
  })
})
