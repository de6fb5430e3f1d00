/**
 * The team overview's filters and search (issue 22), pure so the lead's
 * screen and its tests share them: by coach, phase, case type, status and
 * due dates, funding body, and a search over titles and coaches' names
 * (case- and accent-insensitive).
 */
import type { TeamCase } from '../api/team.js'
import type { CaseType } from '../api/cases.js'
import type { Phase } from '../caseDocument/plan.js'
import { foldText } from '../anonymise/text.js'
import { addDays } from './dates.js'
import { earliestDueDate } from './dueItems.js'

/** What is due: anything overdue, anything due within `days`, or no condition. */
export type DueFilter = { kind: 'any' } | { kind: 'overdue' } | { kind: 'within'; days: number }

export interface TeamFilter {
  coachId?: string | undefined
  phase?: Phase | undefined
  type?: CaseType | undefined
  /** The case's current funding body (issue 18). */
  fundingBodyId?: string | undefined
  /** Open cases only by default; closed ones have nothing left to steer. */
  status?: 'open' | 'closed' | 'all' | undefined
  due?: DueFilter | undefined
  search?: string | undefined
}

/** Folded as the anonymiser folds names (case, accents, ae = ä), so "Müller" finds "mueller" and "MÜLLER". */
function foldForSearch(text: string): string {
  return foldText(text).text
}

function matchesDue(item: TeamCase, due: DueFilter, today: string): boolean {
  switch (due.kind) {
    case 'any':
      return true
    case 'overdue':
      return item.due.some((entry) => entry.overdue)
    case 'within': {
      const first = earliestDueDate(item.due)
      return item.due.some((entry) => entry.overdue) || (first !== null && first <= addDays(today, due.days))
    }
  }
}

/** Whether a case passes every set condition of the filter. */
export function matchesTeamFilter(item: TeamCase, filter: TeamFilter, today: string): boolean {
  const status = filter.status ?? 'open'
  if ((status === 'open' && item.closed) || (status === 'closed' && !item.closed)) {
    return false
  }
  if (filter.coachId !== undefined && !item.coaches.some((coach) => coach.userId === filter.coachId)) {
    return false
  }
  if (filter.phase !== undefined && item.phase !== filter.phase) {
    return false
  }
  if (filter.type !== undefined && item.type !== filter.type) {
    return false
  }
  if (filter.fundingBodyId !== undefined && item.fundingBody?.id !== filter.fundingBodyId) {
    return false
  }
  if (filter.due !== undefined && !matchesDue(item, filter.due, today)) {
    return false
  }
  const words = foldForSearch(filter.search ?? '').split(/\s+/).filter((word) => word !== '')
  if (words.length > 0) {
    const haystack = foldForSearch([item.title, ...item.coaches.map((coach) => coach.name)].join(' '))
    return words.every((word) => haystack.includes(word))
  }
  return true
}

/**
 * The cases that pass the filter, most urgent first: overdue before due,
 * then by the earliest due date, cases with nothing due last (by title), so
 * the order is the same on every reload.
 */
export function filterTeamCases(cases: readonly TeamCase[], filter: TeamFilter, today: string): TeamCase[] {
  const rank = (item: TeamCase): [number, string, string] => {
    const first = earliestDueDate(item.due)
    return [item.due.some((entry) => entry.overdue) ? 0 : first !== null ? 1 : 2, first ?? '', item.title]
  }
  return cases
    .filter((item) => matchesTeamFilter(item, filter, today))
    .map((item) => ({ item, key: rank(item) }))
    .sort((a, b) => a.key[0] - b.key[0] || a.key[1].localeCompare(b.key[1]) || a.key[2].localeCompare(b.key[2], 'de') || a.item.caseId.localeCompare(b.item.caseId))
    .map(({ item }) => item)
}

/** The funding bodies the cases name, each once, by name: the filter's choices. */
export function fundingBodiesOf(cases: readonly TeamCase[]): Array<{ id: string; name: string }> {
  const byId = new Map<string, string>()
  for (const item of cases) {
    if (item.fundingBody) {
      byId.set(item.fundingBody.id, item.fundingBody.name)
    }
  }
  return [...byId].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'de') || a.id.localeCompare(b.id))
}
