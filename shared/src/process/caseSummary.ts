/**
 * What the caseload page shows of a case without opening it: read once from
 * the plan and notes documents (a local copy or a freshly synced one) and
 * kept as a small plain value. Date-dependent facts (the next due meeting)
 * are derived from it on each render with {@link nextDueMeeting}, so a cached
 * summary does not go stale with the calendar.
 */
import type * as Y from 'yjs'
import { z } from 'zod'
import { MeetingKinds, OutcomeKind, readNotes, type Notes } from '../caseDocument/notes.js'
import { Phase, readPlan, type PlanMeta } from '../caseDocument/plan.js'
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

/** What a summary takes from the plan: its meta, or null when the plan cannot be read. */
export type PlanSummaryPart = PlanMeta | null

/** What a summary takes from the notes, read once (plain values: they outlive the read). */
export interface NotesSummaryPart {
  /** The notes as read, or null when they cannot be read. */
  notes: Notes | null
  progressEveryWeeks: number | undefined
  followUpDueDates: string[]
}

/** The plan's part of a summary. */
export function planSummaryPart(planDoc: Y.Doc): PlanSummaryPart {
  const plan = readPlan(planDoc)
  return plan.ok ? plan.value.meta : null
}

/** The notes' part of a summary. */
export function notesSummaryPart(notesDoc: Y.Doc): NotesSummaryPart {
  const notes = readNotes(notesDoc)
  return {
    notes: notes.ok ? notes.value : null,
    progressEveryWeeks: readProgressInterval(notesDoc),
    followUpDueDates: openFollowUpDueDates(readIncidents(notesDoc)),
  }
}

/**
 * The summary of a plan + notes document pair; null when the plan cannot be
 * read (no local copy yet, newer schema, invalid).
 */
export function summariseCaseDocs(planDoc: Y.Doc, notesDoc: Y.Doc): CaseDocSummary | null {
  return summariseCaseParts(planSummaryPart(planDoc), notesSummaryPart(notesDoc))
}

/**
 * The summary from the parts read of each document: the server reads each
 * part inside its room's read, without copying the documents.
 */
export function summariseCaseParts(meta: PlanSummaryPart, part: NotesSummaryPart): CaseDocSummary | null {
  if (meta === null) {
    return null
  }
  const notes = part.notes
  const summary: CaseDocSummary = {
    title: meta.title,
    phase: meta.currentPhase,
    hoursUsed: notes !== null ? summariseHours(notes.hours, meta.hoursBudget).total : 0,
    meetings: notes !== null ? notes.meetings.map((meeting) => ({ kind: meeting.kind, date: meeting.date })) : [],
    notesRead: notes !== null,
  }
  if (part.progressEveryWeeks !== undefined) {
    summary.progressEveryWeeks = part.progressEveryWeeks
  }
  if (part.followUpDueDates.length > 0) {
    summary.followUpDueDates = part.followUpDueDates
  }
  if (notes !== null && notes.meta.outcome !== undefined) {
    summary.outcome = notes.meta.outcome.kind
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
