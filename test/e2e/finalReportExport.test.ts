/**
 * The anonymised final report for the pool (issue 20 point 7) in Chromium,
 * at phone width: a coach of a closed case opens it from the case page,
 * reviews the draft (replacements highlighted, the legend only for her),
 * blacks out a typed phrase and a selected word, which builds the draft
 * again, approves it and sees it count toward group 2's five in her pool
 * application. The employer of the
 * case gets neither the link nor a draft. axe on the screen, no sideways
 * scrolling at 390 px.
 */
import { describe, expect, it } from 'vitest'
import { DemoTitle, writeDemoNotes, writeDemoPlan } from '../../shared/src/finalReportExport/demoFinalReport.js'
import { reportPartFragment } from '../../shared/src/report/parts.js'
import { createCase, createStaff, inviteAndAccept, setupAdmin } from '../helpers/apiClient.js'
import { startRelay } from '../helpers/startRelay.js'
import { until } from '../helpers/until.js'
import { connectProvider } from '../integration/support/syncClients.js'
import { axeFindings } from './axe.js'
import { builtClientDir, chromiumPath, launchChromium } from './browser.js'
import { byTestId, explainFailure, loginViaForm, newPerson, noSidewaysScroll } from './pages.js'

describe.skipIf(chromiumPath === null)('anonymised final report for the pool (reason for skip: no Chromium here, see browser.ts)', () => {
  it('a coach generates, reviews, redacts and approves it, and it counts in her pool application', { timeout: 240_000 }, async () => {
    const relay = await startRelay({ clientDir: builtClientDir })
    const admin = await setupAdmin(relay)
    const miriam = await createStaff(admin, { name: 'Miriam Roth', email: 'miriam.roth@ifd-hannover.example', password: 'miriam-passwort-1' })
    const kase = await createCase(miriam, DemoTitle)
    const employer = await inviteAndAccept(miriam, kase.id, 'employer', { name: 'Petra Lange', email: 'p.lange@frischmarkt-nord.example' })

    // The demo case as the coaches wrote it, committed, then closed.
    const plan = await connectProvider(relay.wsUrl, `cases/${kase.id}/plan`, miriam.client.cookie)
    const notes = await connectProvider(relay.wsUrl, `cases/${kase.id}/notes`, miriam.client.cookie)
    writeDemoPlan(plan.doc)
    writeDemoNotes(notes.doc)
    const check = await connectProvider(relay.wsUrl, `cases/${kase.id}/notes`, miriam.client.cookie)
    await until(() => reportPartFragment(check.doc, 'final', 'recommendations').length > 0, { message: 'the notes to be committed' })
    const planCheck = await connectProvider(relay.wsUrl, `cases/${kase.id}/plan`, miriam.client.cookie)
    await until(() => planCheck.doc.getArray('participants').length === 3, { message: 'the plan to be committed' })
    for (const client of [plan, notes, check, planCheck]) {
      client.provider.destroy()
    }
    expect((await miriam.client.request('POST', `/api/cases/${kase.id}/close`, {})).status).toBe(200)

    const browser = await launchChromium()
    try {
      const coach = await newPerson(browser, { viewport: { width: 390, height: 844 } })
      const page = coach.page
      page.on('dialog', (dialog) => void dialog.accept())
      await loginViaForm(page, relay.url, miriam.user.email, miriam.password)
      await page.goto(`${relay.url}/cases/${kase.id}`)
      await explainFailure(page, 'open the anonymised report', () => byTestId(page, 'finalReportExport.open').click({ timeout: 15_000 }))

      // The draft: no name of the case, every replacement highlighted, the legend for the author.
      const draft = byTestId(page, 'finalReportExport.draft')
      await explainFailure(page, 'the draft loads', () => draft.waitFor())
      const text = await draft.innerText()
      expect(text).toContain('Person A scannt 18 Artikel pro Minute')
      for (const name of ['Jonas', 'Peters', 'Lange', 'Demir', 'Miriam', 'Roth', 'Tobias', 'Brandt', 'Frischmarkt', 'Linden', 'Hannover']) {
        expect(text).not.toContain(name)
      }
      expect(await draft.locator('mark.anonymised').count()).toBeGreaterThan(10)
      expect(await draft.locator('mark.anonymised').first().getAttribute('title')).toMatch(/^ersetzt: /)
      expect(await byTestId(page, 'finalReportExport.legend').innerText()).toContain('Jonas Peters')
      expect(await axeFindings(page)).toEqual([])
      expect(await noSidewaysScroll(page)).toBe(true)
      await page.screenshot({ path: '/tmp/fb20-final-report-390.png', fullPage: true })

      // A phrase that still tells where: blacked out, the draft built again.
      expect(text).toContain('Kasse 2')
      await byTestId(page, 'finalReportExport.redact-text').fill('Kasse 2')
      await byTestId(page, 'finalReportExport.redact-add').click()
      await byTestId(page, 'finalReportExport.rebuild').click()
      await expect.poll(() => draft.innerText()).toContain('[geschwärzt]')
      expect(await draft.innerText()).not.toContain('Kasse 2')
      expect(await byTestId(page, 'finalReportExport.redactions').innerText()).toContain('Kasse 2')

      // The pointer path: a word selected in the draft.
      await page.evaluate(() => {
        const draftElement = document.querySelector('[data-testid="finalReportExport.draft"]')
        const walker = document.createTreeWalker(draftElement ?? document.body, NodeFilter.SHOW_TEXT)
        for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
          const at = node.textContent?.indexOf('Kassenstatistik') ?? -1
          if (at >= 0) {
            const range = document.createRange()
            range.setStart(node, at)
            range.setEnd(node, at + 'Kassenstatistik'.length)
            document.getSelection()?.removeAllRanges()
            document.getSelection()?.addRange(range)
            return
          }
        }
      })
      await byTestId(page, 'finalReportExport.redact-selection').click()
      await byTestId(page, 'finalReportExport.rebuild').click()
      await expect.poll(() => draft.innerText()).not.toContain('Kassenstatistik')
      expect(await draft.innerText()).not.toContain('Kasse 2')

      // Approved: stored in her application, where it counts.
      await byTestId(page, 'finalReportExport.approve').click()
      await expect.poll(() => byTestId(page, 'finalReportExport.approved').innerText()).toContain('1 von 5')
      expect(await byTestId(page, 'finalReportExport.already').count()).toBe(1)
      await page.getByRole('link', { name: 'Zur Bewerbung' }).click()
      await expect.poll(() => byTestId(page, 'pool.final-report-count').innerText(), { timeout: 15_000 }).toContain('1 von 5')
      const item = byTestId(page, 'pool.evidence-item').first()
      expect(await item.innerText()).toContain('Abschlussbericht (anonymisiert): Kassenbereich Supermarkt (Betrieb A)')
      expect(await item.innerText()).toContain('aus einem abgeschlossenen Fall in Fallbuch')
      expect(await noSidewaysScroll(page)).toBe(true)

      // The employer of the case: no link, and no draft when she asks for the page.
      const other = await newPerson(browser, { viewport: { width: 390, height: 844 } })
      await loginViaForm(other.page, relay.url, employer.user.email, employer.password)
      await other.page.goto(`${relay.url}/cases/${kase.id}`)
      await byTestId(other.page, 'case.title').waitFor()
      expect(await byTestId(other.page, 'finalReportExport.open').count()).toBe(0)
      await other.page.goto(`${relay.url}/cases/${kase.id}/pool-report`)
      await byTestId(other.page, 'finalReportExport.error').waitFor()
      expect(await byTestId(other.page, 'finalReportExport.draft').count()).toBe(0)
    } finally {
      await browser.close()
    }
  })
})
