/**
 * The hours used against the agreed budget (Zeitkontingent): sums per coach,
 * per phase, per category (issue 18) and in total; a warning from 80 % and "over" from 100 %.
 */
import type { HoursEntry } from '../caseDocument/notes.js'
import { HoursCategories, type HoursCategory } from '../caseDocument/hoursCategories.js'
import { Phases, type Phase } from '../caseDocument/plan.js'

export const HoursWarningRatio = 0.8
export const HoursOverRatio = 1

export type HoursLevel =
  /** No budget agreed yet: nothing to compare with. */
  | 'noBudget'
  | 'ok'
  /** At least 80 % of the budget used. */
  | 'warning'
  /** At least 100 % used. */
  | 'over'

/** Key for entries logged without a phase. */
export const NoPhase = 'none' as const
export type PhaseKey = Phase | typeof NoPhase

export interface HoursSummary {
  total: number
  budget: number | null
  /** total / budget (0 with a zero budget and no hours), null without a budget. */
  ratio: number | null
  level: HoursLevel
  /** Hours left of the budget (negative when over), null without a budget. */
  remaining: number | null
  /** Coach id -> hours, in order of the coach's first entry. */
  perCoach: { coachId: string; hours: number }[]
  /** Every phase in order, then entries without a phase if any. */
  perPhase: { phase: PhaseKey; hours: number }[]
  /** Every category in order (issue 18), then entries without one if any. */
  perCategory: { category: CategoryKey; hours: number }[]
}

/** Key for entries logged without a category (before categories existed). */
export const NoCategory = 'none' as const
export type CategoryKey = HoursCategory | typeof NoCategory

/** Sums without binary-fraction noise (0.1 + 0.2): hours are kept to 1/100. */
function round(hours: number): number {
  return Math.round(hours * 100) / 100
}

/** The level of `total` against `budget`. */
export function hoursLevel(total: number, budget: number | undefined | null): HoursLevel {
  if (budget === undefined || budget === null) {
    return 'noBudget'
  }
  if (budget === 0) {
    return total > 0 ? 'over' : 'ok'
  }
  const ratio = total / budget
  if (ratio >= HoursOverRatio) {
    return 'over'
  }
  return ratio >= HoursWarningRatio ? 'warning' : 'ok'
}

/** Sums the hours log against the budget. */
export function summariseHours(entries: readonly HoursEntry[], budget: number | undefined): HoursSummary {
  const perCoach = new Map<string, number>()
  const perPhase = new Map<PhaseKey, number>()
  const perCategory = new Map<CategoryKey, number>()
  let total = 0
  for (const entry of entries) {
    total += entry.hours
    perCoach.set(entry.coachId, (perCoach.get(entry.coachId) ?? 0) + entry.hours)
    const phase: PhaseKey = entry.phase ?? NoPhase
    perPhase.set(phase, (perPhase.get(phase) ?? 0) + entry.hours)
    const category: CategoryKey = entry.category ?? NoCategory
    perCategory.set(category, (perCategory.get(category) ?? 0) + entry.hours)
  }
  const categories: CategoryKey[] = perCategory.has(NoCategory) ? [...HoursCategories, NoCategory] : [...HoursCategories]
  total = round(total)
  const phases: PhaseKey[] = perPhase.has(NoPhase) ? [...Phases, NoPhase] : [...Phases]
  const hasBudget = budget !== undefined
  return {
    total,
    budget: hasBudget ? budget : null,
    ratio: hasBudget ? (budget === 0 ? (total > 0 ? Number.POSITIVE_INFINITY : 0) : total / budget) : null,
    level: hoursLevel(total, budget),
    remaining: hasBudget ? round(budget - total) : null,
    perCoach: [...perCoach].map(([coachId, hours]) => ({ coachId, hours: round(hours) })),
    perPhase: phases.map((phase) => ({ phase, hours: round(perPhase.get(phase) ?? 0) })),
    perCategory: categories.map((category) => ({ category, hours: round(perCategory.get(category) ?? 0) })),
  }
}
