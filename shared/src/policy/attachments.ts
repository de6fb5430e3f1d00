/**
 * Who may read and add which attachment (issue 20 point 2): the one place
 * the rule lives; the server enforces it, the client shows what it allows.
 *
 * Case attachments follow the case's rooms (access.ts), per category:
 * - `workAid` (S1: Hilfsmittel und Checklisten): made for the workplace, so
 *   everyone who reads the measure plan reads them — the employer, the
 *   coachee and a guardian; the coaches add and delete them.
 * - `consentForm` (a scanned, signed consent): the coachee's own
 *   declaration, read by the coachee and the guardian who gives consent for
 *   them; never the employer (it names what the coachee shares and with
 *   whom). Coaches add and delete.
 * - `releaseFromConfidentiality` (a scanned Schweigepflichtentbindung):
 *   confidential — read exactly by those who may read the case's
 *   `releaseFromConfidentiality` field under the consent rules of contract
 *   §4 (the coachee; an employer only while an active grant for that field
 *   holds; not the guardian, as for the field). Coaches add and delete.
 * A closed case is read-only for everyone.
 *
 * Pool evidence belongs to the applicant: {@link mayAccessPoolEvidence}.
 */
import type { CaseAttachmentCategory } from '../api/attachments.js'
import { accessTo, type Access, type CaseRole } from './access.js'

/** The facts the case rule depends on. */
export interface CaseAttachmentFacts {
  /** Whether the case is closed (read-only). */
  caseClosed: boolean
  /** Whether the member holds an active consent grant for the `releaseFromConfidentiality` field. */
  hasReleaseConsent: boolean
}

function readersOf(category: CaseAttachmentCategory, role: CaseRole, facts: CaseAttachmentFacts): Access {
  switch (category) {
    case 'workAid':
      return accessTo('plan', role) === 'none' ? 'none' : 'read'
    case 'consentForm':
      return role === 'coachee' || role === 'guardian' ? 'read' : 'none'
    case 'releaseFromConfidentiality':
      return accessTo('confidential', role, { hasActiveConsent: facts.hasReleaseConsent }) === 'none' ? 'none' : 'read'
  }
}

/** A member's access to a case's attachments of `category`: 'write' adds and deletes, 'read' lists and downloads. */
export function caseAttachmentAccess(category: CaseAttachmentCategory, role: CaseRole | null, facts: CaseAttachmentFacts): Access {
  if (role === null) {
    return 'none'
  }
  // Only coaches write: they file the scans and aids of the case (accessTo: the notes are theirs alone).
  const access = accessTo('notes', role) === 'write' ? 'write' : readersOf(category, role, facts)
  return facts.caseClosed && access === 'write' ? 'read' : access
}

/** Who asks about a pool member's evidence. */
export interface PoolEvidenceCaller {
  userId: string
  isAdmin: boolean
  /** The coordination office (issue 20): checks the evidence of applications. */
  isCoordinator?: boolean
  /** The Integrationsamt, the second approver: reads what it approves. */
  isIntegrationsamt?: boolean
}

/** What is done with pool evidence. */
export type PoolEvidenceAction = 'read' | 'upload' | 'delete'

/**
 * Whether `caller` may do `action` with the evidence of the pool member
 * whose account is `ownerUserId`: the applicant themselves does everything;
 * an admin reads and deletes (checking and clearing an application) but
 * never uploads in the applicant's name. The coordination office and the
 * Integrationsamt read it: they check the evidence and decide the
 * admission on it (pool.review); they neither add nor remove it.
 */
export function mayAccessPoolEvidence(caller: PoolEvidenceCaller, ownerUserId: string, action: PoolEvidenceAction): boolean {
  if (caller.userId === ownerUserId) {
    return true
  }
  if (action === 'read' && (caller.isCoordinator === true || caller.isIntegrationsamt === true)) {
    return true
  }
  return caller.isAdmin && action !== 'upload'
}
