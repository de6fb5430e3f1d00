/**
 * A case through the job-coaching process: SMART goals, two phases closed
 * with a review of every goal, a mid-term meeting, hours, a tandem comment
 * the second coach answers, and a final report whose PDF shows the goals,
 * their attainment and the hours.
 */
import { existsSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { createCase, createStaff, setupAdmin } from '../helpers/apiClient.js'
import { pdftotext, pdftotextLayout } from '../helpers/pdfText.js'
import { startRelay } from '../helpers/startRelay.js'
import { builtClientDir, chromiumPath, launchChromium } from './browser.js'
import { byTestId, loginViaForm, newPerson, typeAtEnd, waitForSyncState } from './pages.js'

if (!existsSync(pdftotext) && process.env.CI === 'true') {
  throw new Error("pdftotext is missing: install Debian's poppler-utils (.ci/run does).")
}

/** Reviews every goal of a phase and closes it. */
async function reviewAndClosePhase(page: Page, phase: string, attainments: string[], note: string): Promise<void> {
  const section = page.locator(`[data-testid="phase.section"][data-phase="${phase}"]`)
  const reviews = section.locator('[data-testid="review.item"]')
  await expect.poll(() => reviews.count()).toBe(attainments.length)
  for (const [index, attainment] of attainments.entries()) {
    const review = reviews.nth(index)
    await review.locator('[data-testid="review.stillValid"]').selectOption('yes')
    await review.locator('[data-testid="review.attainment"]').selectOption(attainment)
    await review.locator('[data-testid="review.note"]').fill(note)
    await review.locator('[data-testid="review.note"]').blur()
  }
  const close = section.locator('[data-testid="phase.close"]')
  await expect.poll(() => close.isEnabled()).toBe(true)
  await close.click()
}

describe.skipIf(chromiumPath === null)('the job-coaching process (reason for skip: no Chromium here, see browser.ts)', () => {
  it('takes a case from goals through reviews, meeting, hours and a tandem comment to a final report PDF', async () => {
    const relay = await startRelay({ clientDir: builtClientDir })
    const miriam = await setupAdmin(relay)
    const tobias = await createStaff(miriam)
    const kase = await createCase(miriam)
    expect((await miriam.client.request('POST', `/api/cases/${kase.id}/members`, { userId: tobias.user.id, role: 'coach' })).status).toBe(201)
    const browser = await launchChromium()
    const { page } = await newPerson(browser)
    await loginViaForm(page, relay.url, miriam.user.email, miriam.password)
    await page.goto(`${relay.url}/cases/${kase.id}`)

    // The frame and two SMART goals.
    await byTestId(page, 'plan.start-date').fill('2026-03-02')
    await byTestId(page, 'plan.expected-end-date').fill('2026-09-30')
    await byTestId(page, 'plan.hours-budget').fill('120')
    await byTestId(page, 'plan.hours-budget').blur()
    const goals = [
      { title: 'Scangeschwindigkeit an der Kasse', measurable: 'mindestens 18 Artikel pro Minute', due: '2026-06-30' },
      { title: 'Check-in mit der Schichtleitung', measurable: 'in 4 von 5 Wochen als hilfreich bewertet', due: '2026-07-31' },
    ]
    for (const [index, goal] of goals.entries()) {
      await byTestId(page, 'plan.add-goal').click()
      const item = byTestId(page, 'goal.item').nth(index)
      await item.locator('[data-testid="goal.title"]').fill(goal.title)
      await item.locator('[data-testid="goal.measurable"]').fill(goal.measurable)
      await item.locator('[data-testid="goal.time-bound"]').fill(goal.due)
      await item.locator('[data-testid="goal.time-bound"]').blur()
    }
    await expect.poll(() => byTestId(page, 'goal.warning').count()).toBe(0)

    // Two phases, each closed after a review of every goal.
    await byTestId(page, 'process.tab').click()
    await reviewAndClosePhase(page, 'analysis', ['open', 'open'], 'Drei Arbeitsplatzbesuche ausgewertet')
    await expect.poll(() => byTestId(page, 'process.panel').getAttribute('data-current-phase')).toBe('selfIntegration')
    await reviewAndClosePhase(page, 'selfIntegration', ['partlyAchieved', 'achieved'], 'Zwei Schichten mitgearbeitet')
    await expect.poll(() => byTestId(page, 'process.panel').getAttribute('data-current-phase')).toBe('intervention')

    // The mid-term meeting.
    await byTestId(page, 'meetings.tab').click()
    await byTestId(page, 'meeting.add-kind').selectOption('midterm')
    await byTestId(page, 'meeting.add-date').fill('2026-06-15')
    await byTestId(page, 'meeting.add-participants').fill('Jonas Peters, Petra Lange, Miriam Roth')
    await byTestId(page, 'meeting.add-submit').click()
    await expect.poll(() => byTestId(page, 'meeting.item').getAttribute('data-kind')).toBe('midterm')

    // Hours in two phases.
    await byTestId(page, 'hours.tab').click()
    for (const entry of [
      { date: '2026-03-05', hours: '3.5', phase: 'analysis', activity: 'Arbeitsplatzbesuch' },
      { date: '2026-04-10', hours: '4', phase: 'selfIntegration', activity: 'Mitarbeit an der Kasse' },
    ]) {
      await byTestId(page, 'hours.date').fill(entry.date)
      await byTestId(page, 'hours.hours').fill(entry.hours)
      await byTestId(page, 'hours.phase').selectOption(entry.phase)
      await byTestId(page, 'hours.activity').fill(entry.activity)
      await byTestId(page, 'hours.add').click()
    }
    await expect.poll(() => byTestId(page, 'hours.total').getAttribute('data-total')).toBe('7.5')

    // A tandem comment on the analysis notes …
    await byTestId(page, 'case.tab.notes').click()
    const analysis = page.locator('.phase-body').filter({ has: byTestId(page, 'notes.editor.analysis') })
    await typeAtEnd(page, byTestId(page, 'notes.editor.analysis'), 'Pausenregelung mit Herrn Demir besprochen')
    for (let i = 0; i < 'Herrn Demir besprochen'.length; i += 1) {
      await page.keyboard.press('Shift+ArrowLeft')
    }
    await analysis.locator('[data-testid="comment.add"]').click()
    await analysis.locator('[data-testid="comment.text"]').fill('Sollen wir das im Zwischengespräch ansprechen?')
    await analysis.locator('[data-testid="comment.submit"]').click()
    await expect.poll(() => analysis.locator('[data-testid="comment.item"]').count()).toBe(1)
    await waitForSyncState(page, 'synced')

    // … which the second coach sees live and answers.
    const second = await newPerson(browser)
    await loginViaForm(second.page, relay.url, tobias.user.email, tobias.password)
    await second.page.goto(`${relay.url}/cases/${kase.id}`)
    await byTestId(second.page, 'case.tab.notes').click()
    const hisAnalysis = second.page.locator('.phase-body').filter({ has: byTestId(second.page, 'notes.editor.analysis') })
    const hisComment = hisAnalysis.locator('[data-testid="comment.item"]')
    await expect.poll(() => hisComment.locator('[data-testid="comment.body"]').innerText()).toContain('Zwischengespräch ansprechen')
    await hisComment.locator('[data-testid="comment.reply"]').click()
    await hisComment.locator('[data-testid="comment.reply-text"]').fill('Ja, ich bereite es vor.')
    await hisComment.locator('[data-testid="comment.reply-submit"]').click()
    await expect
      .poll(() => analysis.locator('[data-testid="comment.reply-item"]').allInnerTexts())
      .toEqual([expect.stringContaining('Ja, ich bereite es vor.')])
    await hisComment.locator('[data-testid="comment.resolve"]').click()
    await expect.poll(() => analysis.locator('[data-testid="comment.item"]').getAttribute('data-resolved')).toBe('true')

    // The final report, printed to PDF.
    await page.goto(`${relay.url}/cases/${kase.id}/report/final`)
    await expect.poll(() => byTestId(page, 'report.goal').count()).toBe(2)
    await expect.poll(() => byTestId(page, 'report.hours').getAttribute('data-total')).toBe('7.5')
    const pdf = await page.pdf({
      format: 'A4',
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: '<span style="font-size:8px" class="pageNumber"></span>',
    })
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    const text = pdftotextLayout(pdf).replace(/\s+/g, ' ')
    for (const goal of goals) {
      expect(text).toContain(goal.title)
    }
    expect(text).toContain('teilweise erreicht')
    expect(text).toMatch(/\berreicht\b/)
    expect(text).toMatch(/7[,.]5/)
    expect(text).toContain('120')
    expect(text).toContain('Abschlussbericht')

    // By default the first interim report is due at the middle of the expected
    // duration (2 March to 30 September: 16 June); the funding body wants one
    // after 2 months, then every 6: the reminder moves to 2 May.
    await page.goto(`${relay.url}/cases/${kase.id}/report/interim`)
    const due = byTestId(page, 'report.interim-due')
    await expect.poll(() => due.innerText()).toMatch(/16\. Juni|16\.06\.2026/)
    await byTestId(page, 'report.schedule-first').fill('2')
    await byTestId(page, 'report.schedule-every').fill('6')
    await byTestId(page, 'report.schedule-submit').click()
    await byTestId(page, 'report.schedule-saved').waitFor()
    await expect.poll(() => due.innerText()).toMatch(/2\. Mai|02\.05\.2026/)
    await page.goto(`${relay.url}/cases/${kase.id}`)
    // The reminders stand collapsed in one line (issue 16); the details open on demand.
    await expect.poll(() => byTestId(page, 'process.summary-line').innerText()).toContain('Zwischenbericht')
    await byTestId(page, 'process.summary-toggle').click()
    await expect.poll(() => byTestId(page, 'case.interim-due').innerText()).toMatch(/2\. Mai|02\.05\.2026/)
  })
})
