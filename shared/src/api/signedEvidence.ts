/**
 * The evidence of a consent or a release from confidentiality (issue 4,
 * issue 16): given in the app, or on a signed paper form with the day it was
 * signed. One rule for both records.
 */
import { z } from 'zod'

/** How a consent or release was given. */
export const SignedEvidence = z.enum(['inApp', 'signedForm'])

/** Why a consent or release no longer holds. */
export const RecordEnd = z.enum(['revoked', 'lapsed'])

/** A body that names its evidence and, for a signed form, the signing day. */
interface EvidenceFields {
  evidence: z.infer<typeof SignedEvidence>
  signedOn?: string | undefined
}

/** Adds the evidence rule to a body schema: a signed form needs its signing day, and only a signed form has one. */
export function withSigningDay<T extends z.ZodType<EvidenceFields>>(schema: T): T {
  return schema
    .refine((body) => body.evidence !== 'signedForm' || body.signedOn !== undefined, {
      message: 'a signed form needs the date it was signed',
      path: ['signedOn'],
    })
    .refine((body) => body.evidence !== 'inApp' || body.signedOn === undefined, {
      message: 'only a signed form has a signing date',
      path: ['signedOn'],
    })
}
