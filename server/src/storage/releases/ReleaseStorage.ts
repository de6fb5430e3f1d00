/** Releases from confidentiality (Schweigepflichtentbindung, issue 16): records and port. */
import type { ReleaseEvidence, ReleaseRecipientKind } from '../../../../shared/src/api/releases.js'
import type { AuditOf } from '../audit/AuditStorage.js'

/** One release: the coachee (or their guardian for them) releases someone from confidentiality towards someone. */
export interface ReleaseRecord {
  id: string
  caseId: string
  /** The membership of who gave the release (the coachee, or a guardian for the coachee). */
  releasorMemberId: string
  releasorUserId: string
  releasorRole: 'coachee' | 'guardian'
  /** Who is released from confidentiality (sealed). */
  releasedParty: string
  recipientKind: ReleaseRecipientKind
  /** Towards whom (sealed): a person or body, in Fallbuch or not. */
  recipientName: string
  /** Set when the recipient is a member of the case (an employer then sees the release). */
  recipientMemberId: string | null
  /** For what (sealed). */
  purpose: string
  validFrom: string
  /** Last ISO day it holds (inclusive), or null. */
  validUntil: string | null
  evidence: ReleaseEvidence
  signedOn: string | null
  recordedAt: string
  recordedBy: string
  revokedAt: string | null
  revokedBy: string | null
  /** When the sweep recorded that validUntil passed. */
  lapsedAt: string | null
}

/** A release with the names its list shows. */
export interface ReleaseWithNames extends ReleaseRecord {
  releasorName: string
  recordedByName: string
  revokedByName: string | null
}

/** A release whose validUntil passed, as {@link ReleaseStorage.recordLapsedReleases} marks it. */
export type LapsedRelease = Pick<ReleaseRecord, 'id' | 'caseId'>

/** Releases from confidentiality; stored here, sealed with the case's key, erased with the case. */
export interface ReleaseStorage {
  /** Inserts a release with `audit` in the same transaction. */
  addRelease(release: ReleaseRecord, audit?: AuditOf): Promise<void>
  /** A case's releases, newest first. */
  listReleases(caseId: string): Promise<ReleaseWithNames[]>
  /** Revokes an unended release with `audit`; 'ended' or 'notFound' (nothing written) otherwise. */
  revokeRelease(caseId: string, releaseId: string, at: string, by: string, audit?: AuditOf<LapsedRelease>): Promise<'revoked' | 'notFound' | 'ended'>
  /** Marks unended releases whose validUntil is before `today` as lapsed at `at`, with `audit`; returns them. */
  recordLapsedReleases(today: string, at: string, audit?: AuditOf<LapsedRelease[]>): Promise<LapsedRelease[]>
}
