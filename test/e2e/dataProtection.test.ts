/**
 * The data-protection lifecycle in real Chromium (issue 10): the coachee
 * opens their data export as a readable page and prints it to PDF (goals and
 * every confidential field in it); a coach erases the case in the UI while a
 * second coach's laptop is offline with the case on it; when the laptop comes
 * back, its open case page hears 4404, says the case was erased, and its
 * IndexedDB holds nothing of the case any more.
 */
import { existsSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { ConfidentialContentFragment } from '../../shared/src/caseDocument/confidential.js'
import { addGoal, emptyGoal } from '../../shared/src/caseDocument/plan.js'
import { RequiredFinalParts, reportPartFragment } from '../../shared/src/report/parts.js'
import { createCase, createStaff, inviteAndAccept, setupAdmin } from '../helpers/apiClient.js'
import { pdftotext, pdftotextLayout } from '../helpers/pdfText.js'
import { startRelay } from '../helpers/startRelay.js'
import { startTcpProxy } from '../helpers/tcpProxy.js'
import { until } from '../helpers/until.js'
import { appendParagraph, connectProvider } from '../integration/support/syncClients.js'
import { builtClientDir, chromiumPath, launchChromium } from './browser.js'
import { byTestId, indexedDbNames, loginViaForm, newPerson, waitForServiceWorker, waitForSyncState, openCaseTab } from './pages.js'

if (!existsSync(pdftotext) && process.env.CI === 'true') {
  throw new Error("pdftotext is missing: install Debian's poppler-utils (.ci/run does).")
}

describe.skipIf(chromiumPath === null)('data protection in the browser (reason for skip: no Chromium here, see browser.ts)', () => {
  it("the coachee prints their data export to PDF with goals and every confidential field", async () => {
    const relay = await startRelay({ clientDir: builtClientDir })
    const miriam = await setupAdmin(relay)
    const kase = await createCase(miriam, 'Kassenbereich Frischmarkt')
    const jonas = await inviteAndAccept(miriam, kase.id, 'coachee', { name: 'Jonas Peters', email: 'jonas.peters@example.org' })
    const plan = await connectProvider(relay.wsUrl, `cases/${kase.id}/plan`, miriam.client.cookie)
    addGoal(plan.doc, { ...emptyGoal('goal-1'), title: 'Tagesabschluss an der Kasse selbstständig' })
    const field = await connectProvider(relay.wsUrl, `cases/${kase.id}/confidential/medication`, miriam.client.cookie)
    appendParagraph(field.doc.getXmlFragment(ConfidentialContentFragment), 'Methylphenidat morgens, 10 mg')
    await until(async () => {
      const reply = await jonas.client.request('GET', `/api/cases/${kase.id}/export`)
      return reply.status === 200 && JSON.stringify(reply.body).includes('Methylphenidat') && JSON.stringify(reply.body).includes('Tagesabschluss')
    }, { message: 'the goal and the field to be committed' })

    const browser = await launchChromium()
    const coachee = await newPerson(browser)
    await loginViaForm(coachee.page, relay.url, jonas.user.email, jonas.password)
    await coachee.page.goto(`${relay.url}/cases/${kase.id}`)
    await openCaseTab(coachee.page, 'data')
    const [exportPage] = await Promise.all([coachee.context.waitForEvent('page'), byTestId(coachee.page, 'data.export-html.own').click()])
    if (exportPage === undefined) {
      throw new Error('the export page did not open')
    }
    await exportPage.waitForLoadState()
    const pdf = await exportPage.pdf({ format: 'A4' })
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    const text = pdftotextLayout(pdf).replace(/\s+/g, ' ')
    expect(text).toContain('Auskunft über gespeicherte Daten')
    expect(text).toContain('Jonas Peters')
    expect(text).toContain('Tagesabschluss an der Kasse selbstständig')
    expect(text).toContain('Methylphenidat morgens, 10 mg')
    // Every confidential field, by the name the app gives it, never its key (issue 16).
    for (const [fieldKey, label] of [
      ['diagnosis', 'Diagnose'],
      ['medication', 'Medikation'],
      ['healthRestrictions', 'gesundheitliche Einschränkungen'],
      ['financialSituation', 'finanzielle Situation'],
      ['privateCircumstances', 'private Umstände'],
      ['releaseFromConfidentiality', 'Schweigepflichtentbindung'],
    ]) {
      expect(text).toContain(label)
      expect(text).not.toContain(fieldKey)
    }
    expect(text).toContain('(Coachee)')
    expect(text).toContain('hat sich angemeldet.')
    // The JSON link downloads the same data as a file.
    const [download] = await Promise.all([coachee.page.waitForEvent('download'), byTestId(coachee.page, 'data.export-json.own').click()])
    expect(download.suggestedFilename()).toMatch(/^fallbuch-auskunft-\d{4}-\d{2}-\d{2}\.json$/)
  })

  it('a coach closes the case after the final report: the page shows the erasure date and nothing is editable any more', async () => {
    const relay = await startRelay({ clientDir: builtClientDir })
    const miriam = await setupAdmin(relay)
    const kase = await createCase(miriam, 'Abschluss Gärtnerei')
    const browser = await launchChromium()
    const coach = await newPerson(browser)
    await loginViaForm(coach.page, relay.url, miriam.user.email, miriam.password)
    await coach.page.goto(`${relay.url}/cases/${kase.id}`)
    await openCaseTab(coach.page, 'data')
    // Without the final report the case cannot be closed yet.
    expect(await byTestId(coach.page, 'data.close').isDisabled()).toBe(true)

    const notes = await connectProvider(relay.wsUrl, `cases/${kase.id}/notes`, miriam.client.cookie)
    for (const part of RequiredFinalParts) {
      appendParagraph(reportPartFragment(notes.doc, 'final', part), `Abschlussbericht ${part}`)
    }
    await expect.poll(() => byTestId(coach.page, 'data.close').isEnabled(), { timeout: 20_000 }).toBe(true)
    await byTestId(coach.page, 'data.close').click()
    await byTestId(coach.page, 'data.close-confirm').click()
    const notice = byTestId(coach.page, 'case.closed-notice')
    await expect.poll(() => notice.innerText(), { timeout: 20_000 }).toMatch(/automatisch gelöscht/)
    expect(await notice.innerText()).toContain(String(new Date().getUTCFullYear() + 5))
    await byTestId(coach.page, 'case.tab.plan').click()
    // The closed case's plan is a document: nothing to type into.
    await byTestId(coach.page, 'plan.document').waitFor()
    expect(await byTestId(coach.page, 'plan.editor').locator('input, textarea, select, [contenteditable="true"]').count()).toBe(0)
  })

  it('an offline laptop that comes back after the case was erased hears 4404 and keeps nothing of the case', async () => {
    const relay = await startRelay({ clientDir: builtClientDir })
    const miriam = await setupAdmin(relay)
    const tobias = await createStaff(miriam)
    const kase = await createCase(miriam, 'Lagerlogistik Nordhafen')
    expect((await miriam.client.request('POST', `/api/cases/${kase.id}/members`, { userId: tobias.user.id, role: 'coach' })).status).toBe(201)

    // Tobias's laptop reaches the relay through a link we can cut.
    const laptopLink = await startTcpProxy(relay.port)
    const browser = await launchChromium()
    const laptop = await newPerson(browser)
    await loginViaForm(laptop.page, laptopLink.url, tobias.user.email, tobias.password)
    await laptop.page.goto(`${laptopLink.url}/cases/${kase.id}`)
    await byTestId(laptop.page, 'plan.editor').waitFor()
    await waitForServiceWorker(laptop.page)
    await waitForSyncState(laptop.page, 'synced')
    const caseDatabases = async (): Promise<string[]> => (await indexedDbNames(laptop.page)).filter((name) => name.includes(`cases/${kase.id}/`))
    expect(await caseDatabases()).toEqual(expect.arrayContaining([`fallbuch:${tobias.user.id}:cases/${kase.id}/plan`]))

    // The laptop goes offline; the page stays open.
    laptopLink.disconnect()
    await laptop.context.setOffline(true)

    // Miriam erases the case in the UI, at the coachee's request.
    const office = await newPerson(browser)
    await loginViaForm(office.page, relay.url, miriam.user.email, miriam.password)
    await office.page.goto(`${relay.url}/cases/${kase.id}`)
    await openCaseTab(office.page, 'data')
    await byTestId(office.page, 'data.erase').click()
    const confirm = byTestId(office.page, 'data.erase-confirm')
    expect(await confirm.isDisabled()).toBe(true)
    await byTestId(office.page, 'data.erase-understood').check()
    await confirm.click()
    await expect.poll(() => byTestId(office.page, 'cases.notice').innerText()).toContain('Lagerlogistik Nordhafen')
    expect((await miriam.client.request('GET', `/api/cases/${kase.id}`)).status).toBe(404)

    // A month later the laptop is back: 4404, the page says so, and the local copies are gone.
    await laptop.context.setOffline(false)
    laptopLink.connect()
    await expect
      .poll(() => laptop.page.getByText('Dieser Fall wurde gelöscht').count(), { timeout: 30_000 })
      .toBeGreaterThan(0)
    await expect.poll(() => caseDatabases(), { timeout: 20_000 }).toEqual([])
    // Its case list no longer shows the case, and nothing of it stays in localStorage either.
    await laptop.page.goto(`${laptopLink.url}/`)
    await byTestId(laptop.page, 'cases.empty').waitFor()
    const leftovers = await laptop.page.evaluate((id) => Object.keys(localStorage).filter((key) => key.includes(id) || (localStorage.getItem(key) ?? '').includes(id)), kase.id)
    expect(leftovers).toEqual([])
  })
})
