/**
 * Matching a request to pool coaches (issue 20 point 6): "the most suitable
 * job coach" by group, region, free hours, fit of specialisation, languages
 * and the current caseload against the Personalschlüssel. A pure score with
 * its reasons, so the office sees why a coach ranks where they do; the
 * office still proposes the tandem itself.
 */
import type { MatchNeeds, MatchReason, PoolGroup, PoolProfile, RankedCoach } from '../api/pool.js'

/** Points of each factor (their maximum); the sum is at most 100. */
export const MatchWeights = { group: 20, region: 25, hours: 15, caseType: 5, specialisation: 20, languages: 5, caseload: 10 } as const

const groupPoints: Readonly<Record<PoolGroup, number>> = { group1: 20, group2: 16, group3: 10 }

export interface MatchCandidate {
  userId: string
  name: string
  group: PoolGroup
  profile: PoolProfile
  /** The weighted caseload (shared/src/process/caseload.ts): 1 = at the guideline. */
  load: number
  /** The Kennenlerngespräch has been held. */
  meetingHeld: boolean
}

/** Region: a postcode area of the coach that covers the postcode, else how many leading digits match. */
function regionReason(needs: MatchNeeds, profile: PoolProfile): MatchReason {
  if (profile.postcodeAreas.some((area) => needs.postcode.startsWith(area))) {
    return { factor: 'region', points: MatchWeights.region, detail: 'covered' }
  }
  const shared = Math.max(0, ...profile.postcodeAreas.map((area) => commonPrefix(area, needs.postcode)))
  if (shared >= 2) {
    return { factor: 'region', points: 12, detail: 'nearby' }
  }
  if (shared === 1) {
    return { factor: 'region', points: 4, detail: 'sameZone' }
  }
  return { factor: 'region', points: 0, detail: 'outside' }
}

function commonPrefix(a: string, b: string): number {
  let length = 0
  while (length < a.length && length < b.length && a[length] === b[length]) {
    length += 1
  }
  return length
}

function hoursReason(needs: MatchNeeds, profile: PoolProfile): MatchReason {
  if (needs.hoursPerWeek <= 0 || profile.hoursFreePerWeek >= needs.hoursPerWeek) {
    return { factor: 'hours', points: profile.hoursFreePerWeek > 0 ? MatchWeights.hours : 0, detail: profile.hoursFreePerWeek > 0 ? 'enough' : 'none' }
  }
  const points = Math.round((MatchWeights.hours * profile.hoursFreePerWeek) / needs.hoursPerWeek)
  return { factor: 'hours', points, detail: profile.hoursFreePerWeek > 0 ? 'partly' : 'none' }
}

function coverage<T>(needed: readonly T[], offered: readonly T[]): number {
  return needed.length === 0 ? 1 : needed.filter((item) => offered.includes(item)).length / needed.length
}

function specialisationReason(needs: MatchNeeds, profile: PoolProfile): MatchReason {
  if (needs.specialisations.length === 0) {
    return { factor: 'specialisation', points: MatchWeights.specialisation / 2, detail: 'noneNeeded' }
  }
  const share = coverage(needs.specialisations, profile.specialisations)
  return { factor: 'specialisation', points: Math.round(MatchWeights.specialisation * share), detail: share === 1 ? 'all' : share > 0 ? 'some' : 'missing' }
}

function languagesReason(needs: MatchNeeds, profile: PoolProfile): MatchReason {
  const share = coverage(needs.languages, profile.languages)
  return { factor: 'languages', points: Math.round(MatchWeights.languages * share), detail: share === 1 ? 'all' : share > 0 ? 'some' : 'missing' }
}

function caseloadReason(load: number): MatchReason {
  if (load > 1) {
    return { factor: 'caseload', points: -MatchWeights.caseload, detail: 'overGuideline' }
  }
  return { factor: 'caseload', points: Math.round(MatchWeights.caseload * (1 - load)), detail: load >= 0.8 ? 'nearGuideline' : 'room' }
}

/** The score of one candidate with a reason per factor. */
export function scoreCandidate(needs: MatchNeeds, candidate: MatchCandidate): RankedCoach {
  const { profile } = candidate
  const reasons: MatchReason[] = [
    { factor: 'group', points: groupPoints[candidate.group], detail: candidate.group },
    regionReason(needs, profile),
    hoursReason(needs, profile),
    { factor: 'caseType', points: profile.caseTypes.includes(needs.caseType) ? MatchWeights.caseType : 0, detail: profile.caseTypes.includes(needs.caseType) ? 'fits' : 'other' },
    specialisationReason(needs, profile),
    languagesReason(needs, profile),
    caseloadReason(candidate.load),
  ]
  if (!candidate.meetingHeld) {
    // Not a penalty in points: the office decides, but should see it.
    reasons.push({ factor: 'meeting', points: 0, detail: 'notHeld' })
  }
  const score = reasons.reduce((sum, reason) => sum + reason.points, 0)
  return { userId: candidate.userId, name: candidate.name, score, reasons }
}

/** Candidates ranked best first (equal scores by name, then id: a stable order). */
export function rankCandidates(needs: MatchNeeds, candidates: readonly MatchCandidate[]): RankedCoach[] {
  return candidates
    .map((candidate) => scoreCandidate(needs, candidate))
    .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name, 'de') || a.userId.localeCompare(b.userId))
}
