/**
 * Releases from confidentiality (Schweigepflichtentbindung, issue 16): a
 * consent record, not a text. The coachee (or their legal guardian for them)
 * releases someone from confidentiality towards someone else — a doctor, a
 * therapist, the funding body, the SBV, people outside Fallbuch too — for a
 * purpose, from one day until another, with evidence. Stored by the server,
 * sealed at rest with the case's key, listed, revocable, and it lapses by
 * itself after its last day.
 */
import { z } from 'zod'
import { Limits } from '../limits.js'
import { addDays } from '../process/dates.js'
import { Id } from './common.js'
import { RecordEnd, SignedEvidence, withSigningDay } from './signedEvidence.js'

const IsoDate = z.iso.date()

/** Towards whom the release holds: the kind of the other side. */
export const ReleaseRecipientKinds = ['doctor', 'therapist', 'fundingBody', 'sbv', 'worksCouncil', 'integrationService', 'employer', 'other'] as const
export const ReleaseRecipientKind = z.enum(ReleaseRecipientKinds)
export type ReleaseRecipientKind = z.infer<typeof ReleaseRecipientKind>

/** How the release was given: a signed paper form, or in the app by the person themselves. */
export const ReleaseEvidence = SignedEvidence
export type ReleaseEvidence = z.infer<typeof ReleaseEvidence>

const ReleaseText = z.string().trim().min(1, 'must not be empty').max(Limits.maxReleaseTextLength)

/**
 * `POST /api/cases/:id/releases`. `releasorMemberId` is the coachee or the
 * legal guardian who gives the release (a guardian gives it "für" the
 * coachee); `releasedParty` who is released (e.g. "Jobcoaches des Falls",
 * "Dr. Weber"); the recipient is a named person or body, optionally a member
 * of the case (`recipientMemberId`, an employer who then sees the release).
 * `validUntil` is the last day it holds (inclusive).
 */
export const RecordReleaseBody = withSigningDay(
  z
    .object({
      releasorMemberId: Id,
      releasedParty: ReleaseText,
      recipientKind: ReleaseRecipientKind,
      recipientName: ReleaseText,
      recipientMemberId: Id.optional(),
      purpose: ReleaseText,
      validFrom: IsoDate,
      validUntil: IsoDate.optional(),
      evidence: ReleaseEvidence,
      signedOn: IsoDate.optional(),
    })
    .strict()
    .refine((body) => body.validUntil === undefined || body.validUntil >= body.validFrom, {
      message: 'must not be before validFrom',
      path: ['validUntil'],
    }),
)
export type RecordReleaseBody = z.infer<typeof RecordReleaseBody>

/** Why a release no longer holds, or null while it does (or has not begun). */
export const ReleaseEnd = RecordEnd

/** A release as its readers see it. */
export const Release = z.object({
  id: Id,
  releasorMemberId: Id,
  releasorName: z.string(),
  /** Set when a legal guardian gave it: the coachee it was given for ("für"). */
  onBehalfOfName: z.string().nullable(),
  releasedParty: z.string(),
  recipientKind: ReleaseRecipientKind,
  recipientName: z.string(),
  recipientMemberId: Id.nullable(),
  purpose: z.string(),
  validFrom: IsoDate,
  validUntil: IsoDate.nullable(),
  evidence: ReleaseEvidence,
  signedOn: IsoDate.nullable(),
  recordedAt: z.iso.datetime(),
  recordedByName: z.string(),
  revokedAt: z.iso.datetime().nullable(),
  revokedByName: z.string().nullable(),
  /** Whether it holds today. */
  active: z.boolean(),
  endedBy: ReleaseEnd.nullable(),
  /** Whether its last day is within {@link ReleaseEndingDays} days (an expiry reminder). */
  endingSoon: z.boolean(),
})
export type Release = z.infer<typeof Release>

/** `GET /api/cases/:id/releases`, newest first. */
export const ReleasesReply = z.object({ releases: z.array(Release) })
export type ReleasesReply = z.infer<typeof ReleasesReply>

/** `POST …/releases` (201) and `DELETE …/releases/:releaseId` (200, revoked). */
export const ReleaseReply = z.object({ release: Release })
export type ReleaseReply = z.infer<typeof ReleaseReply>

/** A release ending within this many days is reminded of (as consents are, mail/digest.ts). */
export const ReleaseEndingDays = 14

/** The state of a release's dates and revocation, as of `today` (ISO day). */
export interface ReleaseDates {
  validFrom: string
  validUntil: string | null
  revokedAt: string | null
}

/** Whether a release holds on `today`: not revoked, begun, and its last day not passed. The one place the rule lives. */
export function releaseHolds(release: ReleaseDates, today: string): boolean {
  return release.revokedAt === null && release.validFrom <= today && (release.validUntil === null || today <= release.validUntil)
}

/** Why a release ended, as of `today`, or null while it holds or has not begun. */
export function releaseEnd(release: ReleaseDates, today: string): z.infer<typeof ReleaseEnd> | null {
  if (release.revokedAt !== null) {
    return 'revoked'
  }
  return release.validUntil !== null && today > release.validUntil ? 'lapsed' : null
}

/** Whether an unended release's last day is within `days` days of `today` (the expiry reminder). */
export function releaseEndingSoon(release: ReleaseDates, today: string, days = ReleaseEndingDays): boolean {
  return releaseEnd(release, today) === null && release.validUntil !== null && release.validUntil <= addDays(today, days)
}
