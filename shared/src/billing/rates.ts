/**
 * Which rate an hour of the hours log is billed at (issue 18, billing).
 * Pure, shared: the server builds invoice drafts with it, the client shows
 * the same rule. The rule, in order:
 *
 * 1. The rate of the approval (Bewilligung / Kostengutsprache) that covers
 *    the day of the work: the funding body agreed to pay it. An extension
 *    without a rate of its own bills at the rate of the approval it extends.
 *    Where several counting approvals cover the day, the one that began
 *    last wins (it is the newer decision).
 * 2. Otherwise the rate on the coach's account: freelance pool coaches bill
 *    by the hour (e.g. 40–50 €) or a flat fee for a short job (e.g. 300 €).
 *    A flat fee is billed once per case: with the case's first invoice;
 *    later months show their hours at no further charge.
 * 3. Otherwise no rate: the draft shows the line, and it cannot be issued.
 */
import { effectiveApprovals, type ApprovalRecord } from '../funding/approvals.js'

export const RateKinds = ['hourly', 'flat'] as const
export type RateKind = (typeof RateKinds)[number]
export type RateCurrency = 'EUR' | 'CHF'

/** A coach's own rate, set by an admin on the account. */
export interface CoachRate {
  kind: RateKind
  /** Per hour (hourly) or per case (flat), in cents. */
  cents: number
  currency: RateCurrency
}

/** An approval record with its rate (per hour, in cents; null: none given). */
export interface RatedApproval extends ApprovalRecord {
  rateCents: number | null
  currency: RateCurrency
}

/** Where an applied rate comes from. */
export type RateSource = 'approval' | 'coach'

/** The rate that applies to an hour. */
export interface AppliedRate {
  kind: RateKind
  cents: number
  currency: RateCurrency
  source: RateSource
}

/** The rate of an approval record: its own, or (an extension without one) that of the approval it extends. */
function rateOfApproval(record: RatedApproval, all: readonly RatedApproval[]): number | null {
  if (record.rateCents !== null) {
    return record.rateCents
  }
  if (record.kind === 'extension' && record.extendsId !== null) {
    const extended = effectiveApprovals(all).find((candidate) => candidate.id === record.extendsId)
    return extended?.rateCents ?? null
  }
  return null
}

/** The rate for work on `date` by a coach with `coachRate` in a case with `approvals`; null when none applies. */
export function applicableRate(date: string, approvals: readonly RatedApproval[], coachRate: CoachRate | null): AppliedRate | null {
  const covering = effectiveApprovals(approvals)
    .filter((record) => record.validFrom <= date && date <= record.validUntil)
    .map((record) => ({ record, cents: rateOfApproval(record, approvals) }))
    .filter((candidate): candidate is { record: RatedApproval; cents: number } => candidate.cents !== null)
  // effectiveApprovals sorts by period: the last covering one began last.
  const newest = covering.at(-1)
  if (newest !== undefined) {
    return { kind: 'hourly', cents: newest.cents, currency: newest.record.currency, source: 'approval' }
  }
  return coachRate === null ? null : { ...coachRate, source: 'coach' }
}

/** Two rates bill alike (one invoice line). */
export function sameRate(a: AppliedRate, b: AppliedRate): boolean {
  return a.kind === b.kind && a.cents === b.cents && a.currency === b.currency && a.source === b.source
}

/**
 * The amount of a line in cents: hours times the hourly rate (rounded to
 * the cent), or the flat fee once per case (`flatBilledBefore`: an earlier
 * invoice of the case carried it already).
 */
export function lineAmountCents(rate: AppliedRate, hours: number, flatBilledBefore: boolean): number {
  if (rate.kind === 'flat') {
    return flatBilledBefore ? 0 : rate.cents
  }
  return Math.round(hours * rate.cents)
}
