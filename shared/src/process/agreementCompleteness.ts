/**
 * When the measure plan counts as agreed by everyone (contract §8.3): every
 * coachee and employer member of the case agreed to the current content
 * (its hash); under the Swiss flow the coaches too. Server (`complete` in
 * `GET /api/cases/:id/agreements`) and client (against its live hash) apply
 * the same rule.
 */
import type { CaseFlow } from '../api/cases.js'
import { actsForCoachee, type CaseRole } from '../policy/access.js'

/** The roles whose every member must agree, per flow. */
export function rolesThatMustAgree(flow: CaseFlow): readonly CaseRole[] {
  return flow === 'ch' ? ['coach', 'employer', 'coachee'] : ['employer', 'coachee']
}

/**
 * Whether every member who must agree has an agreement to `currentHash`.
 * False while the hash is unknown, and while nobody who must agree is a
 * member yet (a plan nobody at the workplace has seen is not agreed).
 */
export function agreementComplete(
  agreements: ReadonlyArray<{ userId: string; planHash: string }>,
  members: ReadonlyArray<{ userId: string; role: CaseRole }>,
  currentHash: string | null,
  flow: CaseFlow,
): boolean {
  if (currentHash === null) {
    return false
  }
  const roles = rolesThatMustAgree(flow)
  const required = members.filter((member) => roles.includes(member.role))
  const agreed = new Set(agreements.filter((agreement) => agreement.planHash === currentHash).map((agreement) => agreement.userId))
  // A legal guardian agrees for the coachee (issue 16): their agreement stands in for the coachee's.
  const guardianAgreed = members.some((member) => actsForCoachee(member.role) && agreed.has(member.userId))
  return required.length > 0 && required.every((member) => agreed.has(member.userId) || (member.role === 'coachee' && guardianAgreed))
}
