/**
 * Approval arithmetic (Bewilligung / Kostengutsprache), pure: which
 * approvals count, what they add up to at a date, how much of it the hours
 * log has used, and when the money runs out. The server derives the plan's
 * hours budget from it; the client shows the same numbers and warns with it.
 *
 * Records are never changed: an extension is a new record naming the
 * approval it extends, a correction a new record naming the one it
 * replaces (the replaced one stays in the history, it just no longer
 * counts). Dates are ISO calendar days; a period includes both its days.
 */
import { addDays, dayNumber } from '../process/dates.js'

/** One approval record as the arithmetic needs it. */
export interface ApprovalRecord {
  id: string
  /** An approval, or an extension of one (`extendsId`). */
  kind: 'approval' | 'extension'
  /** The approval an extension extends (null for an approval). */
  extendsId: string | null
  /** The record this one corrects: that one stops counting. */
  correctsId: string | null
  /** First and last day the approved hours may be used (inclusive). */
  validFrom: string
  validUntil: string
  /** Approved hours of this record alone (an extension: the hours it adds). */
  hours: number
  /** When it was recorded (ISO time): a later correction of the same record wins. */
  recordedAt: string
}

/** An hours log entry as the arithmetic needs it. */
export interface UsedHours {
  date: string
  hours: number
}

/** A continuous run of covered days. */
export interface Coverage {
  from: string
  until: string
}

/**
 * The records that count: every record not corrected by a later one. A
 * correction of a correction replaces that one in turn, so the newest
 * record of each chain counts.
 */
export function effectiveApprovals<T extends ApprovalRecord>(records: readonly T[]): T[] {
  const corrected = new Set<string>()
  for (const record of records) {
    if (record.correctsId !== null && record.correctsId !== record.id) {
      corrected.add(record.correctsId)
    }
  }
  return records.filter((record) => !corrected.has(record.id)).sort(byPeriod)
}

function byPeriod(a: ApprovalRecord, b: ApprovalRecord): number {
  return a.validFrom.localeCompare(b.validFrom) || a.validUntil.localeCompare(b.validUntil) || a.recordedAt.localeCompare(b.recordedAt) || a.id.localeCompare(b.id)
}

/** Hours approved in total by the records that count (the plan's hours budget). */
export function totalApprovedHours(records: readonly ApprovalRecord[]): number {
  return roundHours(effectiveApprovals(records).reduce((sum, record) => sum + record.hours, 0))
}

/** Hours approved by `date`: the counting records whose period has begun on that day. */
export function approvedHoursAt(records: readonly ApprovalRecord[], date: string): number {
  return roundHours(
    effectiveApprovals(records)
      .filter((record) => record.validFrom <= date)
      .reduce((sum, record) => sum + record.hours, 0),
  )
}

/** The covered days of the counting records as continuous runs, in order (adjacent periods join). */
export function coverage(records: readonly ApprovalRecord[]): Coverage[] {
  const runs: Coverage[] = []
  for (const record of effectiveApprovals(records)) {
    if (record.validUntil < record.validFrom) {
      continue
    }
    const last = runs.at(-1)
    if (last !== undefined && record.validFrom <= addDays(last.until, 1)) {
      if (record.validUntil > last.until) {
        last.until = record.validUntil
      }
    } else {
      runs.push({ from: record.validFrom, until: record.validUntil })
    }
  }
  return runs
}

/** Whether `date` lies in an approved period. */
export function isCovered(records: readonly ApprovalRecord[], date: string): boolean {
  return coverage(records).some((run) => run.from <= date && date <= run.until)
}

/**
 * Pairs of counting approvals (not extensions) whose periods overlap: the
 * same hours entered twice, or two decisions to check. Extensions overlap
 * their approval by nature and are left out.
 */
export function overlappingApprovals<T extends ApprovalRecord>(records: readonly T[]): Array<[T, T]> {
  const approvals = effectiveApprovals(records).filter((record) => record.kind === 'approval')
  const pairs: Array<[T, T]> = []
  approvals.forEach((a, index) => {
    for (const b of approvals.slice(index + 1)) {
      if (a.validFrom <= b.validUntil && b.validFrom <= a.validUntil) {
        pairs.push([a, b])
      }
    }
  })
  return pairs
}

