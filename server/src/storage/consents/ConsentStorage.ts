/** Consent grants (contract §4): records and port. */
import type { ConfidentialField } from '../../../../shared/src/caseDocument/confidential.js'
import type { CaseRole } from '../../../../shared/src/policy/access.js'
import type { AuditOf } from '../audit/AuditStorage.js'

/** A consent grant (contract §4): the coachee lets one member read one confidential field. */
export interface ConsentRecord {
  id: string
  caseId: string
  field: ConfidentialField
  /** The recipient's membership. */
  memberId: string
  recipientUserId: string
  recipientRole: CaseRole
  purpose: string
  evidence: 'inApp' | 'signedForm'
  /** ISO date a paper form was signed (signedForm only). */
  signedOn: string | null
  grantedAt: string
  grantedBy: string
  /** Last ISO day the grant holds (inclusive), or null. */
  validUntil: string | null
  revokedAt: string | null
  revokedBy: string | null
  /** When the consent sweeper recorded that validUntil passed. */
  lapsedAt: string | null
}

/** A grant with the names the list shows. */
export interface ConsentWithNames extends ConsentRecord {
  recipientName: string
  grantedByName: string
  revokedByName: string | null
}

/** A grant whose validUntil passed, as {@link ConsentStorage.recordLapsedConsents} marks it. */
export type LapsedConsent = Pick<ConsentRecord, 'id' | 'caseId' | 'field' | 'memberId'>

/** Consent grants; stored here, never in a CRDT (contract §4). */
export interface ConsentStorage {
  /** Inserts a grant with `audit`; false (nothing written) when the member already has an unended grant for the field. */
  addConsent(grant: ConsentRecord, audit?: AuditOf): Promise<boolean>
  /** A case's grants, newest first. */
  listConsents(caseId: string): Promise<ConsentWithNames[]>
  /**
   * Revokes an unended grant, with `audit` (given the grant) in the same
   * transaction; 'ended' or 'notFound' (nothing written) when it was revoked
   * or lapsed already, or never existed.
   */
  revokeConsent(caseId: string, grantId: string, at: string, by: string, audit?: AuditOf<LapsedConsent>): Promise<'revoked' | 'notFound' | 'ended'>
  /** Fields a member may read by consent on `today` (ISO date): not revoked, not lapsed, validUntil not passed. */
  activeConsentFields(caseId: string, memberId: string, today: string): Promise<ConfidentialField[]>
  /** Marks unended grants whose validUntil is before `today` as lapsed at `at`, with `audit` (given them); returns them. */
  recordLapsedConsents(today: string, at: string, audit?: AuditOf<LapsedConsent[]>): Promise<LapsedConsent[]>
}
