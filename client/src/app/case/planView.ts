/**
 * The two views of the measure plan: the full form, and the plain-language
 * view (Leichte Sprache style labels, larger type) that coachees see first.
 * The choice is remembered per user on this device.
 */
import type { GoalStatus } from '../../../../shared/src/caseDocument/plan.js'
import type { CaseRole } from '../../../../shared/src/policy/access.js'

export type PlanView = 'plain' | 'full'

/** The parts of the plan UI that have a plain-language label. */
export type PlanLabel = 'goals' | 'what' | 'measurable' | 'timeBound' | 'responsible' | 'status' | 'approach' | 'agree' | 'agreeExplanation' | 'noGoals'

const labelKeys: Readonly<Record<PlanView, Readonly<Record<PlanLabel, string>>>> = {
  full: {
    goals: 'plan.goalsHeading',
    what: 'goal.title',
    measurable: 'goal.measurable',
    timeBound: 'goal.timeBound',
    responsible: 'goal.responsible',
    status: 'goal.status',
    approach: 'plan.approach',
    agree: 'agreement.agree',
    agreeExplanation: 'agreement.explanation',
    noGoals: 'plan.noGoals',
  },
  plain: {
    goals: 'plain.goals',
    what: 'plain.what',
    measurable: 'plain.measurable',
    timeBound: 'plain.timeBound',
    responsible: 'plain.responsible',
    status: 'plain.status',
    approach: 'plain.approach',
    agree: 'plain.agree',
    agreeExplanation: 'plain.agreeExplanation',
    noGoals: 'plain.noGoals',
  },
}

/** The i18n key of a plan label in a view. */
export function planLabelKey(view: PlanView, label: PlanLabel): string {
  return labelKeys[view][label]
}

/** The i18n key of a goal status word in a view ("erreicht" / "Geschafft!"). */
export function goalStatusKey(view: PlanView, status: GoalStatus): string {
  return view === 'plain' ? `plain.statuses.${status}` : `goal.statuses.${status}`
}

/** The view a role starts with: coachees and their guardians see the plain view first. */
export function defaultPlanView(role: CaseRole): PlanView {
  return role === 'coachee' || role === 'guardian' ? 'plain' : 'full'
}

function storageKey(userId: string): string {
  return `fallbuch:planView:${userId}`
}

/** The remembered view of a user, or the role's default. */
export function initialPlanView(userId: string, role: CaseRole): PlanView {
  let stored: string | null
  try {
    stored = localStorage.getItem(storageKey(userId))
  } catch {
    stored = null
  }
  return stored === 'plain' || stored === 'full' ? stored : defaultPlanView(role)
}

/** Remembers a user's choice of view on this device. */
export function rememberPlanView(userId: string, view: PlanView): void {
  try {
    localStorage.setItem(storageKey(userId), view)
  } catch {
    // Storage full or blocked: the choice lasts for this page only.
  }
}
