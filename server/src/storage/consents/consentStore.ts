/** Consent grants (contract §4) on either backend; purposes sealed with the case's data key. */
import type { ConfidentialField } from '../../../../shared/src/caseDocument/confidential.js'
import type { CaseRole } from '../../../../shared/src/policy/access.js'
import { insertAuditOf } from '../audit/auditStore.js'
import { all, get, run, type Param, type Query } from '../sql/query.js'
import type { StoreContext } from '../StoreContext.js'
import type { ConsentRecord, ConsentStorage, ConsentWithNames, LapsedConsent } from './ConsentStorage.js'

/** Columns of consent_grants. */
interface ConsentRow {
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
interface ConsentRowWithNames extends ConsentRow {
  recipient_name: string
  granted_by_name: string
  revoked_by_name: string | null
}

/** Column list of an insert, in the order of {@link consentValues}. */
export const CONSENT_COLUMNS =
  'id, case_id, field, member_id, recipient_user_id, recipient_role, purpose, evidence, signed_on, granted_at, granted_by, valid_until, revoked_at, revoked_by, lapsed_at'

/** The values of an insert, in the order of {@link CONSENT_COLUMNS}. */
function consentValues(grant: ConsentRecord): Param[] {
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
const SQL_CONSENTS_WITH_NAMES = `SELECT g.*, r.name AS recipient_name, gb.name AS granted_by_name, rb.name AS revoked_by_name
  FROM consent_grants g JOIN users r ON r.id = g.recipient_user_id JOIN users gb ON gb.id = g.granted_by
  LEFT JOIN users rb ON rb.id = g.revoked_by`

function toConsentWithNames(row: ConsentRowWithNames): ConsentWithNames {
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

function toLapsedConsent(row: Pick<ConsentRow, 'id' | 'case_id' | 'field' | 'member_id'>): LapsedConsent {
  return { id: row.id, caseId: row.case_id, field: row.field, memberId: row.member_id }
}

const SQL_INSERT_CONSENT = `INSERT INTO consent_grants (${CONSENT_COLUMNS})
  VALUES (${CONSENT_COLUMNS.split(',').map(() => '?').join(', ')}) ON CONFLICT DO NOTHING`
const SQL_CONSENTS_OF_CASE = `${SQL_CONSENTS_WITH_NAMES} WHERE g.case_id = ? ORDER BY g.granted_at DESC, g.id`
const SQL_REVOKE_CONSENT = `UPDATE consent_grants SET revoked_at = ?, revoked_by = ?
  WHERE case_id = ? AND id = ? AND revoked_at IS NULL AND lapsed_at IS NULL RETURNING id, case_id, field, member_id`
const SQL_CONSENT_EXISTS = 'SELECT 1 AS found FROM consent_grants WHERE case_id = ? AND id = ?'
const SQL_REVOKE_CONSENTS_OF_MEMBER = `UPDATE consent_grants SET revoked_at = ?, revoked_by = ?
  WHERE case_id = ? AND member_id = ? AND revoked_at IS NULL AND lapsed_at IS NULL RETURNING id, case_id, field, member_id`
const SQL_ACTIVE_CONSENT_FIELDS = `SELECT field FROM consent_grants
  WHERE case_id = ? AND member_id = ? AND revoked_at IS NULL AND lapsed_at IS NULL AND (valid_until IS NULL OR valid_until >= ?)`
const SQL_RECORD_LAPSES = `UPDATE consent_grants SET lapsed_at = ?
  WHERE revoked_at IS NULL AND lapsed_at IS NULL AND valid_until IS NOT NULL AND valid_until < ? RETURNING id, case_id, field, member_id`

/** Revokes every unended grant of a member and returns them (inside an operation: the member's removal). */
export function* revokeConsentsOf(caseId: string, memberId: string, at: string, by: string): Query<LapsedConsent[]> {
  return (yield* all<ConsentRow>(SQL_REVOKE_CONSENTS_OF_MEMBER, at, by, caseId, memberId)).map(toLapsedConsent)
}

/** {@link ConsentStorage} on either backend. */
export function createConsentStore({ db, atRest }: StoreContext): ConsentStorage {
  return {
    async addConsent(grant, audit) {
      const purpose = await atRest.sealConsentPurpose(grant.caseId, grant.id, grant.purpose)
      return db.transaction(function* () {
        if ((yield* run(SQL_INSERT_CONSENT, ...consentValues({ ...grant, purpose }))).changes !== 1) {
          return false
        }
        yield* insertAuditOf(audit, undefined)
        return true
      })
    },

    listConsents: async (caseId) => (await atRest.openConsentRows(caseId, await db.query(all<ConsentRowWithNames>(SQL_CONSENTS_OF_CASE, caseId)))).map(toConsentWithNames),

    revokeConsent: (caseId, grantId, at, by, audit) =>
      db.transaction(function* () {
        const [revoked] = yield* all<ConsentRow>(SQL_REVOKE_CONSENT, at, by, caseId, grantId)
        if (revoked === undefined) {
          return (yield* get(SQL_CONSENT_EXISTS, caseId, grantId)) === undefined ? 'notFound' : 'ended'
        }
        yield* insertAuditOf(audit, toLapsedConsent(revoked))
        return 'revoked'
      }),

    activeConsentFields: async (caseId, memberId, today) =>
      (await db.query(all<{ field: ConfidentialField }>(SQL_ACTIVE_CONSENT_FIELDS, caseId, memberId, today))).map((row) => row.field),

    recordLapsedConsents: (today, at, audit) =>
      db.transaction(function* () {
        const lapsed = (yield* all<ConsentRow>(SQL_RECORD_LAPSES, at, today)).map(toLapsedConsent)
        if (lapsed.length > 0) {
          yield* insertAuditOf(audit, lapsed)
        }
        return lapsed
      }),
  }
}
