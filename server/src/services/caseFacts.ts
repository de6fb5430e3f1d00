/**
 * The structured facts of a case, read once from its committed plan and
 * notes (through the relay), its consent grants, releases and approvals: what the digest, the
 * team lead's overview and the annual statistics compute from. Never a
 * text: summaries, dates, counts, the outcome kind and the gender scalar.
 * Here, below commands/ and mail/, so both read a case the same way.
 */
import { coacheeGenderOf, type CoacheeGender } from '../../../shared/src/caseDocument/coacheeGender.js'
import { notesSummaryPart, planSummaryPart, summariseCaseParts, type CaseDocSummary } from '../../../shared/src/process/caseSummary.js'
import type { DueInput } from '../../../shared/src/process/dueItems.js'
import { interimScheduleOf, lastInterimReportDate } from '../../../shared/src/report/parts.js'
import { interimReportDue } from '../../../shared/src/report/schedule.js'
import type { ConsentStorage } from '../storage/consents/ConsentStorage.js'
import type { ReleaseStorage } from '../storage/releases/ReleaseStorage.js'
import type { FundingStorage } from '../storage/funding/FundingStorage.js'
import { approvalStatus, effectiveApprovals } from '../../../shared/src/funding/approvals.js'
import type { Services } from './Services.js'

/** The storage ports the facts are read from (consents, releases, approvals). */
export type CaseFactsPorts = ConsentStorage & ReleaseStorage & FundingStorage

/** What the server computes from of one case. */
export interface CaseFacts {
  summary: CaseDocSummary | null
  /** The due-item rules' input (shared/src/process/dueItems.ts). */
  due: DueInput
  gender: CoacheeGender | undefined
  /** Every hours entry's day and hours (the statistics count a year's). */
  hours: Array<{ date: string; hours: number }>
}

/** The facts of one case as of `today` (YYYY-MM-DD). */
export async function caseFactsOf(services: Services<CaseFactsPorts>, caseId: string, today: string): Promise<CaseFacts> {
  // Each document is read where it lives, into plain values: no copy of either (issue 21: a copy per
  // room and case made the annual figures of a few hundred cases hold the event loop for 100 ms and more).
  const plan = await services.documents.readDocument({ kind: 'plan', caseId }, planSummaryPart)
  const notes = await services.documents.readDocument({ kind: 'notes', caseId }, (doc) => ({
    part: notesSummaryPart(doc),
    interimSchedule: interimScheduleOf(doc),
    lastInterimReport: lastInterimReportDate(doc),
    gender: coacheeGenderOf(doc),
  }))
  const summary = summariseCaseParts(plan, notes.part)
  const interimDue = summary?.startDate
    ? interimReportDue({ startDate: summary.startDate, expectedEndDate: summary.expectedEndDate }, today, notes.interimSchedule, notes.lastInterimReport)
    : null
  const consentEndDates = (await services.storage.listConsents(caseId))
    .filter((grant) => grant.revokedAt === null && grant.lapsedAt === null && grant.validUntil !== null)
    .map((grant) => grant.validUntil as string)
  // Releases from confidentiality end like consents and are reminded of with them (issue 16).
  const releaseEndDates = (await services.storage.listReleases(caseId))
    .filter((release) => release.revokedAt === null && release.lapsedAt === null && release.validUntil !== null)
    .map((release) => release.validUntil as string)
  const hours = notes.part.notes?.hours.map((entry) => ({ date: entry.date, hours: entry.hours })) ?? []
  // The approvals' last covered day, where the case has approvals (issue 18); the plan's end date stands in otherwise.
  const approvals = effectiveApprovals(await services.storage.listApprovals(caseId))
  // The run today lies in (or the next); past every run, the last day approved (then the item is overdue).
  const lastApproved = approvals.reduce<string | undefined>((last, approval) => (last === undefined || approval.validUntil > last ? approval.validUntil : last), undefined)
  const approvedUntil = approvals.length > 0 ? (approvalStatus(approvals, hours, today).coveredUntil ?? lastApproved) : undefined
  return {
    summary,
    due: { summary, interimDue, consentEndDates: [...consentEndDates, ...releaseEndDates], ...(approvedUntil !== undefined ? { approvedUntil } : {}) },
    gender: notes.gender,
    hours,
  }
}
