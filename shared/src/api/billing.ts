/**
 * `GET /api/admin/billing/retained` (issue 16): the billing records erased
 * cases left behind, minimised (no case text), with the day each is removed:
 * hours entries and the funding approvals that counted (issue 18).
 */
import { z } from 'zod'
import { Currency } from './funding.js'

const RetainedBase = z.object({
  id: z.string(),
  /** The erased case's id: groups its records, opens nothing. */
  caseId: z.string(),
  /** When the case was erased. */
  retainedAt: z.iso.datetime(),
  /** Last day the record is kept. */
  retainUntil: z.iso.date(),
})

/** An hours entry: day, minutes, coach, category. */
export const RetainedHoursRecord = RetainedBase.extend({
  kind: z.literal('hours'),
  date: z.iso.date(),
  minutes: z.number().int().nonnegative(),
  coachId: z.string(),
  category: z.string().nullable(),
})

/** An approval or extension (Bewilligung): funding body, Aktenzeichen, period, hours, rate. */
export const RetainedApprovalRecord = RetainedBase.extend({
  kind: z.literal('approval'),
  approvalId: z.string(),
  approvalKind: z.enum(['approval', 'extension']),
  /** The approval an extension extends (its approvalId). */
  extendsId: z.string().nullable(),
  fundingBodyId: z.string().nullable(),
  fundingBodyName: z.string().nullable(),
  /** Aktenzeichen. */
  fileNumber: z.string(),
  validFrom: z.iso.date(),
  validUntil: z.iso.date(),
  hours: z.number().nonnegative(),
  rateCents: z.number().int().nonnegative().nullable(),
  currency: Currency,
})

export const RetainedBillingRecord = z.discriminatedUnion('kind', [RetainedHoursRecord, RetainedApprovalRecord])
export type RetainedBillingRecord = z.infer<typeof RetainedBillingRecord>
export type RetainedHoursRecord = z.infer<typeof RetainedHoursRecord>
export type RetainedApprovalRecord = z.infer<typeof RetainedApprovalRecord>

export const RetainedBillingReply = z.object({ records: z.array(RetainedBillingRecord) })
export type RetainedBillingReply = z.infer<typeof RetainedBillingReply>
