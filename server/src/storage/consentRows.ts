/** The consent_grants row as both dialects return it (same column names), and its mapping. */
import type { ConfidentialField } from '../../../shared/src/caseDocument/confidential.js'
import type { CaseRole } from '../../../shared/src/policy/access.js'
import type { ConsentRecord, ConsentWithNames, LapsedConsent } from './Storage.js'

/** Columns of consent_grants. */
export interface ConsentRow {
  id: string
  case_id: string
  field: ConfidentialField
  member_id: string
  recipient_user_id: string
  recipient_role: CaseRole
  purpose: string
  evidence: 'inApp' | 'signedForm'
  signed_on: string | null
  granted_at: string
  granted_by: string
  valid_until: string | null
  revoked_at: string | null
  revoked_by: string | null
  lapsed_at: string | null
}

/** A row joined with the names of recipient, granter and revoker. */
export interface ConsentRowWithNames extends ConsentRow {
  recipient_name: string
  granted_by_name: string
  revoked_by_name: string | null
}

/** Column list of an insert, in the order of {@link consentValues}. */
export const CONSENT_COLUMNS =
  'id, case_id, field, member_id, recipient_user_id, recipient_role, purpose, evidence, signed_on, granted_at, granted_by, valid_until, revoked_at, revoked_by, lapsed_at'

/** The values of an insert, in the order of {@link CONSENT_COLUMNS}. */
export function consentValues(grant: ConsentRecord): unknown[] {
  return [
    grant.id,
    grant.caseId,
    grant.field,
    grant.memberId,
    grant.recipientUserId,
    grant.recipientRole,
    grant.purpose,
    grant.evidence,
    grant.signedOn,
    grant.grantedAt,
    grant.grantedBy,
    grant.validUntil,
    grant.revokedAt,
    grant.revokedBy,
    grant.lapsedAt,
  ]
}

/** SELECT … FROM consent_grants g with the three names; append a WHERE clause. */
export const SQL_CONSENTS_WITH_NAMES = `SELECT g.*, r.name AS recipient_name, gb.name AS granted_by_name, rb.name AS revoked_by_name
  FROM consent_grants g JOIN users r ON r.id = g.recipient_user_id JOIN users gb ON gb.id = g.granted_by
  LEFT JOIN users rb ON rb.id = g.revoked_by`

export function toConsentWithNames(row: ConsentRowWithNames): ConsentWithNames {
  return {
    id: row.id,
    caseId: row.case_id,
    field: row.field,
    memberId: row.member_id,
    recipientUserId: row.recipient_user_id,
    recipientRole: row.recipient_role,
    purpose: row.purpose,
    evidence: row.evidence,
    signedOn: row.signed_on,
    grantedAt: row.granted_at,
    grantedBy: row.granted_by,
    validUntil: row.valid_until,
    revokedAt: row.revoked_at,
    revokedBy: row.revoked_by,
    lapsedAt: row.lapsed_at,
    recipientName: row.recipient_name,
    grantedByName: row.granted_by_name,
    revokedByName: row.revoked_by_name,
  }
}

export function toLapsedConsent(row: Pick<ConsentRow, 'id' | 'case_id' | 'field' | 'member_id'>): LapsedConsent {
  return { id: row.id, caseId: row.case_id, field: row.field, memberId: row.member_id }
}
