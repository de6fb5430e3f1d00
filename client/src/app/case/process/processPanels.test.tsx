/** Server-rendered smoke tests of the process panels: what a coach sees for given plan and notes. */
import { renderToStaticMarkup } from 'react-dom/server'
import { MemoryRouter } from 'react-router'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { Member } from '../../../../../shared/src/api/cases.js'
import { emptyNotes, examplePlan } from '../../../../../shared/src/process/testFixtures.js'
import i18n from '../../../i18n/index.js'
import { CaseProcessSummary } from './CaseProcessSummary.js'
import { HoursPanel } from './HoursPanel.js'
import { ProcessPanel } from './ProcessPanel.js'

await i18n.changeLanguage('de')

const reviewed = { stillValid: true, attainment: 'open' as const, note: '' }
const count = (html: string, needle: string): number => html.split(needle).length - 1

function processHtml(notes = emptyNotes(), plan = examplePlan()): string {
  return renderToStaticMarkup(
    <ProcessPanel
      planDoc={new Y.Doc()}
      notesDoc={new Y.Doc()}
      plan={plan}
      notes={notes}
      planWritable
      notesWritable
      caseType="retention"
      onAdjustGoals={() => undefined}
      userId="coach-1"
      members={[]}
    />,
  )
}

describe('ProcessPanel', () => {
  it('disables "Phase abschließen" and lists the goals not reviewed', () => {
    const html = processHtml(emptyNotes({ reviews: { analysis: { g1: reviewed } } }))
    expect(html).toMatch(/<button[^>]*disabled=""[^>]*data-testid="phase.close"/)
    expect(html).toContain('data-testid="phase.missing"')
    expect(html).toContain('Ziel 2 „Check-in mit Herrn Demir“ ist noch nicht überprüft.')
    expect(html).not.toContain('Ziel 1 „Scan-Tempo an der Kasse“ ist noch nicht')
    expect(count(html, 'data-testid="review.stillValid"')).toBe(3)
    expect(html).toContain('(1 von 3 Zielen überprüft)')
  })

  it('enables closing once every goal is reviewed', () => {
    const html = processHtml(emptyNotes({ reviews: { analysis: { g1: reviewed, g2: reviewed, g3: reviewed } } }))
    expect(html).not.toContain('data-testid="phase.missing"')
    expect(html).toMatch(/<button type="button" class="primary" data-testid="phase.close">Phase abschließen: Analyse und Planung<\/button>/)
  })

  it('shows reviews of past phases and the outcome form in stabilisation, without a close button', () => {
    const html = processHtml(emptyNotes(), examplePlan({ currentPhase: 'stabilisation' }))
    expect(count(html, 'data-testid="phase.section"')).toBe(4)
    expect(html).not.toContain('data-testid="phase.close"')
    expect(html).toContain('data-testid="outcome.kind"')
    expect(html).toContain('Arbeitsplatz erhalten')
    expect(html).toContain('>Abbruch</option>')
    expect(html).not.toContain('Sozialversicherungspflichtige Beschäftigung')
    expect(html).not.toContain('data-testid="process.abort"')
  })

  it('offers ending the case early (Abbruch) and going back a phase before the last phase, never a free phase choice', () => {
    const html = processHtml(emptyNotes(), examplePlan({ currentPhase: 'intervention' }))
    expect(html).toContain('data-testid="process.abort"')
    expect(html).toContain('Fall vorzeitig beenden (Abbruch)')
    expect(html).toContain('data-testid="phase.back"')
    expect(html).toContain('Zurück zur Phase „Selbstintegration“')
    expect(html).toMatch(/<button type="submit" disabled=""[^>]*data-testid="phase.back-submit"/)
  })

  it('has no step back from the first phase', () => {
    expect(processHtml()).not.toContain('data-testid="phase.back"')
  })
})