/** The state of a case's approvals on one day. */
export interface ApprovalStatus {
  /** Hours approved in total (counting records). */
  approved: number
  /** Hours of the log up to `today` inside an approved period. */
  used: number
  /** Hours of the log up to `today` outside every approved period (not covered by an approval). */
  uncovered: number
  /** approved - used (negative when more was used than approved). */
  remaining: number
  /** The last day of the approved run `today` lies in (or of the next one, when today is before it); null when none is ahead. */
  coveredUntil: string | null
  /** Days from today to coveredUntil (0 on its last day); null without one. */
  daysLeft: number | null
  /** True while today lies inside an approved period. */
  coveredToday: boolean
}

/** Sums the approvals against the hours log as of `today`. */
export function approvalStatus(records: readonly ApprovalRecord[], hours: readonly UsedHours[], today: string): ApprovalStatus {
  const runs = coverage(records)
  const inRun = (date: string): boolean => runs.some((run) => run.from <= date && date <= run.until)
  let used = 0
  let uncovered = 0
  for (const entry of hours) {
    if (entry.date > today) {
      continue
    }
    if (inRun(entry.date)) {
      used += entry.hours
    } else {
      uncovered += entry.hours
    }
  }
  const approved = totalApprovedHours(records)
  const current = runs.find((run) => today <= run.until) ?? null
  return {
    approved,
    used: roundHours(used),
    uncovered: roundHours(uncovered),
    remaining: roundHours(approved - used),
    coveredUntil: current?.until ?? null,
    daysLeft: current === null ? null : dayNumber(current.until) - dayNumber(today),
    coveredToday: current !== null && current.from <= today,
  }
}

/** How many days before the approved period ends the app warns (a request for extension takes weeks). */
export const ApprovalEndLeadDays = 42
/** Warn when no more than this share of the approved hours is left. */
export const ApprovalHoursLowRatio = 0.15

export type ApprovalWarningCode =
  /** The approved period ends within {@link ApprovalEndLeadDays}. */
  | 'endsSoon'
  /** The last approved period is over. */
  | 'ended'
  /** Few approved hours are left. */
  | 'hoursLow'
  /** More hours were used than approved. */
  | 'hoursExhausted'

export interface ApprovalWarning {
  code: ApprovalWarningCode
  /** endsSoon / ended: the last approved day. */
  date?: string
  /** endsSoon: days until then. */
  days?: number
  /** hoursLow / hoursExhausted: the hours left (negative: over). */
  hours?: number
}

/** The warnings of a case with approvals (none without approvals), most urgent first. */
export function approvalWarnings(records: readonly ApprovalRecord[], hours: readonly UsedHours[], today: string): ApprovalWarning[] {
  if (effectiveApprovals(records).length === 0) {
    return []
  }
  const status = approvalStatus(records, hours, today)
  const warnings: ApprovalWarning[] = []
  if (status.coveredUntil === null) {
    const last = coverage(records).at(-1)
    warnings.push({ code: 'ended', ...(last !== undefined ? { date: last.until } : {}) })
  } else if (status.coveredToday && status.daysLeft !== null && status.daysLeft <= ApprovalEndLeadDays) {
    warnings.push({ code: 'endsSoon', date: status.coveredUntil, days: status.daysLeft })
  }
  if (status.remaining < 0 || (status.approved > 0 && status.remaining === 0)) {
    warnings.push({ code: 'hoursExhausted', hours: status.remaining })
  } else if (status.approved > 0 && status.remaining <= status.approved * ApprovalHoursLowRatio) {
    warnings.push({ code: 'hoursLow', hours: status.remaining })
  }
  return warnings
}

/** Hours to two decimals, so sums of quarter hours do not show float noise. */
function roundHours(hours: number): number {
  return Math.round(hours * 100) / 100
}
