/**
 * The funding approvals an erased case leaves behind as billing records
 * (issue 16 point 7 with issue 18): every approval or extension that still
 * counted (not corrected), minimised to what an invoice to the funding body
 * rests on — funding body (id and name), Aktenzeichen, period, hours, rate,
 * the approval an extension extends. Never the decision's reference text or
 * the note. Kept until the end of the calendar year of the approval's last
 * day plus BILLING_RETENTION_YEARS, beside the hours (billingRecords.ts).
 */
import { effectiveApprovals } from '../../../shared/src/funding/approvals.js'
import { newId } from '../ids.js'
import type { RetainedBillingRecord } from '../storage/billing/BillingStorage.js'
import type { ApprovalRecord, CaseFundingWithNames } from '../storage/funding/FundingStorage.js'
import { billingRetainUntil } from './billingRecords.js'

/** The case's funding when an approval was recorded; one recorded only later stands in (the first of them). */
function fundingAt(history: readonly CaseFundingWithNames[], recordedAt: string): CaseFundingWithNames | null {
  const oldestFirst = [...history].sort((a, b) => a.recordedAt.localeCompare(b.recordedAt))
  const before = oldestFirst.filter((record) => record.recordedAt <= recordedAt)
  return before.at(-1) ?? oldestFirst[0] ?? null
}

/** The record that counts for `id`: a corrected record's newest correction (an extension may name the approval as first recorded). */
function countingId(records: readonly ApprovalRecord[], id: string): string {
  const correctedBy = new Map<string, ApprovalRecord>()
  for (const record of [...records].sort((a, b) => a.recordedAt.localeCompare(b.recordedAt))) {
    if (record.correctsId !== null && record.correctsId !== record.id) {
      correctedBy.set(record.correctsId, record)
    }
  }
  const seen = new Set<string>()
  let current = id
  while (correctedBy.has(current) && !seen.has(current)) {
    seen.add(current)
    current = correctedBy.get(current)!.id
  }
  return current
}

/** The minimised billing records of a case's approvals (`history`: its funding records, any order). */
export function approvalBillingRecords(
  approvals: readonly ApprovalRecord[],
  history: readonly CaseFundingWithNames[],
  caseId: string,
  retainedAt: string,
  years: number,
): RetainedBillingRecord[] {
  return effectiveApprovals(approvals).map((approval) => {
    const funding = fundingAt(history, approval.recordedAt)
    return {
      id: newId(),
      caseId,
      kind: 'approval',
      retainedAt,
      retainUntil: billingRetainUntil(approval.validUntil, years),
      details: {
        approvalId: approval.id,
        approvalKind: approval.kind,
        extendsId: approval.extendsId === null ? null : countingId(approvals, approval.extendsId),
        fundingBodyId: funding?.fundingBodyId ?? null,
        fundingBodyName: funding?.fundingBodyName ?? null,
        fileNumber: funding?.fileNumber ?? '',
        validFrom: approval.validFrom,
        validUntil: approval.validUntil,
        hours: approval.hours,
        rateCents: approval.rateCents,
        currency: approval.currency,
      },
    }
  })
}
