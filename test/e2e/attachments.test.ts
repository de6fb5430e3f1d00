/**
 * Attachments of a case (issue 20 point 2) in Chromium: a coach adds a PDF
 * checklist as a work aid with the keyboard-reachable file input, is told
 * at once about a file of the wrong type, and the coachee downloads the
 * same bytes on a phone (390 px) without sideways scrolling; axe finds
 * nothing serious on either screen.
 */
import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { createCase, inviteAndAccept, setupAdmin } from '../helpers/apiClient.js'
import { startRelay } from '../helpers/startRelay.js'
import { axeFindings } from './axe.js'
import { builtClientDir, chromiumPath, launchChromium } from './browser.js'
import { byTestId, explainFailure, loginViaForm, newPerson, noHorizontalOverflow, openCaseTab } from './pages.js'

/** Steps that wait for a server round trip (CI's shared cores are slow). */
const settle = { timeout: 15_000 }

const checklist = Buffer.from('%PDF-1.4\n% Checkliste Kassenabschluss: Kasse zählen, Bon drucken, Schicht übergeben\n%%EOF\n')

describe.skipIf(chromiumPath === null)('a coach attaches a work aid and the coachee downloads it (reason for skip: no Chromium here, see browser.ts)', () => {
  it('uploads a PDF checklist, refuses a renamed text file, and the coachee gets the same bytes at 390 px', { timeout: 180_000 }, async () => {
    const relay = await startRelay({ clientDir: builtClientDir })
    const miriam = await setupAdmin(relay)
    const kase = await createCase(miriam, 'Kassenbereich Supermarkt')
    const jonas = await inviteAndAccept(miriam, kase.id, 'coachee', { name: 'Jonas Peters', email: 'jonas.peters@example.org' })
    const browser = await launchChromium()
    const findings: Record<string, string[]> = {}

    const coach = await newPerson(browser, { viewport: { width: 1280, height: 900 } })
    await loginViaForm(coach.page, relay.url, miriam.user.email, miriam.password)
    await coach.page.goto(`${relay.url}/cases/${kase.id}`)
    await openCaseTab(coach.page, 'attachments')
    await byTestId(coach.page, 'attachments.form').waitFor(settle)
    expect(await byTestId(coach.page, 'attachments.empty').innerText()).toBe('Noch keine Anhänge.')

    // A text file named .pdf is named as the wrong type before anything is sent.
    await byTestId(coach.page, 'attachments.file').setInputFiles({ name: 'Notizen.pdf', mimeType: 'application/pdf', buffer: Buffer.from('nur Text') })
    await byTestId(coach.page, 'attachments.upload').click()
    expect(await byTestId(coach.page, 'attachments.error').innerText()).toContain('kein PDF und kein Bild')

    await byTestId(coach.page, 'attachments.category').selectOption('workAid')
    await byTestId(coach.page, 'attachments.file').setInputFiles({ name: 'Checkliste Kassenabschluss.pdf', mimeType: 'application/pdf', buffer: checklist })
    // The file input and the button are reached with the keyboard.
    await byTestId(coach.page, 'attachments.file').focus()
    await coach.page.keyboard.press('Tab')
    await coach.page.keyboard.press('Enter')
    await byTestId(coach.page, 'attachments.status').filter({ hasText: 'wurde hinzugefügt' }).waitFor(settle)
    const item = byTestId(coach.page, 'attachments.item').filter({ hasText: 'Checkliste Kassenabschluss.pdf' })
    await explainFailure(coach.page, 'the checklist is listed', async () => {
      await expect.poll(() => item.count(), settle).toBe(1)
    })
    expect(await item.innerText()).toContain('Hilfsmittel oder Checkliste')
    findings['coach 1280'] = await axeFindings(coach.page)
    await coach.context.close()

    const coachee = await newPerson(browser, { viewport: { width: 390, height: 844 } })
    await loginViaForm(coachee.page, relay.url, jonas.user.email, jonas.password)
    await coachee.page.goto(`${relay.url}/cases/${kase.id}`)
    await openCaseTab(coachee.page, 'attachments')
    const seen = byTestId(coachee.page, 'attachments.item').filter({ hasText: 'Checkliste Kassenabschluss.pdf' })
    await seen.waitFor(settle)
    // The coachee reads, and has no controls to add or delete.
    expect(await byTestId(coachee.page, 'attachments.form').count()).toBe(0)
    expect(await seen.locator('[data-testid="attachments.delete"]').count()).toBe(0)
    const [download] = await Promise.all([coachee.page.waitForEvent('download'), seen.locator('[data-testid="attachments.download"]').click()])
    expect(download.suggestedFilename()).toBe('Checkliste Kassenabschluss.pdf')
    expect((await readFile((await download.path()) ?? '')).equals(checklist)).toBe(true)
    await noHorizontalOverflow(coachee.page)
    findings['coachee 390'] = await axeFindings(coachee.page)
    await coachee.context.close()

    expect(findings).toEqual({ 'coach 1280': [], 'coachee 390': [] })
    await browser.close()
    await relay.stop()
  })
})
