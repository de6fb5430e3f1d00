/** Server-rendered tests of the caseload page: groups by phase, facts per case, the caseload line, the sync status. */
import { renderToStaticMarkup } from 'react-dom/server'
import { MemoryRouter } from 'react-router'
import { describe, expect, it } from 'vitest'
import type { CaseSummary } from '../../../../shared/src/api/cases.js'
import type { CaseDocSummary } from '../../../../shared/src/process/caseSummary.js'
import type { BackgroundSyncStatus } from '../../caseload/BackgroundSync.js'
import type { SummaryCache } from '../../caseload/summaryStore.js'
import i18n from '../../i18n/index.js'
import { CaseloadView } from './CaseloadView.js'

await i18n.changeLanguage('de')

const now = Date.parse('2026-07-01T10:00:00Z')
const today = '2026-07-01'

function item(id: string, type: CaseSummary['type']): CaseSummary {
  return { id, title: `Fall ${id}`, type, employerCanEdit: false, createdAt: '2026-01-01T00:00:00.000Z', myRole: 'coach', closedAt: null, erasesAt: null }
}

function summary(overrides: Partial<CaseDocSummary> = {}): CaseDocSummary {
  return {
    title: 'x',
    phase: 'intervention',
    startDate: '2026-03-02',
    expectedEndDate: '2026-09-30',
    hoursBudget: 120,
    hoursUsed: 100,
    meetings: [],
    notesRead: true,
    ...overrides,
  }
}

const idle: BackgroundSyncStatus = { online: true, queued: 0, running: [], synced: 3, failed: 0 }

function render(cases: CaseSummary[], cache: SummaryCache, sync: BackgroundSyncStatus | null = idle, choices: Record<string, boolean> = {}, staffShare?: number, tandemShare?: number): string {
  return renderToStaticMarkup(
    <MemoryRouter>
      <CaseloadView
        cases={cases}
        cache={cache}
        offlineChoices={choices}
        sync={sync}
        readingLocal={false}
        onToggleOffline={() => undefined}
        today={today}
        now={now}
        staffShare={staffShare}
        tandemShare={tandemShare}
      />
    </MemoryRouter>,
  )
}

const count = (html: string, needle: string): number => html.split(needle).length - 1

