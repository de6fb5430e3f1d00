/**
 * Reminders for the evaluation meetings the standards require at least at
 * the middle and at the end (Zwischen- und Abschlussgespräch). A meeting of
 * the kind counts whatever its date, so a planned one silences the reminder.
 */
import type { Meeting, MeetingKind } from '../caseDocument/notes.js'
import { addDays, dayNumber, isoFromDayNumber } from './dates.js'
import { progressMeetingReminder } from './progressMeetings.js'

/** How many days before the expected end the final meeting is reminded of. */
export const FinalMeetingLeadDays = 21

export type MeetingReminderCode =
  /** Half the expected duration has passed and there is no midterm meeting. */
  | 'midtermDue'
  /** Within the last three weeks, and no final meeting. */
  | 'finalDue'
  /** Past the expected end, and no final meeting. */
  | 'finalOverdue'
  /** A Standortgespräch is due on the case's schedule (within a week of its date). */
  | 'progressDue'
  /** A Standortgespräch's date on the schedule has passed. */
  | 'progressOverdue'

export interface MeetingReminder {
  code: MeetingReminderCode
  /** The date from which the meeting is due (middle, or expected end). */
  dueDate: string
}

export interface MeetingReminderInput {
  startDate?: string | undefined
  expectedEndDate?: string | undefined
  meetings: readonly (Pick<Meeting, 'kind'> & { date?: string | undefined })[]
  /** Today as YYYY-MM-DD (the caller's calendar). */
  today: string
  /** Standortgespräche every this many weeks (issue 19); undefined: no schedule. */
  progressEveryWeeks?: number | undefined
}

/** The kind of meeting a reminder asks for. */
export function reminderMeetingKind(code: MeetingReminderCode): MeetingKind {
  return code === 'midtermDue' ? 'midterm' : code === 'progressDue' || code === 'progressOverdue' ? 'progress' : 'final'
}

/** Whether a reminder's date has passed. */
export function isOverdueReminder(code: MeetingReminderCode): boolean {
  return code === 'finalOverdue' || code === 'progressOverdue'
}

/** The middle of the expected duration (rounded down to a day), or null without both dates. */
export function midtermDate(startDate: string | undefined, expectedEndDate: string | undefined): string | null {
  if (startDate === undefined || expectedEndDate === undefined) {
    return null
  }
  const start = dayNumber(startDate)
  const end = dayNumber(expectedEndDate)
  if (Number.isNaN(start) || Number.isNaN(end) || end < start) {
    return null
  }
  return isoFromDayNumber(start + Math.floor((end - start) / 2))
}

/** The reminders due today, midterm first, a Standortgespräch last. */
export function meetingReminders({ startDate, expectedEndDate, meetings, today, progressEveryWeeks }: MeetingReminderInput): MeetingReminder[] {
  const reminders: MeetingReminder[] = []
  const hasMidterm = meetings.some((meeting) => meeting.kind === 'midterm')
  const hasFinal = meetings.some((meeting) => meeting.kind === 'final')
  const middle = midtermDate(startDate, expectedEndDate)
  if (middle !== null && !hasMidterm && today >= middle) {
    reminders.push({ code: 'midtermDue', dueDate: middle })
  }
  if (expectedEndDate !== undefined && !Number.isNaN(dayNumber(expectedEndDate)) && !hasFinal) {
    if (today > expectedEndDate) {
      reminders.push({ code: 'finalOverdue', dueDate: expectedEndDate })
    } else if (today >= addDays(expectedEndDate, -FinalMeetingLeadDays)) {
      reminders.push({ code: 'finalDue', dueDate: expectedEndDate })
    }
  }
  const progress = progressMeetingReminder({ startDate, everyWeeks: progressEveryWeeks, meetings }, today)
  // A recorded final meeting ends the schedule: the measure is closing.
  if (progress !== null && !hasFinal) {
    reminders.push(progress)
  }
  return reminders
}

/** Meetings by date, oldest first; same-day meetings by id, so every replica shows one order. */
export function sortMeetingsByDate<T extends Pick<Meeting, 'id' | 'date'>>(meetings: readonly T[]): T[] {
  return [...meetings].sort((a, b) => (a.date === b.date ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : a.date < b.date ? -1 : 1))
}
