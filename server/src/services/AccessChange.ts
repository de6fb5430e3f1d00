/**
 * What changed about who may open what, as commands describe it: typed, so
 * a subscriber re-checks only what the change can affect (a consent
 * revocation touches one member's connections to one field's room).
 */
import type { ConfidentialField } from '../../../shared/src/caseDocument/confidential.js'

/** One consent grant that started or ended. */
export interface ConsentGrantChange {
  memberId: string
  field: ConfidentialField
}

/** A committed change of access. */
export type AccessChange =
  /** A user joined or left a case (leaving ends their consent grants too). */
  | { kind: 'membership'; caseId: string; userId: string; change: 'added' | 'removed' }
  /** Consent grants of a case were granted, revoked or lapsed. */
  | { kind: 'consent'; caseId: string; change: 'granted' | 'revoked' | 'lapsed'; grants: readonly ConsentGrantChange[] }
  /** The coaches switched the employer's plan editing on or off (read <-> write in place). */
  | { kind: 'employerCanEdit'; caseId: string; employerCanEdit: boolean }
  /** A case was closed: read-only for everyone. */
  | { kind: 'closed'; caseId: string }
  /** A case was erased (its rooms answer 4404), with its unreleased supervision copies. */
  | { kind: 'erased'; caseId: string }
  /** Who may open supervision rooms changed: a group lost a member, or a copy was replaced. */
  | { kind: 'supervision'; groupId?: string; copyId?: string }
  /** An account's sessions ended (deactivation, password reset): its connections close with 4401. */
  | { kind: 'sessions'; userId: string }
  /** One session ended (logout, expiry): its connections close with 4401 and its event streams end. */
  | { kind: 'session'; sessionHash: string }
