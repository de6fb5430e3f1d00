/**
 * Agreements to the measure plan (contract §5): a member agrees to the plan
 * as it stands; the server stores who, when, and the hash of the plan's
 * content ({@link planContentHashInput} in caseDocument/planContent.ts).
 */
import { z } from 'zod'
import { CaseRole } from './cases.js'
import { Id } from './common.js'

export const Agreement = z.object({
  id: Id,
  /** Hex SHA-256 of the plan content the person agreed to. */
  planHash: z.string().regex(/^[0-9a-f]{64}$/),
  userId: Id,
  userName: z.string(),
  role: CaseRole,
  at: z.iso.datetime(),
  /** A legal guardian's agreement is given for the coachee (issue 16): the coachee's name, "für"; null otherwise. */
  onBehalfOfName: z.string().nullable().optional(),
  /** The plan version the server took at this agreement (contract §8.4); null for agreements from before versions. */
  versionId: Id.nullable().default(null),
})
export type Agreement = z.infer<typeof Agreement>

/** `POST /api/cases/:id/agreements` (any member who can read the plan) -> 201. */
export const AgreeBody = z.object({}).strict()
export const AgreementReply = z.object({ agreement: Agreement })
export type AgreementReply = z.infer<typeof AgreementReply>

/**
 * `GET /api/cases/:id/agreements`: every agreement, newest first, and the
 * hash of the plan as the server holds it now; agreements whose planHash
 * equals it are agreements to the current version. `complete` once every
 * member who must agree did (shared/src/process/agreementCompleteness.ts).
 */
export const AgreementsReply = z.object({ agreements: z.array(Agreement), currentPlanHash: z.string(), complete: z.boolean().default(false) })
export type AgreementsReply = z.infer<typeof AgreementsReply>
