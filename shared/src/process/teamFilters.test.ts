import { describe, expect, it } from 'vitest'
import type { TeamCase } from '../api/team.js'
import { filterTeamCases, fundingBodiesOf, matchesTeamFilter } from './teamFilters.js'

const today = '2026-06-15'
const miriam = { userId: 'userMiriamAAAAAAAAAAAAA', name: 'Miriam Roth' }
const tobias = { userId: 'userTobiasAAAAAAAAAAAAA', name: 'Tobias Brandt' }

function teamCase(overrides: Partial<TeamCase> & Pick<TeamCase, 'caseId' | 'title'>): TeamCase {
  return { type: 'placement', phase: 'intervention', closed: false, coaches: [miriam], due: [], ...overrides }
}

const cases: TeamCase[] = [
  teamCase({ caseId: 'caseAAAAAAAAAAAAAAAAAAA', title: 'Kassenbereich Supermarkt', due: [{ kind: 'consentEnding', date: '2026-06-25', overdue: false }] }),
  teamCase({ caseId: 'caseBBBBBBBBBBBBBBBBBBB', title: 'Lager Müller', type: 'retention', phase: 'stabilisation', coaches: [tobias], due: [{ kind: 'meeting', meeting: 'final', date: '2026-06-01', overdue: true }] }),
  teamCase({ caseId: 'caseCCCCCCCCCCCCCCCCCCC', title: 'Bäckerei', coaches: [miriam, tobias] }),
  teamCase({ caseId: 'caseDDDDDDDDDDDDDDDDDDD', title: 'Gärtnerei', closed: true }),
]

const titles = (list: TeamCase[]): string[] => list.map((item) => item.title)

describe('team filters', () => {
  it('shows open cases, overdue first, then by due date, then the rest by title', () => {
    expect(titles(filterTeamCases(cases, {}, today))).toEqual(['Lager Müller', 'Kassenbereich Supermarkt', 'Bäckerei'])
    expect(titles(filterTeamCases(cases, { status: 'closed' }, today))).toEqual(['Gärtnerei'])
    expect(filterTeamCases(cases, { status: 'all' }, today)).toHaveLength(4)
  })

  it('filters by coach (a tandem case is each coach\'s), phase and case type', () => {
    expect(titles(filterTeamCases(cases, { coachId: tobias.userId }, today))).toEqual(['Lager Müller', 'Bäckerei'])
    expect(titles(filterTeamCases(cases, { phase: 'stabilisation' }, today))).toEqual(['Lager Müller'])
    expect(titles(filterTeamCases(cases, { type: 'placement', coachId: miriam.userId }, today))).toEqual(['Kassenbereich Supermarkt', 'Bäckerei'])
  })

  it('filters by the funding body, whose choices are the bodies the cases name, each once', () => {
    const office = { id: 'fundingIntegrationsamtAA', name: 'Integrationsamt Niedersachsen' }
    const pension = { id: 'fundingRentenversicheAA', name: 'Deutsche Rentenversicherung' }
    const funded = [teamCase({ caseId: 'caseEEEEEEEEEEEEEEEEEEE', title: 'Druckerei', fundingBody: office }), teamCase({ caseId: 'caseFFFFFFFFFFFFFFFFFFF', title: 'Hotel', fundingBody: pension }), teamCase({ caseId: 'caseGGGGGGGGGGGGGGGGGGG', title: 'Kantine', fundingBody: office }), ...cases]
    expect(titles(filterTeamCases(funded, { fundingBodyId: office.id }, today))).toEqual(['Druckerei', 'Kantine'])
    expect(fundingBodiesOf(funded)).toEqual([pension, office])
    expect(filterTeamCases(funded, {}, today)).toHaveLength(6)
  })

  it('filters by due dates: overdue only, or due within some days', () => {
    expect(titles(filterTeamCases(cases, { due: { kind: 'overdue' } }, today))).toEqual(['Lager Müller'])
    expect(titles(filterTeamCases(cases, { due: { kind: 'within', days: 14 } }, today))).toEqual(['Lager Müller', 'Kassenbereich Supermarkt'])
    expect(titles(filterTeamCases(cases, { due: { kind: 'within', days: 7 } }, today))).toEqual(['Lager Müller'])
  })

  it('searches titles and coaches\' names whatever the case and spelling of umlauts', () => {
    expect(titles(filterTeamCases(cases, { search: 'MUELLER' }, today))).toEqual(['Lager Müller'])
    expect(titles(filterTeamCases(cases, { search: 'brandt bäck' }, today))).toEqual(['Bäckerei'])
    expect(matchesTeamFilter(cases[0]!, { search: '  ' }, today)).toBe(true)
    expect(filterTeamCases(cases, { search: 'nirgends' }, today)).toEqual([])
  })
})
