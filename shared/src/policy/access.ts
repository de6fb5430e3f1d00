/**
 * The access policy of contract §3 as data: who may open which room, and how.
 * The server enforces it on every upgrade and re-check; the client reads the
 * same table to decide what to show and make editable. This file is the one
 * place the rule lives.
 */
import type { RoomKind } from '../protocol/roomName.js'

/**
 * Roles a member can have in a case (or in a supervision group). `guardian`
 * is the coachee's legal guardian (rechtliche Betreuung, issue 16): reads the
 * plan like the coachee, agrees to it and grants or revokes consent for the
 * coachee; invited like a coachee.
 */
export const CaseRoles = ['coach', 'employer', 'coachee', 'guardian'] as const
export type CaseRole = (typeof CaseRoles)[number]
export type Role = CaseRole | 'supervisor'

/** What a connection may do in a room. */
export type Access = 'none' | 'read' | 'write'

/**
 * A cell of the access matrix. Conditional cells name the fact they depend
 * on; {@link resolveAccess} turns them into an {@link Access}.
 */
export type AccessRule =
  | 'none'
  | 'read'
  | 'write'
  /** employer on the plan: read, write while `employerCanEdit` is on. */
  | 'readOrWriteIfEmployerCanEdit'
  /** employer on a confidential field: read only with an active consent grant. */
  | 'readWithConsent'
  /** coach on a supervision copy: read, and only the copy's author. */
  | 'readIfAuthor'

/** Contract §3, row by row. */
export const accessMatrix: Readonly<Record<RoomKind, Readonly<Record<Role, AccessRule>>>> = {
  plan: { coach: 'write', employer: 'readOrWriteIfEmployerCanEdit', coachee: 'read', guardian: 'read', supervisor: 'none' },
  notes: { coach: 'write', employer: 'none', coachee: 'none', guardian: 'none', supervisor: 'none' },
  // Issue 19: the Vorabklärung (A2) and Berufsprofil (A3), written by the
  // coaches with the coachee (documentEdits.ts narrows what the coachee may
  // change). Not the employer's business; not the guardian's either (data
  // minimisation, as for the confidential fields); supervisors see it only
  // anonymised, in a copy.
  profile: { coach: 'write', employer: 'none', coachee: 'write', guardian: 'none', supervisor: 'none' },
  // The guardian decides about sharing for the coachee but does not read the
  // coachee's own confidential words (data minimisation, issue 16).
  confidential: { coach: 'write', employer: 'readWithConsent', coachee: 'read', guardian: 'none', supervisor: 'none' },
  supervisionCopy: { coach: 'readIfAuthor', employer: 'none', coachee: 'none', guardian: 'none', supervisor: 'read' },
  supervisionDiscussion: { coach: 'read', employer: 'none', coachee: 'none', guardian: 'none', supervisor: 'write' },
}

/** The facts a conditional rule depends on. */
export interface AccessFacts {
  /** The case's `employerCanEdit` switch. */
  employerCanEdit?: boolean
  /** Whether the member holds an active consent grant for the room's field. */
  hasActiveConsent?: boolean
  /** Whether the user is the author of the supervision copy. */
  isCopyAuthor?: boolean
  /** Whether the case is closed: read-only for everyone (issue 10). */
  caseClosed?: boolean
  /**
   * Whether the room is the old free-text release from confidentiality
   * (issue 16): releases are consent records now, so the old text stays
   * readable where it is and nobody writes to it any more.
   */
  frozenField?: boolean
}

/** Resolves a matrix cell against the facts of one member and room. */
export function resolveAccess(rule: AccessRule, facts: AccessFacts): Access {
  switch (rule) {
    case 'none':
    case 'read':
    case 'write':
      return rule
    case 'readOrWriteIfEmployerCanEdit':
      return facts.employerCanEdit === true ? 'write' : 'read'
    case 'readWithConsent':
      return facts.hasActiveConsent === true ? 'read' : 'none'
    case 'readIfAuthor':
      return facts.isCopyAuthor === true ? 'read' : 'none'
  }
}

/** The access a role has to a kind of room, given the facts. */
export function accessTo(kind: RoomKind, role: Role | null, facts: AccessFacts = {}): Access {
  if (role === null) {
    return 'none'
  }
  const access = resolveAccess(accessMatrix[kind][role], facts)
  return (facts.caseClosed === true || facts.frozenField === true) && access === 'write' ? 'read' : access
}

/** Whether an access allows reading. */
export function canRead(access: Access): boolean {
  return access !== 'none'
}

/** Whether an access allows writing. */
export function canWrite(access: Access): boolean {
  return access === 'write'
}

/**
 * Whether a role reads the confidential fields only by the coachee's consent
 * (the employer): such members are the recipients of consent grants, and see
 * the fields shared with them beside the plan rather than in a tab of their own.
 */
export function readsByConsent(role: CaseRole): boolean {
  return accessMatrix.confidential[role] === 'readWithConsent'
}

/** Whether a role's write access to the plan follows the coaches' `employerCanEdit` switch (the employer). */
export function planWriteFollowsSwitch(role: CaseRole): boolean {
  return accessMatrix.plan[role] === 'readOrWriteIfEmployerCanEdit'
}

/**
 * Whether only a staff account may hold a role in a case: a coach reads the
 * notes and every confidential field, so coaches are the provider's own
 * staff, never an external account made through an invitation link (contract §1).
 */
export function roleNeedsStaffAccount(role: CaseRole): boolean {
  return accessMatrix.notes[role] !== 'none'
}

/** Whether a role acts for the coachee (the legal guardian): its agreements and consents are recorded as given "für" the coachee. */
export function actsForCoachee(role: CaseRole): boolean {
  return role === 'guardian'
}
