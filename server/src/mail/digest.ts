/**
 * What a daily digest counts, from the due items the team overview lists
 * too (shared/src/process/dueItems.ts): a coach's own open cases, and for a
 * team lead also the team's cases with something overdue or ending. Pure:
 * the sweeper reads the documents and grants, this counts them.
 */
import { dueItems, type DueInput } from '../../../shared/src/process/dueItems.js'
import type { DigestCounts, TeamDigestCounts } from './mailTexts.js'

/** What the digest knows of one case. */
export type DigestCaseInput = DueInput

/** Counts over a coach's open cases, as of `today` (YYYY-MM-DD). */
export function digestCounts(cases: readonly DigestCaseInput[], today: string): DigestCounts {
  const counts: DigestCounts = { meetingsDue: 0, meetingsOverdue: 0, reportsDue: 0, consentsEnding: 0 }
  for (const item of cases.flatMap((input) => dueItems(input, today))) {
    if (item.kind === 'meeting') {
      // The coach's words: a missing final meeting after the expected end is overdue, everything else due.
      if ((item.meeting === 'final' || item.meeting === 'progress') && item.overdue) {
        counts.meetingsOverdue++
      } else {
        counts.meetingsDue++
      }
    } else if (item.kind === 'interimReport') {
      counts.reportsDue++
    } else if (item.kind === 'consentEnding') {
      counts.consentsEnding++
    } else if (item.kind === 'followUp') {
      counts.followUpsDue = (counts.followUpsDue ?? 0) + 1
    }
  }
  return counts
}

/**
 * A lead's team counts over every open case of the team: cases (not items)
 * with an overdue meeting or report, with an approval ending, with a consent
 * ending. Counts only; the lead opens the team overview for which ones.
 */
export function teamDigestCounts(cases: readonly DigestCaseInput[], today: string): TeamDigestCounts {
  const counts: TeamDigestCounts = { casesOverdue: 0, approvalsEnding: 0, consentsEnding: 0 }
  for (const input of cases) {
    const items = dueItems(input, today)
    if (items.some((item) => (item.kind === 'meeting' || item.kind === 'interimReport' || item.kind === 'followUp') && item.overdue)) {
      counts.casesOverdue++
    }
    if (items.some((item) => item.kind === 'approvalEnding')) {
      counts.approvalsEnding++
    }
    if (items.some((item) => item.kind === 'consentEnding')) {
      counts.consentsEnding++
    }
  }
  return counts
}

/** Whether a digest has anything to say. */
export function hasNews(counts: DigestCounts): boolean {
  const team = counts.team ? counts.team.casesOverdue + counts.team.approvalsEnding + counts.team.consentsEnding : 0
  const pool = counts.poolReminders?.length ?? 0
  return counts.meetingsDue + counts.meetingsOverdue + counts.reportsDue + counts.consentsEnding + (counts.followUpsDue ?? 0) + team + pool > 0
}