describe('CaseloadView', () => {
  it('groups cases by phase in phase order, closed and not-yet-local last, with a heading each', () => {
    const cases = [item('a', 'placement'), item('b', 'retention'), item('c', 'retention'), item('d', 'placement')]
    const html = render(cases, {
      a: { summary: summary({ phase: 'stabilisation' }) },
      b: { summary: summary({ phase: 'analysis' }) },
      c: { summary: summary({ outcome: 'jobSecured' }) },
    })
    const phases = [...html.matchAll(/data-testid="cases.phase-group" data-phase="(\w+)"/g)].map((match) => match[1])
    expect(phases).toEqual(['analysis', 'stabilisation', 'closed', 'unknown'])
    expect(html).toContain('<h2 id=')
    expect(html).toContain('Stabilisierung und Abschluss')
    expect(html).toContain('Abgeschlossen')
    expect(html).toContain('Noch nicht auf diesem Gerät')
    expect(count(html, 'data-testid="cases.item"')).toBe(4)
    expect(count(html, 'data-testid="cases.item-link"')).toBe(4)
    expect(html).toContain('>Fall a</a>')
  })

  it('shows the next due meeting and the hours against the budget with their levels', () => {
    const html = render([item('a', 'placement')], { a: { summary: summary() } })
    expect(html).toMatch(/data-testid="cases.next-meeting" data-status="due"[^>]*>Zwischengespräch fällig seit 16. Juni 2026</)
    expect(html).toMatch(/data-testid="cases.hours" data-level="warning"[^>]*>100 von 120 Std.</)
  })

  it('shows when each case was last synced, and that one is syncing now', () => {
    const html = render(
      [item('a', 'placement'), item('b', 'placement'), item('c', 'placement')],
      {
        a: { summary: summary(), lastSyncedAt: '2026-07-01T09:57:00.000Z' },
        b: { summary: summary(), lastSyncedAt: '2026-07-01T09:59:30.000Z' },
        c: { summary: summary() },
      },
      { online: true, queued: 0, running: ['c'], synced: 0, failed: 0 },
    )
    expect(html).toContain('zuletzt synchronisiert: vor 3 Min.')
    expect(html).toContain('zuletzt synchronisiert: gerade eben')
    expect(html).toMatch(/data-syncing="true">noch nicht synchronisiert · wird gerade synchronisiert …</)
    expect(html).toMatch(/data-testid="cases.sync-status" data-state="running">Synchronisierung im Hintergrund: noch 1 Fall./)
    expect(html).toContain('role="status"')
  })

  it('checks "offline verfügbar" by default for active cases, not for closed ones, and follows the choice', () => {
    const html = render([item('a', 'placement'), item('b', 'placement'), item('c', 'placement')], {
      a: { summary: summary() },
      b: { summary: summary({ outcome: 'placed' }) },
      c: { summary: summary() },
    }, idle, { c: false })
    const toggles = [...html.matchAll(/<input [^>]*data-testid="cases.offline-toggle"[^>]*>/g)].map((match) => match[0].includes('checked=""'))
    // Groups: intervention (a, c), then closed (b).
    expect(toggles).toEqual([true, false, false])
    expect(count(html, '<label for=')).toBe(3)
  })

  it('states the caseload against the guideline ratios', () => {
    const cases = [
      ...['p1', 'p2', 'p3'].map((id) => item(id, 'placement')),
      ...['r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7', 'r8'].map((id) => item(id, 'retention')),
    ]
    // r8 is closed and does not count.
    const html = render(cases, { r8: { summary: summary({ outcome: 'jobSecured' }) } })
    expect(html).toMatch(/data-testid="caseload.summary" data-over="true"/)
    expect(html).toContain('Arbeitsplatzanbahnung 3 von 5</span>, <span data-testid="caseload.retention" data-over="true">Arbeitsplatzsicherung 7 von 6</span> — <strong class="caseload-flag over">über dem Richtwert</strong>')
    expect(html).toContain('Gewichtete Auslastung: 177 %')
    const within = render([item('p1', 'placement'), item('r1', 'retention')], {})
    expect(within).toContain('im Rahmen des Richtwerts')
    expect(html).toContain('Personalschlüssel')
    expect(html).toContain('Richtwert 1:5 Arbeitsplatzanbahnung, 1:6 Arbeitsplatzsicherung')
  })

  it('says when background sync is paused offline', () => {
    const html = render([item('a', 'placement')], {}, { online: false, queued: 1, running: [], synced: 0, failed: 0 })
    expect(html).toMatch(/data-state="offline">Offline – die Synchronisierung im Hintergrund pausiert/)
  })

  it('neither counts nor flags overdue a case a coach closed, even without an outcome', () => {
    const closed = { ...item('a', 'placement'), closedAt: '2026-06-30T10:00:00.000Z' }
    const html = render([closed], { a: { summary: summary() } })
    expect(html).toMatch(/data-phase="closed"/)
    expect(html).toMatch(/data-testid="cases.next-meeting" data-status="none">Fall abgeschlossen</)
    expect(html).toContain('Arbeitsplatzanbahnung 0 von 5')
  })

  it('weighs a tandem case half and measures against the part-time share', () => {
    const cases = [item('a', 'placement'), item('b', 'placement'), item('c', 'placement')]
    const cache: SummaryCache = { a: { summary: summary(), coaches: 2 }, b: { summary: summary(), coaches: 1 }, c: { summary: summary() } }
    const html = render(cases, cache, idle, {}, 0.5)
    expect(html).toContain('Arbeitsplatzanbahnung 2,5 von 2,5')
    expect(html).toContain('Gemessen am Stellenanteil von 50 %.')
    expect(html).toMatch(/data-testid="caseload.summary" data-over="false"/)
  })

  it("weighs a tandem case by the installation's TANDEM_SHARE and says so", () => {
    const cases = [item('a', 'placement'), item('b', 'placement')]
    const cache: SummaryCache = { a: { summary: summary(), coaches: 2 }, b: { summary: summary(), coaches: 1 } }
    expect(render(cases, cache)).toContain('Ein Tandemfall zählt für jeden der beiden Jobcoaches zur Hälfte')
    const html = render(cases, cache, idle, {}, undefined, 0.75)
    expect(html).toContain('Arbeitsplatzanbahnung 1,75 von 5')
    expect(html).toContain('Ein Tandemfall zählt für jeden der beiden Jobcoaches zu 75 %')
  })

  it('orders the cases of a group by title, whatever order the list came in', () => {
    const named = (id: string, title: string): CaseSummary => ({ ...item(id, 'placement'), title })
    const cache: SummaryCache = { x: { summary: summary() }, y: { summary: summary() }, z: { summary: summary() } }
    const first = render([named('x', 'Zahnarztpraxis'), named('y', 'Bäckerei'), named('z', 'Lager')], cache)
    const second = render([named('z', 'Lager'), named('x', 'Zahnarztpraxis'), named('y', 'Bäckerei')], cache)
    const titles = (html: string): string[] => [...html.matchAll(/data-testid="cases.item-link"[^>]*>([^<]+)</g)].map((match) => match[1] ?? '')
    expect(titles(first)).toEqual(['Bäckerei', 'Lager', 'Zahnarztpraxis'])
    expect(titles(second)).toEqual(titles(first))
  })
})