describe('HoursPanel', () => {
  const members: Member[] = [
    { id: 'm1', userId: 'miriam', name: 'Miriam Roth', email: 'm@example.org', role: 'coach', addedAt: '2026-03-01T08:00:00.000Z' },
  ]
  const html = (hours: number) =>
    renderToStaticMarkup(
      <HoursPanel
        notesDoc={new Y.Doc()}
        entries={[{ id: 'h1', date: '2026-03-05', hours, activity: 'Arbeitsplatzbesuch', coachId: 'miriam', phase: 'analysis' }]}
        budget={20}
        currentPhase="analysis"
        userId="miriam"
        members={members}
        writable
      />,
    )

  it('shows used vs budget with a progress bar and no warning below 80 %', () => {
    const out = html(10)
    expect(out).toContain('10 von 20 Stunden verbraucht (50 %)')
    expect(out).toMatch(/role="progressbar"[^>]*aria-valuenow="50"/)
    expect(out).not.toContain('data-testid="hours.warning"')
    expect(out).toContain('Miriam Roth')
  })

  it('warns at 80 % and says the budget is used up at 100 %', () => {
    expect(html(16)).toMatch(/data-testid="hours.warning" data-level="warning"/)
    expect(html(20)).toMatch(/data-testid="hours.warning" data-level="over"/)
  })
})

