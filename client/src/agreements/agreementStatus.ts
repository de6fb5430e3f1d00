/**
 * Who agreed to which version of the measure plan: per member the latest
 * agreement and whether it matches the plan as it is now (its live hash).
 */
import type { Agreement } from '../../../shared/src/api/agreements.js'
import type { Member } from '../../../shared/src/api/cases.js'
import type { CaseRole } from '../../../shared/src/policy/access.js'
import type { Phase } from '../../../shared/src/caseDocument/plan.js'
import type { CaseFlow } from '../../../shared/src/api/cases.js'
import { agreementComplete } from '../../../shared/src/process/agreementCompleteness.js'

/** One member's agreement state. */
export interface MemberAgreement {
  userId: string
  name: string
  role: CaseRole
  /** The member's newest agreement, or null when they never agreed. */
  latest: Agreement | null
  /** Whether the newest agreement is to the current plan version. */
  current: boolean
}

export interface AgreementStatus {
  /** Every member, in member order (plus people who agreed and have left, at the end). */
  members: MemberAgreement[]
  /** Members whose newest agreement is to the current version. */
  agreedToCurrent: MemberAgreement[]
  /**
   * Members who agreed to an earlier version and not to this one: the plan
   * changed since they agreed, and a new agreement is needed.
   */
  changedSinceAgreed: MemberAgreement[]
  /** The plan changed after someone agreed (there are outdated agreements). */
  changedSince: boolean
}

function newer(a: Agreement, b: Agreement): boolean {
  return Date.parse(a.at) > Date.parse(b.at)
}

/**
 * The agreement status of a case. `currentHash` is the live hash of the
 * local plan doc, or (before it is computed) the server's currentPlanHash;
 * with null nothing counts as current.
 */
export function agreementStatus(agreements: readonly Agreement[], members: readonly Member[], currentHash: string | null): AgreementStatus {
  const latestByUser = new Map<string, Agreement>()
  for (const agreement of agreements) {
    const seen = latestByUser.get(agreement.userId)
    if (!seen || newer(agreement, seen)) {
      latestByUser.set(agreement.userId, agreement)
    }
  }
  const entry = (userId: string, name: string, role: CaseRole): MemberAgreement => {
    const latest = latestByUser.get(userId) ?? null
    return { userId, name, role, latest, current: latest !== null && currentHash !== null && latest.planHash === currentHash }
  }
  const memberIds = new Set(members.map((member) => member.userId))
  const list = members.map((member) => entry(member.userId, member.name, member.role))
  for (const [userId, agreement] of latestByUser) {
    if (!memberIds.has(userId)) {
      list.push(entry(userId, agreement.userName, agreement.role))
    }
  }
  const agreedToCurrent = list.filter((item) => item.current)
  const changedSinceAgreed = list.filter((item) => item.latest !== null && !item.current && memberIds.has(item.userId))
  return { members: list, agreedToCurrent, changedSinceAgreed, changedSince: currentHash !== null && changedSinceAgreed.length > 0 }
}

/**
 * The `planAgreed` fact of the completeness list (shared/src/process/completeness.ts,
 * "noch nicht von allen vereinbart"): whether every member who must agree
 * agreed to the current plan version (contract §8.3, the same rule as the
 * server's `complete`); false when nobody agreed at all once the analysis
 * phase is over; undefined
 * while agreements or the current hash are not known, and in the analysis
 * phase before anyone agreed (the plan is still being worked out).
 */
export function planAgreedFact(
  agreements: readonly Agreement[] | null,
  members: readonly Member[],
  currentHash: string | null,
  currentPhase: Phase,
  flow: CaseFlow = 'de',
): boolean | undefined {
  if (agreements === null || currentHash === null) {
    return undefined
  }
  if (agreements.length === 0) {
    return currentPhase === 'analysis' ? undefined : false
  }
  return agreementComplete(agreements, members, currentHash, flow)
}
