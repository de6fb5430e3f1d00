/**
 * Releases from confidentiality (issue 16) on either backend, following
 * consents/consentStore.ts: names and purpose sealed as one JSON value with
 * the case's data key; the rows go with the case (ON DELETE CASCADE).
 */
import type { ReleaseEvidence, ReleaseRecipientKind } from '../../../../shared/src/api/releases.js'
import { insertAuditOf } from '../audit/auditStore.js'
import { all, get, run, type Param } from '../sql/query.js'
import type { StoreContext } from '../StoreContext.js'
import type { LapsedRelease, ReleaseRecord, ReleaseStorage, ReleaseWithNames } from './ReleaseStorage.js'

/** Columns of confidentiality_releases. */
interface ReleaseRow {
  id: string
  case_id: string
  releasor_member_id: string
  releasor_user_id: string
  releasor_role: 'coachee' | 'guardian'
  recipient_kind: ReleaseRecipientKind
  recipient_member_id: string | null
  /** Sealed JSON of {@link SealedDetails}. */
  details: string
  valid_from: string
  valid_until: string | null
  evidence: ReleaseEvidence
  signed_on: string | null
  recorded_at: string
  recorded_by: string
  revoked_at: string | null
  revoked_by: string | null
  lapsed_at: string | null
}

interface ReleaseRowWithNames extends ReleaseRow {
  releasor_name: string
  recorded_by_name: string
  revoked_by_name: string | null
}

/** What is sealed: the names and the purpose, the release's own words. */
interface SealedDetails {
  releasedParty: string
  recipientName: string
  purpose: string
}

/** Column list of an insert, in the order of {@link releaseValues}. */
export const RELEASE_COLUMNS =
  'id, case_id, releasor_member_id, releasor_user_id, releasor_role, recipient_kind, recipient_member_id, details, valid_from, valid_until, evidence, signed_on, recorded_at, recorded_by, revoked_at, revoked_by, lapsed_at'

function releaseValues(release: ReleaseRecord, details: string): Param[] {
  return [
    release.id,
    release.caseId,
    release.releasorMemberId,
    release.releasorUserId,
    release.releasorRole,
    release.recipientKind,
    release.recipientMemberId,
    details,
    release.validFrom,
    release.validUntil,
    release.evidence,
    release.signedOn,
    release.recordedAt,
    release.recordedBy,
    release.revokedAt,
    release.revokedBy,
    release.lapsedAt,
  ]
}

function toReleaseWithNames(row: ReleaseRowWithNames): ReleaseWithNames {
  const details = JSON.parse(row.details) as SealedDetails
  return {
    id: row.id,
    caseId: row.case_id,
    releasorMemberId: row.releasor_member_id,
    releasorUserId: row.releasor_user_id,
    releasorRole: row.releasor_role,
    releasedParty: details.releasedParty,
    recipientKind: row.recipient_kind,
    recipientName: details.recipientName,
    recipientMemberId: row.recipient_member_id,
    purpose: details.purpose,
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    evidence: row.evidence,
    signedOn: row.signed_on,
    recordedAt: row.recorded_at,
    recordedBy: row.recorded_by,
    revokedAt: row.revoked_at,
    revokedBy: row.revoked_by,
    lapsedAt: row.lapsed_at,
    releasorName: row.releasor_name,
    recordedByName: row.recorded_by_name,
    revokedByName: row.revoked_by_name,
  }
}

const toLapsed = (row: Pick<ReleaseRow, 'id' | 'case_id'>): LapsedRelease => ({ id: row.id, caseId: row.case_id })

const SQL_INSERT_RELEASE = `INSERT INTO confidentiality_releases (${RELEASE_COLUMNS})
  VALUES (${RELEASE_COLUMNS.split(',').map(() => '?').join(', ')})`
const SQL_RELEASES_OF_CASE = `SELECT r.*, ru.name AS releasor_name, rec.name AS recorded_by_name, rv.name AS revoked_by_name
  FROM confidentiality_releases r JOIN users ru ON ru.id = r.releasor_user_id JOIN users rec ON rec.id = r.recorded_by
  LEFT JOIN users rv ON rv.id = r.revoked_by
  WHERE r.case_id = ? ORDER BY r.recorded_at DESC, r.id`
const SQL_REVOKE_RELEASE = `UPDATE confidentiality_releases SET revoked_at = ?, revoked_by = ?
  WHERE case_id = ? AND id = ? AND revoked_at IS NULL AND lapsed_at IS NULL RETURNING id, case_id`
const SQL_RELEASE_EXISTS = 'SELECT 1 AS found FROM confidentiality_releases WHERE case_id = ? AND id = ?'
const SQL_RECORD_LAPSES = `UPDATE confidentiality_releases SET lapsed_at = ?
  WHERE revoked_at IS NULL AND lapsed_at IS NULL AND valid_until IS NOT NULL AND valid_until < ? RETURNING id, case_id`

/** {@link ReleaseStorage} on either backend. */
export function createReleaseStore({ db, atRest }: StoreContext): ReleaseStorage {
  return {
    async addRelease(release, audit) {
      const sealed: SealedDetails = { releasedParty: release.releasedParty, recipientName: release.recipientName, purpose: release.purpose }
      const details = await atRest.sealReleaseDetails(release.caseId, release.id, JSON.stringify(sealed))
      await db.transaction(function* () {
        yield* run(SQL_INSERT_RELEASE, ...releaseValues(release, details))
        yield* insertAuditOf(audit, undefined)
      })
    },

    listReleases: async (caseId) =>
      (await atRest.openReleaseRows(caseId, await db.query(all<ReleaseRowWithNames>(SQL_RELEASES_OF_CASE, caseId)))).map(toReleaseWithNames),

    revokeRelease: (caseId, releaseId, at, by, audit) =>
      db.transaction(function* () {
        const [revoked] = yield* all<ReleaseRow>(SQL_REVOKE_RELEASE, at, by, caseId, releaseId)
        if (revoked === undefined) {
          return (yield* get(SQL_RELEASE_EXISTS, caseId, releaseId)) === undefined ? 'notFound' : 'ended'
        }
        yield* insertAuditOf(audit, toLapsed(revoked))
        return 'revoked'
      }),

    recordLapsedReleases: (today, at, audit) =>
      db.transaction(function* () {
        const lapsed = (yield* all<ReleaseRow>(SQL_RECORD_LAPSES, at, today)).map(toLapsed)
        if (lapsed.length > 0) {
          yield* insertAuditOf(audit, lapsed)
        }
        return lapsed
      }),
  }
}
