/**
 * What the caseload page shows of a case without opening it: read once from
 * the plan and notes documents (a local copy or a freshly synced one) and
 * kept as a small plain value. Date-dependent facts (the next due meeting)
 * are derived from it on each render with {@link nextDueMeeting}, so a cached
 * summary does not go stale with the calendar.
 */
import type * as Y from 'yjs'
import { z } from 'zod'
import { MeetingKinds, OutcomeKind, readNotes } from '../caseDocument/notes.js'
import { Phase, readPlan } from '../caseDocument/plan.js'
import { summariseHours } from './hours.js'
import { isOverdueReminder, meetingReminders, midtermDate, reminderMeetingKind } from './meetingReminders.js'
import { openFollowUpDueDates, readIncidents, readProgressInterval } from '../caseDocument/accompaniment.js'

const isoDate = z.iso.date()

/** The summary of one case (also the shape of the per-user cache in the browser). */
export const CaseDocSummary = z.object({
  title: z.string(),
  phase: Phase,
  /** Set when the case is closed (the outcome is recorded in the notes). */
  outcome: OutcomeKind.optional(),
  startDate: isoDate.optional(),
  expectedEndDate: isoDate.optional(),
  hoursBudget: z.number().optional(),
  hoursUsed: z.number(),
  /** Kind and date of every recorded meeting. */
  meetings: z.array(z.object({ kind: z.enum(MeetingKinds), date: isoDate })),
  /** Whether the notes could be read (else hours and meetings are unknown, shown as none). */
  notesRead: z.boolean(),
  /** Issue 19: Standortgespräche every this many weeks (absent: no schedule). */
  progressEveryWeeks: z.number().int().min(1).optional(),
  /** Issue 19: due dates of the crisis log's open follow-ups (absent in older cached summaries). */
  followUpDueDates: z.array(isoDate).optional(),
})
export type CaseDocSummary = z.infer<typeof CaseDocSummary>

/**
 * The summary of a plan + notes document pair; null when the plan cannot be
 * read (no local copy yet, newer schema, invalid).
 */
export function summariseCaseDocs(planDoc: Y.Doc, notesDoc: Y.Doc): CaseDocSummary | null {
  const plan = readPlan(planDoc)
  if (!plan.ok) {
    return null
  }
  const notes = readNotes(notesDoc)
  const meta = plan.value.meta
  const summary: CaseDocSummary = {
    title: meta.title,
    phase: meta.currentPhase,
    hoursUsed: notes.ok ? summariseHours(notes.value.hours, meta.hoursBudget).total : 0,
    meetings: notes.ok ? notes.value.meetings.map((meeting) => ({ kind: meeting.kind, date: meeting.date })) : [],
    notesRead: notes.ok,
  }
  const progressEveryWeeks = readProgressInterval(notesDoc)
  if (progressEveryWeeks !== undefined) {
    summary.progressEveryWeeks = progressEveryWeeks
  }
  const followUpDueDates = openFollowUpDueDates(readIncidents(notesDoc))
  if (followUpDueDates.length > 0) {
    summary.followUpDueDates = followUpDueDates
  }
  if (notes.ok && notes.value.meta.outcome !== undefined) {
    summary.outcome = notes.value.meta.outcome.kind
  }
  if (meta.startDate !== undefined) {
    summary.startDate = meta.startDate
  }
  if (meta.expectedEndDate !== undefined) {
    summary.expectedEndDate = meta.expectedEndDate
  }
  if (meta.hoursBudget !== undefined) {
    summary.hoursBudget = meta.hoursBudget
  }
  return summary
}

/** Whether the case is closed (an outcome is recorded). */
export function isClosed(summary: Pick<CaseDocSummary, 'outcome'>): boolean {
  return summary.outcome !== undefined
}

export type NextMeetingStatus =
  /** The final meeting's expected end has passed without it. */
  | 'overdue'
  /** A reminder is due (half the duration passed / within the last three weeks). */
  | 'due'
  /** A recorded meeting dated today or later. */
  | 'planned'
  /** The next evaluation meeting the standards require, not due yet. */
  | 'upcoming'

export interface NextMeeting {
  kind: (typeof MeetingKinds)[number]
  date: string
  status: NextMeetingStatus
}

/**
 * The next meeting a case needs, as of `today`: a due reminder first (from
 * {@link meetingReminders}); else the earliest of the recorded meetings from
 * today on and the required evaluation meetings not yet recorded (midterm at
 * the middle, final at the expected end). Null for a closed case or when
 * nothing is known.
 */
export function nextDueMeeting(summary: CaseDocSummary, today: string): NextMeeting | null {
  if (isClosed(summary)) {
    return null
  }
  const reminders = meetingReminders({
    startDate: summary.startDate,
    expectedEndDate: summary.expectedEndDate,
    meetings: summary.meetings,
    today,
    progressEveryWeeks: summary.progressEveryWeeks,
  })
  const first = reminders[0]
  if (first) {
    return {
      kind: reminderMeetingKind(first.code),
      date: first.dueDate,
      status: isOverdueReminder(first.code) ? 'overdue' : 'due',
    }
  }
  const candidates: NextMeeting[] = summary.meetings
    .filter((meeting) => meeting.date >= today)
    .map((meeting) => ({ kind: meeting.kind, date: meeting.date, status: 'planned' as const }))
  const middle = midtermDate(summary.startDate, summary.expectedEndDate)
  if (middle !== null && !summary.meetings.some((meeting) => meeting.kind === 'midterm')) {
    candidates.push({ kind: 'midterm', date: middle, status: 'upcoming' })
  }
  if (summary.expectedEndDate !== undefined && !summary.meetings.some((meeting) => meeting.kind === 'final')) {
    candidates.push({ kind: 'final', date: summary.expectedEndDate, status: 'upcoming' })
  }
  // Earliest first; on the same day a recorded meeting before a required one.
  candidates.sort((a, b) => (a.date === b.date ? (a.status === 'planned' ? -1 : b.status === 'planned' ? 1 : 0) : a.date < b.date ? -1 : 1))
  return candidates[0] ?? null
}
