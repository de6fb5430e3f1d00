/**
 * The four phases of Jobcoaching^AP and what closing one requires: after each
 * phase the coaches review every goal (still valid? attained? note), quality
 * standards "Prozessqualität". Pure functions over read plan and notes.
 */
import type { GoalReview, Notes } from '../caseDocument/notes.js'
import { Phases, type Goal, type GoalStatus, type Phase, type Plan } from '../caseDocument/plan.js'

export { Phases, type Phase }

/** Position of a phase (0 = analysis). */
export function phaseIndex(phase: Phase): number {
  return Phases.indexOf(phase)
}

/** The phase after `phase`, or null after stabilisation (the last one). */
export function nextPhase(phase: Phase): Phase | null {
  return Phases[phaseIndex(phase) + 1] ?? null
}

/** The phase before `phase`, or null for analysis (the first one). */
export function previousPhase(phase: Phase): Phase | null {
  return Phases[phaseIndex(phase) - 1] ?? null
}

/** The phases before `phase`, in order. */
export function phasesBefore(phase: Phase): Phase[] {
  return Phases.slice(0, phaseIndex(phase))
}

/**
 * The goals a phase review covers: every goal of the plan except the ones
 * marked dropped (verworfen) in the plan; a dropped goal needs no review.
 */
export function goalsToReview(plan: Plan): Goal[] {
  return plan.goals.filter((goal) => goal.status !== 'dropped')
}

/** The review of one goal in one phase, if recorded. */
export function reviewOf(notes: Notes, phase: Phase, goalId: string): GoalReview | undefined {
  return notes.reviews[phase]?.[goalId]
}

export interface ReviewCompleteness {
  /** Goals the review of this phase covers. */
  total: number
  /** Of those, how many have a review entry. */
  reviewed: number
  /** Ids of the goals still without a review, in plan order. */
  missingGoalIds: string[]
  complete: boolean
}

/** How far the review of a phase is; a plan without goals has nothing to review. */
export function reviewCompleteness(plan: Plan, notes: Notes, phase: Phase): ReviewCompleteness {
  const goals = goalsToReview(plan)
  const missingGoalIds = goals.filter((goal) => reviewOf(notes, phase, goal.id) === undefined).map((goal) => goal.id)
  return {
    total: goals.length,
    reviewed: goals.length - missingGoalIds.length,
    missingGoalIds,
    complete: missingGoalIds.length === 0,
  }
}

/** Why a phase cannot be closed now. */
export type CloseBlocker =
  /** Only the current phase can be closed. */
  | { code: 'notCurrentPhase' }
  /** Stabilisation is the last phase: the case ends with the outcome, not a next phase. */
  | { code: 'lastPhase' }
  /** The plan has no goals to review (set goals first). */
  | { code: 'noGoals' }
  /** This goal has no review in this phase yet. */
  | { code: 'goalNotReviewed'; goalId: string }

export interface CloseRequirements {
  canClose: boolean
  blockers: CloseBlocker[]
  /** The phase that becomes current when this one is closed. */
  next: Phase | null
  completeness: ReviewCompleteness
}

/**
 * What closing `phase` requires: it is the plan's current phase, it is not the
 * last phase, the plan has goals, and every goal to review has a review entry
 * in `notes.reviews[phase]` (an entry always holds stillValid, attainment and
 * note).
 */
export function closePhaseRequirements(plan: Plan, notes: Notes, phase: Phase): CloseRequirements {
  const completeness = reviewCompleteness(plan, notes, phase)
  const next = nextPhase(phase)
  const blockers: CloseBlocker[] = []
  if (plan.meta.currentPhase !== phase) {
    blockers.push({ code: 'notCurrentPhase' })
  }
  if (next === null) {
    blockers.push({ code: 'lastPhase' })
  }
  if (plan.goals.length === 0) {
    blockers.push({ code: 'noGoals' })
  }
  for (const goalId of completeness.missingGoalIds) {
    blockers.push({ code: 'goalNotReviewed', goalId })
  }
  return { canClose: blockers.length === 0, blockers, next, completeness }
}

/** One point of a goal's status over time: the attainment a phase review recorded. */
export interface GoalStatusPoint {
  phase: Phase
  attainment: GoalStatus
  stillValid: boolean
}

/** A goal's status over time, from the phase reviews in phase order. */
export function goalStatusTimeline(notes: Notes, goalId: string): GoalStatusPoint[] {
  const points: GoalStatusPoint[] = []
  for (const phase of Phases) {
    const review = reviewOf(notes, phase, goalId)
    if (review) {
      points.push({ phase, attainment: review.attainment, stillValid: review.stillValid })
    }
  }
  return points
}
