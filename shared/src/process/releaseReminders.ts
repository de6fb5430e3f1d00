/**
 * Releases from confidentiality running out (issue 16 point 6): the
 * reminder at the top of a case, next to the meetings and the interim
 * report. A release ending within {@link ReleaseEndingDays} days — the same
 * rule as the list's "endet bald" and the mail digest (releaseEndingSoon) —
 * needs the coach to renew it with the coachee or let it lapse.
 */
import { releaseEndingSoon, ReleaseEndingDays, type ReleaseDates } from '../api/releases.js'

export { ReleaseEndingDays }

/** A release as the reminder reads it. */
export interface ReleaseForReminder extends ReleaseDates {
  id: string
  recipientName: string
}

/** One release running out: towards whom, and its last day. */
export interface ReleaseEndingReminder {
  releaseId: string
  recipientName: string
  /** Its last day (inclusive). */
  validUntil: string
}

/** The releases whose last day is within the reminder's days of `today` (YYYY-MM-DD), soonest first; revoked and lapsed ones never. */
export function releaseEndingReminders(releases: readonly ReleaseForReminder[], today: string): ReleaseEndingReminder[] {
  return releases
    .filter((release) => releaseEndingSoon(release, today))
    .map((release) => ({ releaseId: release.id, recipientName: release.recipientName, validUntil: release.validUntil as string }))
    .sort((a, b) => a.validUntil.localeCompare(b.validUntil) || a.releaseId.localeCompare(b.releaseId))
}
