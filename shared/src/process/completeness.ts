/**
 * What the case documentation still lacks for the current phase ("Für diese
 * Phase fehlt noch"): each item names a code (UI text `process.missing.<code>`)
 * and a target the UI links to. Agreement and final report are facts outside
 * plan and notes, so the caller passes them as flags (undefined = unknown, no
 * item).
 */
import type { Notes } from '../caseDocument/notes.js'
import type { Phase, Plan } from '../caseDocument/plan.js'
import { meetingReminders } from './meetingReminders.js'
import { phasesBefore, reviewCompleteness } from './phases.js'

export type CompletenessTab = 'plan' | 'process' | 'meetings' | 'hours' | 'report'

export interface CompletenessTarget {
  tab: CompletenessTab
  goalId?: string
  phase?: Phase
}

export const CompletenessCodes = [
  'planNoGoals',
  'planNoDates',
  'planNoHoursBudget',
  'goalNoMeasurable',
  'goalNoDeadline',
  'planNotAgreed',
  'phaseReviewMissing',
  'midtermMeetingMissing',
  'finalMeetingMissing',
  'outcomeMissing',
  'finalReportMissing',
] as const
export type CompletenessCode = (typeof CompletenessCodes)[number]

export interface CompletenessItem {
  code: CompletenessCode
  target: CompletenessTarget
}

export interface CompletenessInput {
  plan: Plan
  notes: Notes
  /** Today as YYYY-MM-DD. */
  today: string
  /** Whether everyone has agreed to the current plan version; undefined = not known. */
  planAgreed?: boolean | undefined
  /** Whether the final report is written; undefined = not known (not asked before stabilisation). */
  reportWritten?: boolean | undefined
}

/** The list of what is missing, plan first, then reviews, meetings, outcome, report. */
export function documentationGaps({ plan, notes, today, planAgreed, reportWritten }: CompletenessInput): CompletenessItem[] {
  const items: CompletenessItem[] = []
  const current = plan.meta.currentPhase
  const inStabilisation = current === 'stabilisation'

  if (plan.goals.length === 0) {
    items.push({ code: 'planNoGoals', target: { tab: 'plan' } })
  }
  if (plan.meta.startDate === undefined || plan.meta.expectedEndDate === undefined) {
    items.push({ code: 'planNoDates', target: { tab: 'plan' } })
  }
  if (plan.meta.hoursBudget === undefined) {
    items.push({ code: 'planNoHoursBudget', target: { tab: 'plan' } })
  }
  for (const goal of plan.goals) {
    if (goal.status === 'dropped') {
      continue
    }
    if (goal.measurable.trim() === '') {
      items.push({ code: 'goalNoMeasurable', target: { tab: 'plan', goalId: goal.id } })
    }
    if (goal.timeBound === undefined) {
      items.push({ code: 'goalNoDeadline', target: { tab: 'plan', goalId: goal.id } })
    }
  }
  if (planAgreed === false) {
    items.push({ code: 'planNotAgreed', target: { tab: 'plan' } })
  }

  for (const phase of phasesBefore(current)) {
    if (!reviewCompleteness(plan, notes, phase).complete) {
      items.push({ code: 'phaseReviewMissing', target: { tab: 'process', phase } })
    }
  }

  const reminders = meetingReminders({
    startDate: plan.meta.startDate,
    expectedEndDate: plan.meta.expectedEndDate,
    meetings: notes.meetings,
    today,
  })
  if (reminders.some((reminder) => reminder.code === 'midtermDue')) {
    items.push({ code: 'midtermMeetingMissing', target: { tab: 'meetings' } })
  }
  const finalDue = reminders.some((reminder) => reminder.code === 'finalDue' || reminder.code === 'finalOverdue')
  if (finalDue || (inStabilisation && !notes.meetings.some((meeting) => meeting.kind === 'final'))) {
    items.push({ code: 'finalMeetingMissing', target: { tab: 'meetings' } })
  }

  if (inStabilisation && notes.meta.outcome === undefined) {
    items.push({ code: 'outcomeMissing', target: { tab: 'process', phase: 'stabilisation' } })
  }
  if (inStabilisation && reportWritten === false) {
    items.push({ code: 'finalReportMissing', target: { tab: 'report' } })
  }
  return items
}
