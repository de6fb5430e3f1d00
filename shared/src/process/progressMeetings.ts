/**
 * Standortgespräche on a recurring schedule (issue 19, Swiss profile A9: "in
 * regelmässigen Abständen"): with an interval of n weeks, the next one is due
 * n weeks after the last one recorded (a planned one counts too, so planning
 * it silences the reminder), or n weeks after the start while none is.
 */
import type { MeetingKind } from '../caseDocument/notes.js'
import { addDays, dayNumber } from './dates.js'

/** Days before its due date a Standortgespräch is reminded of. */
export const ProgressMeetingLeadDays = 7

export interface ProgressScheduleInput {
  /** The case's start (the plan's start date). */
  startDate?: string | undefined
  /** The interval in weeks; undefined: no schedule, no reminders. */
  everyWeeks?: number | undefined
  meetings: readonly { kind: MeetingKind; date?: string | undefined }[]
}

/** The day the next Standortgespräch is due, or null without a schedule or any date to count from. */
export function nextProgressMeetingDate({ startDate, everyWeeks, meetings }: ProgressScheduleInput): string | null {
  if (everyWeeks === undefined || !Number.isInteger(everyWeeks) || everyWeeks < 1) {
    return null
  }
  const held = meetings
    .filter((meeting) => meeting.kind === 'progress' && meeting.date !== undefined && !Number.isNaN(dayNumber(meeting.date)))
    .map((meeting) => meeting.date as string)
  const last = held.length > 0 ? held.reduce((a, b) => (a > b ? a : b)) : startDate
  if (last === undefined || Number.isNaN(dayNumber(last))) {
    return null
  }
  return addDays(last, everyWeeks * 7)
}

export interface ProgressReminder {
  code: 'progressDue' | 'progressOverdue'
  dueDate: string
}

/** The reminder as of `today`: due from a week before the date, overdue after it; else null. */
export function progressMeetingReminder(input: ProgressScheduleInput, today: string): ProgressReminder | null {
  const due = nextProgressMeetingDate(input)
  if (due === null || today < addDays(due, -ProgressMeetingLeadDays)) {
    return null
  }
  return { code: today > due ? 'progressOverdue' : 'progressDue', dueDate: due }
}
