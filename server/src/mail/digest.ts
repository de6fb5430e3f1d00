/**
 * What a coach's daily digest counts, from what shared/src/process already
 * computes for the case screen: meeting reminders (meetingReminders via the
 * case summary), the interim-report schedule, and consent grants ending
 * within {@link ConsentEndingDays} days. Pure: the sweeper reads the
 * documents and grants, this counts them.
 */
import { isClosed, type CaseDocSummary } from '../../../shared/src/process/caseSummary.js'
import { addDays } from '../../../shared/src/process/dates.js'
import { meetingReminders } from '../../../shared/src/process/meetingReminders.js'
import type { InterimDue } from '../../../shared/src/report/schedule.js'
import type { DigestCounts } from './mailTexts.js'

/** A grant ending within this many days is counted. */
export const ConsentEndingDays = 14

/** What the digest knows of one case. */
export interface DigestCaseInput {
  /** The plan and notes summary; null when the documents cannot be read. */
  summary: CaseDocSummary | null
  /** The interim report's next due date, or null (no start date). */
  interimDue: InterimDue | null
  /** The last days (validUntil) of the case's unended consent grants. */
  consentEndDates: readonly string[]
}

/** Counts over a coach's open cases, as of `today` (YYYY-MM-DD). */
export function digestCounts(cases: readonly DigestCaseInput[], today: string): DigestCounts {
  const counts: DigestCounts = { meetingsDue: 0, meetingsOverdue: 0, reportsDue: 0, consentsEnding: 0 }
  const consentHorizon = addDays(today, ConsentEndingDays)
  for (const { summary, interimDue, consentEndDates } of cases) {
    counts.consentsEnding += consentEndDates.filter((day) => day >= today && day <= consentHorizon).length
    if (summary === null || isClosed(summary)) {
      continue
    }
    for (const reminder of meetingReminders({ startDate: summary.startDate, expectedEndDate: summary.expectedEndDate, meetings: summary.meetings, today })) {
      if (reminder.code === 'finalOverdue') {
        counts.meetingsOverdue++
      } else {
        counts.meetingsDue++
      }
    }
    if (interimDue?.due) {
      counts.reportsDue++
    }
  }
  return counts
}

/** Whether a digest has anything to say. */
export function hasNews(counts: DigestCounts): boolean {
  return counts.meetingsDue + counts.meetingsOverdue + counts.reportsDue + counts.consentsEnding > 0
}