describe('CaseProcessSummary', () => {
  it('lists what is missing as buttons and reminds of the midterm meeting', () => {
    const plan = examplePlan({ currentPhase: 'selfIntegration' })
    const out = renderToStaticMarkup(
      <CaseProcessSummary plan={plan} notes={emptyNotes()} today="2026-06-20" onGoTo={() => true} canGoTo={() => true} />,
    )
    expect(out).toContain('Für diese Phase fehlt noch (Selbstintegration)')
    expect(out).toMatch(/data-testid="process.summary-line">Zwischengespräch fällig · \d+ Angaben fehlen<\/p>/)
    expect(out).toContain('data-testid="meetings.reminder" data-code="midtermDue"')
    expect(out).toMatch(/<button[^>]*data-testid="completeness.item" data-code="phaseReviewMissing"/)
    expect(out).toMatch(/data-testid="completeness.item" data-code="midtermMeetingMissing"/)
  })

  it('renders nothing when nothing is missing', () => {
    expect(renderToStaticMarkup(<CaseProcessSummary plan={examplePlan()} notes={emptyNotes()} today="2026-03-10" onGoTo={() => true} canGoTo={() => true} />)).toBe('')
  })

  it('lists "plan not agreed" only when told it is not agreed', () => {
    const html = (planAgreed: boolean | undefined): string =>
      renderToStaticMarkup(
        <CaseProcessSummary plan={examplePlan()} notes={emptyNotes()} today="2026-03-10" planAgreed={planAgreed} onGoTo={() => true} canGoTo={() => true} />,
      )
    expect(html(false)).toContain('data-code="planNotAgreed"')
    expect(html(true)).toBe('')
    expect(html(undefined)).toBe('')
  })

  it('links "final report missing" to the final report page in stabilisation', () => {
    const notes = emptyNotes({ meta: { schemaVersion: 2, outcome: { kind: 'jobSecured', how: '', why: '' } } })
    const out = renderToStaticMarkup(
      <MemoryRouter>
        <CaseProcessSummary
          plan={examplePlan({ currentPhase: 'stabilisation' })}
          notes={notes}
          today="2026-07-01"
          reportWritten={false}
          onGoTo={() => true}
          canGoTo={(target) => target.tab !== 'report'}
          linkFor={(target) => (target.tab === 'report' ? '/cases/c1/report/final' : null)}
        />
      </MemoryRouter>,
    )
    expect(out).toMatch(/<a data-testid="completeness.item" data-code="finalReportMissing" href="\/cases\/c1\/report\/final"[^>]*>Der Abschlussbericht ist noch nicht geschrieben.<\/a>/)
    const written = renderToStaticMarkup(
      <MemoryRouter>
        <CaseProcessSummary plan={examplePlan({ currentPhase: 'stabilisation' })} notes={notes} today="2026-07-01" reportWritten onGoTo={() => true} canGoTo={() => true} />
      </MemoryRouter>,
    )
    expect(written).not.toContain('finalReportMissing')
  })

  it('reminds of a due interim report in the one summary line (role=status), with a link in the details, announces one two weeks ahead, and not for a closed case', () => {
    const render = (due: { dueDate: string; due: boolean; daysUntil: number }, notes = emptyNotes()): string =>
      renderToStaticMarkup(
        <MemoryRouter>
          <CaseProcessSummary
            plan={examplePlan()}
            notes={notes}
            today="2026-03-10"
            onGoTo={() => true}
            canGoTo={() => true}
            interimDue={due}
            interimLink="/cases/c1/report/interim"
          />
        </MemoryRouter>,
      )
    const overdue = render({ dueDate: '2026-09-02', due: true, daysUntil: -3 })
    // One line, announced; the full text behind the disclosure (issue 16).
    expect(overdue).toContain('<p role="status" class="summary-text" data-testid="process.summary-line">Zwischenbericht fällig</p>')
    expect(overdue).toMatch(/<button type="button" class="link-button" aria-expanded="false" aria-controls="[^"]+-details"[^>]*>Details<\/button>/)
    expect(overdue).toMatch(/<div id="[^"]+-details" hidden="" class="summary-details"/)
    expect(overdue).toMatch(/<p class="notice warn" data-testid="case.interim-due" data-due="true">Ein Zwischenbericht ist fällig \(seit 2. September 2026\)./)
    expect(overdue).toMatch(/<a href="\/cases\/c1\/report\/interim"[^>]*>Zum Zwischenbericht<\/a>/)
    expect(render({ dueDate: '2026-09-02', due: false, daysUntil: 10 })).toContain('Der nächste Zwischenbericht ist am 2. September 2026 fällig.')
    expect(render({ dueDate: '2026-09-02', due: false, daysUntil: 40 })).toBe('')
    const closed = emptyNotes({ meta: { schemaVersion: 2, outcome: { kind: 'jobSecured', how: '', why: '' } } })
    expect(render({ dueDate: '2026-09-02', due: true, daysUntil: -3 }, closed)).not.toContain('case.interim-due')
  })

  it('reminds of releases from confidentiality running out in the one line, naming each in the details (issue 16)', () => {
    const endings = [
      { releaseId: 'r1', recipientName: 'Dr. Weber', validUntil: '2026-03-15' },
      { releaseId: 'r2', recipientName: 'Integrationsamt Hannover', validUntil: '2026-03-20' },
    ]
    const out = renderToStaticMarkup(
      <CaseProcessSummary plan={examplePlan()} notes={emptyNotes()} today="2026-03-10" onGoTo={() => true} canGoTo={() => true} releaseEndings={endings} onOpenReleases={() => {}} />,
    )
    expect(out).toContain('<p role="status" class="summary-text" data-testid="process.summary-line">2 Schweigepflichtentbindungen enden bald</p>')
    expect(out).toContain('class="summary-line notice warn"')
    expect(out).toContain('Die Schweigepflichtentbindung gegenüber Dr. Weber endet am 15. März 2026.')
    expect(out).toContain('Die Schweigepflichtentbindung gegenüber Integrationsamt Hannover endet am 20. März 2026.')
    expect(out).toMatch(/data-testid="releases.summary-open">Zu den Schweigepflichtentbindungen<\/button>/)
    const one = renderToStaticMarkup(
      <CaseProcessSummary plan={examplePlan()} notes={emptyNotes()} today="2026-03-10" onGoTo={() => true} canGoTo={() => true} releaseEndings={endings.slice(0, 1)} />,
    )
    expect(one).toContain('data-testid="process.summary-line">Schweigepflichtentbindung endet bald</p>')
    expect(one).not.toContain('releases.summary-open')
  })
})
