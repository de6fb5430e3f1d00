/**
 * Hints that a goal is not yet SMART (specific, measurable, achievable,
 * relevant, time-bound). Not blocking: the UI shows them as a status, with
 * texts under `process.warning.<code>`.
 */
import type { Goal, PlanMeta } from '../caseDocument/plan.js'

export const SmartWarningCodes = ['noTitle', 'noMeasurable', 'noDeadline', 'deadlineAfterEnd'] as const
export type SmartWarningCode = (typeof SmartWarningCodes)[number]

function blank(text: string): boolean {
  return text.trim() === ''
}

/**
 * The SMART warnings of one goal, in a stable order. `deadlineAfterEnd` needs
 * the plan's expected end; ISO dates (YYYY-MM-DD) compare as strings.
 */
export function smartWarnings(goal: Goal, meta: Pick<PlanMeta, 'expectedEndDate'>): SmartWarningCode[] {
  const warnings: SmartWarningCode[] = []
  if (blank(goal.title)) {
    warnings.push('noTitle')
  }
  if (blank(goal.measurable)) {
    warnings.push('noMeasurable')
  }
  if (goal.timeBound === undefined) {
    warnings.push('noDeadline')
  } else if (meta.expectedEndDate !== undefined && goal.timeBound > meta.expectedEndDate) {
    warnings.push('deadlineAfterEnd')
  }
  return warnings
}
