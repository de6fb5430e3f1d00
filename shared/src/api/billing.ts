/**
 * `GET /api/admin/billing/retained` (issue 16): the billing records erased
 * cases left behind, minimised (no case text), with the day each is removed.
 */
import { z } from 'zod'

export const RetainedBillingRecord = z.object({
  id: z.string(),
  /** The erased case's id: groups its records, opens nothing. */
  caseId: z.string(),
  kind: z.enum(['hours']),
  /** When the case was erased. */
  retainedAt: z.iso.datetime(),
  /** Last day the record is kept. */
  retainUntil: z.iso.date(),
  date: z.iso.date(),
  minutes: z.number().int().nonnegative(),
  coachId: z.string(),
  category: z.string().nullable(),
})
export type RetainedBillingRecord = z.infer<typeof RetainedBillingRecord>

export const RetainedBillingReply = z.object({ records: z.array(RetainedBillingRecord) })
export type RetainedBillingReply = z.infer<typeof RetainedBillingReply>
