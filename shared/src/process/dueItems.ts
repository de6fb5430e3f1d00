/**
 * What is due in a case, from its structured data only (never its texts):
 * the evaluation meetings the standards require (meetingReminders), the
 * interim report (report/schedule.ts), consent grants ending soon, the end
 * of the approved period (the plan's expected end) and an hours budget
 * nearly used. The team lead's overview lists them per case and the daily
 * digest counts them; both read the same rules here.
 */
import { z } from 'zod'
import { isClosed, type CaseDocSummary } from './caseSummary.js'
import { addDays } from './dates.js'
import { isOverdueReminder, meetingReminders, reminderMeetingKind } from './meetingReminders.js'
import type { InterimDue } from '../report/schedule.js'

/** A consent grant ending within this many days is due. */
export const ConsentEndingDays = 14
/** The approved period (expected end) ending within this many days is due. */
export const ApprovalEndingDays = 28
/** An hours budget used to this share or more is due for a look. */
export const HoursBudgetWarningShare = 0.9
/** An open crisis follow-up is due this many days before its date (issue 19). */
export const FollowUpLeadDays = 3

const isoDate = z.iso.date()

export const DueItem = z.discriminatedUnion('kind', [
  /** A required evaluation meeting not yet recorded; overdue once its date has passed. */
  z.object({ kind: z.literal('meeting'), meeting: z.enum(['midterm', 'final', 'progress']), date: isoDate, overdue: z.boolean() }),
  /** An open follow-up of the crisis log (issue 19), due from a few days before its date. */
  z.object({ kind: z.literal('followUp'), date: isoDate, overdue: z.boolean() }),
  /** The next interim report; overdue once its date has passed. */
  z.object({ kind: z.literal('interimReport'), date: isoDate, overdue: z.boolean() }),
  /** A consent grant whose last day is near. */
  z.object({ kind: z.literal('consentEnding'), date: isoDate, overdue: z.literal(false) }),
  /** The approved period (the plan's expected end) ends soon, or ended while the case is still open. */
  z.object({ kind: z.literal('approvalEnding'), date: isoDate, overdue: z.boolean() }),
  /** Most of the hours budget is used (over budget: overdue). */
  z.object({ kind: z.literal('hoursBudget'), used: z.number(), budget: z.number(), overdue: z.boolean() }),
])
export type DueItem = z.infer<typeof DueItem>
export type DueItemKind = DueItem['kind']
export const DueItemKinds: readonly DueItemKind[] = ['meeting', 'followUp', 'interimReport', 'consentEnding', 'approvalEnding', 'hoursBudget']

/** What the rules read of one case. */
export interface DueInput {
  /** The plan and notes summary; null when the documents cannot be read. */
  summary: CaseDocSummary | null
  /** The interim report's next due date, or null (no start date, or no further report asked for). */
  interimDue: InterimDue | null
  /** The last days (validUntil) of the case's unended consent grants. */
  consentEndDates: readonly string[]
  /**
   * Where the case has approvals: the last day of the approved run today lies
   * in or before (issue 18). Absent without approvals: the plan's expected end
   * stands in.
   */
  approvedUntil?: string | undefined
}

/**
 * The due items of a case as of `today` (YYYY-MM-DD), overdue ones first,
 * then by date. A closed case (outcome recorded) has only its consents'
 * endings left: a consent outlives the work on the case.
 */
export function dueItems({ summary, interimDue, consentEndDates, approvedUntil }: DueInput, today: string): DueItem[] {
  const items: DueItem[] = []
  const consentHorizon = addDays(today, ConsentEndingDays)
  for (const day of consentEndDates) {
    if (day >= today && day <= consentHorizon) {
      items.push({ kind: 'consentEnding', date: day, overdue: false })
    }
  }
  if (summary !== null && !isClosed(summary)) {
    const reminders = meetingReminders({ startDate: summary.startDate, expectedEndDate: summary.expectedEndDate, meetings: summary.meetings, today, progressEveryWeeks: summary.progressEveryWeeks })
    for (const reminder of reminders) {
      const meeting = reminderMeetingKind(reminder.code)
      if (meeting !== 'other') {
        items.push({ kind: 'meeting', meeting, date: reminder.dueDate, overdue: isOverdueReminder(reminder.code) || reminder.dueDate < today })
      }
    }
    const followUpHorizon = addDays(today, FollowUpLeadDays)
    for (const day of summary.followUpDueDates ?? []) {
      if (day <= followUpHorizon) {
        items.push({ kind: 'followUp', date: day, overdue: day < today })
      }
    }
    if (interimDue?.due) {
      items.push({ kind: 'interimReport', date: interimDue.dueDate, overdue: interimDue.dueDate < today })
    }
    const end = approvedUntil ?? summary.expectedEndDate
    if (end !== undefined && end <= addDays(today, ApprovalEndingDays)) {
      items.push({ kind: 'approvalEnding', date: end, overdue: end < today })
    }
    if (summary.hoursBudget !== undefined && summary.hoursBudget > 0) {
      const used = summary.hoursUsed
      if (used >= summary.hoursBudget * HoursBudgetWarningShare) {
        items.push({ kind: 'hoursBudget', used, budget: summary.hoursBudget, overdue: used > summary.hoursBudget })
      }
    }
  }
  return items.sort(byUrgency)
}

function dateOf(item: DueItem): string {
  return item.kind === 'hoursBudget' ? '' : item.date
}

function byUrgency(a: DueItem, b: DueItem): number {
  if (a.overdue !== b.overdue) {
    return a.overdue ? -1 : 1
  }
  const [da, db] = [dateOf(a), dateOf(b)]
  return da === db ? 0 : da < db ? -1 : 1
}

/** The earliest dated item, or null: what a list sorts cases by. */
export function earliestDueDate(items: readonly DueItem[]): string | null {
  const dates = items.map(dateOf).filter((date) => date !== '')
  return dates.length === 0 ? null : dates.reduce((a, b) => (a < b ? a : b))
}
