/**
 * Consent grants (contract §4, issue "consent"): the coachee allows one
 * member of the case to read one confidential field. Stored by the server,
 * never in a CRDT. A grant records what a release from confidentiality must
 * say: the data category (the field, and whether it is health data), the
 * recipient, the purpose, the date, an optional end date, and the evidence.
 */
import { z } from 'zod'
import { Limits } from '../limits.js'
import { ConfidentialField, HealthDataFields } from '../caseDocument/confidential.js'
import { CaseRole } from './cases.js'
import { Id } from './common.js'
import { RecordEnd, SignedEvidence, withSigningDay } from './signedEvidence.js'

const IsoDate = z.iso.date()

/**
 * `POST /api/cases/:id/consents`. The coachee grants with evidence `inApp`;
 * a coach records a consent given on paper with evidence `signedForm` and
 * the date it was signed (`signedOn`). `validUntil` is the last day the grant
 * holds (inclusive); it lapses by itself afterwards.
 */
export const GrantConsentBody = withSigningDay(
  z
    .object({
      field: ConfidentialField,
      memberId: Id,
      purpose: z.string().trim().min(1, 'must not be empty').max(Limits.maxConsentPurposeLength),
      evidence: SignedEvidence,
      validUntil: IsoDate.optional(),
      signedOn: IsoDate.optional(),
    })
    .strict(),
)
export type GrantConsentBody = z.infer<typeof GrantConsentBody>

/** Why a grant no longer opens the field, or null while it does. */
export const GrantEnd = RecordEnd

/** A grant as every member of the case sees it (transparency is part of consent). */
export const ConsentGrant = z.object({
  id: Id,
  field: ConfidentialField,
  /** Whether the field is health data (GDPR Art. 9). */
  healthData: z.boolean(),
  /** The recipient: a member of the case. */
  memberId: Id,
  memberName: z.string(),
  memberRole: CaseRole,
  purpose: z.string(),
  evidence: z.enum(['inApp', 'signedForm']),
  /** The day a paper form was signed (signedForm only). */
  signedOn: IsoDate.nullable(),
  grantedAt: z.iso.datetime(),
  grantedBy: Id,
  grantedByName: z.string(),
  /** A grant a legal guardian gave is given for the coachee (issue 16): the coachee's name, "für"; null otherwise. */
  onBehalfOfName: z.string().nullable().optional(),
  validUntil: IsoDate.nullable(),
  revokedAt: z.iso.datetime().nullable(),
  revokedBy: Id.nullable(),
  revokedByName: z.string().nullable(),
  /** Whether the grant opens the field now (not revoked, not past validUntil). */
  active: z.boolean(),
  /** null while active. */
  endedBy: GrantEnd.nullable(),
})
export type ConsentGrant = z.infer<typeof ConsentGrant>

/** `GET /api/cases/:id/consents`: every grant of the case, newest first. */
export const ConsentGrantsReply = z.object({ grants: z.array(ConsentGrant) })
export type ConsentGrantsReply = z.infer<typeof ConsentGrantsReply>

/** `POST …/consents` (201) and `DELETE …/consents/:grantId` (200, revoked). */
export const ConsentGrantReply = z.object({ grant: ConsentGrant })
export type ConsentGrantReply = z.infer<typeof ConsentGrantReply>

/** Whether a field is health data, for consent texts. */
export function isHealthData(field: ConfidentialField): boolean {
  return HealthDataFields.has(field)
}

/**
 * Whether a grant holds on `today` (an ISO date, the server's UTC day): not
 * revoked, and `validUntil` not passed. The one place the lapse rule lives.
 */
export function grantHolds(grant: { revokedAt: string | null; validUntil: string | null }, today: string): boolean {
  return grant.revokedAt === null && (grant.validUntil === null || today <= grant.validUntil)
}
