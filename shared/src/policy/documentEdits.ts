/**
 * Which parts of a document a role may change (contract §8.2): the access
 * matrix (access.ts) says who may write a room at all; this narrows it. An
 * employer allowed to co-edit the plan edits goals, the approach,
 * participants, `employerName` and `workplace`, and the Swiss agreement's
 * parts (issue 19, A6: their commitments, contact person, pay, colleagues,
 * the coach's contacts) — never the title, dates,
 * hours budget (they come from the funding body's approval) or the phase.
 * The relay refuses other changes (4400); the client shows those fields
 * read-only to the employer.
 *
 * In the occupational profile (issue 19) the coachee co-writes their own
 * words — wishes and interests (A2), strengths, resources, restrictions,
 * perspectives and the occupations that fit (A3) — while the career history,
 * the Handlungsplan and the experts' assessments are the coaches' record.
 */
import type { DocPath } from '../caseDocument/roomSchemas.js'
import { ProfileCompetencesMap, ProfileOccupationsArray, ProfileWishesMap } from '../caseDocument/profile.js'
import type { RoomKind } from '../protocol/roomName.js'
import type { Role } from './access.js'

/** Plan roots and meta keys an employer may change. */
const employerPlanRoots: ReadonlySet<string> = new Set(['goals', 'participants', 'approach', 'agreementParts'])
const employerPlanMetaKeys: ReadonlySet<string> = new Set(['employerName', 'workplace'])
/** Profile roots a coachee may change. */
const coacheeProfileRoots: ReadonlySet<string> = new Set([ProfileWishesMap, ProfileCompetencesMap, ProfileOccupationsArray])

/** Whether a role with write access to a room of this kind may change this place. */
export function mayChangePath(kind: RoomKind, role: Role, path: DocPath): boolean {
  if (kind === 'profile' && role !== 'coach') {
    return coacheeProfileRoots.has(path.root)
  }
  if (kind !== 'plan' || role !== 'employer') {
    return true
  }
  if (path.root === 'meta') {
    return path.key !== undefined && employerPlanMetaKeys.has(path.key)
  }
  return employerPlanRoots.has(path.root)
}

/** Whether a role may edit one plan meta field (for the client's form). */
export function mayEditPlanMeta(role: Role, key: string): boolean {
  return mayChangePath('plan', role, { root: 'meta', key })
}

/** The first changed place a role may not change, or undefined when all are allowed. */
export function firstForbiddenPath(kind: RoomKind, role: Role, paths: readonly DocPath[]): DocPath | undefined {
  return paths.find((path) => !mayChangePath(kind, role, path))
}

/** Whether a role may edit one root of the occupational profile (for the client's form). */
export function mayEditProfileRoot(role: Role, root: string): boolean {
  return mayChangePath('profile', role, { root })
}
