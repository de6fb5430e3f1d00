/**
 * Funding bodies and approvals (issue 18): the service's directory of
 * funding bodies (Leistungsträger / Kostenträger), and per case its funding
 * body, file number, referring body and approvals (Bewilligung /
 * Kostengutsprache) with extensions, kept as a history. Server-side data,
 * never in a CRDT; coaches of the case and admins only (the action policy's
 * `funding.read` / `funding.write`).
 */
import { z } from 'zod'
import { Limits } from '../limits.js'
import { Id } from './common.js'

const IsoDate = z.iso.date()
const ShortText = z.string().trim().max(Limits.maxFundingNameLength)
const LongText = z.string().trim().max(Limits.maxFundingTextLength)

/**
 * Kinds of funding bodies: Integrationsamt/Inklusionsamt, Deutsche
 * Rentenversicherung, Agentur für Arbeit, Jobcenter, Unfallversicherung /
 * Berufsgenossenschaft, IV-Stelle (Switzerland), anything else.
 */
export const FundingBodyKinds = ['integrationOffice', 'pensionInsurance', 'employmentAgency', 'jobCentre', 'accidentInsurance', 'disabilityInsurance', 'other'] as const
export const FundingBodyKind = z.enum(FundingBodyKinds)
export type FundingBodyKind = z.infer<typeof FundingBodyKind>

export const FundingBody = z.object({
  id: Id,
  kind: FundingBodyKind,
  name: z.string(),
  address: z.string(),
  contact: z.string(),
  active: z.boolean(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
})
export type FundingBody = z.infer<typeof FundingBody>

/** `POST /api/funding-bodies` (admin). */
export const CreateFundingBodyBody = z
  .object({
    kind: FundingBodyKind,
    name: ShortText.min(1, 'must not be empty'),
    address: LongText.default(''),
    contact: LongText.default(''),
  })
  .strict()
export type CreateFundingBodyBody = z.input<typeof CreateFundingBodyBody>
export type CreateFundingBodyFields = z.output<typeof CreateFundingBodyBody>

/** `PATCH /api/funding-bodies/:id` (admin): what is given changes. */
export const UpdateFundingBodyBody = z
  .object({
    kind: FundingBodyKind.optional(),
    name: ShortText.min(1, 'must not be empty').optional(),
    address: LongText.optional(),
    contact: LongText.optional(),
    active: z.boolean().optional(),
  })
  .strict()
export type UpdateFundingBodyBody = z.infer<typeof UpdateFundingBodyBody>

/** `GET /api/funding-bodies` (staff; inactive ones for admins only): by name. */
export const FundingBodiesReply = z.object({ fundingBodies: z.array(FundingBody).max(Limits.maxFundingBodies) })
export type FundingBodiesReply = z.infer<typeof FundingBodiesReply>

export const FundingBodyReply = z.object({ fundingBody: FundingBody })
export type FundingBodyReply = z.infer<typeof FundingBodyReply>

/** One record of a case's funding (its funding body, file number and referring body at that time). */
export const CaseFundingRecord = z.object({
  id: Id,
  fundingBodyId: Id.nullable(),
  /** The body's name as the directory has it now (null without a body). */
  fundingBodyName: z.string().nullable(),
  fundingBodyKind: FundingBodyKind.nullable(),
  /** Aktenzeichen. */
  fileNumber: z.string(),
  /** Einleitende Stelle (zuweisende Stelle in Switzerland). */
  referringBody: z.string(),
  recordedAt: z.iso.datetime(),
  recordedBy: Id,
  recordedByName: z.string(),
})
export type CaseFundingRecord = z.infer<typeof CaseFundingRecord>

/** `POST /api/cases/:id/funding`: the case's funding from now on (the earlier record stays in the history). */
export const SetCaseFundingBody = z
  .object({
    fundingBodyId: Id.nullable(),
    fileNumber: ShortText.default(''),
    referringBody: ShortText.default(''),
  })
  .strict()
export type SetCaseFundingBody = z.input<typeof SetCaseFundingBody>
export type CaseFundingFields = z.output<typeof SetCaseFundingBody>

export const Currencies = ['EUR', 'CHF'] as const
export const Currency = z.enum(Currencies)
export type Currency = z.infer<typeof Currency>

/** One approval record (an approval, an extension, or a correction of either). */
export const Approval = z.object({
  id: Id,
  kind: z.enum(['approval', 'extension']),
  /** The approval an extension extends. */
  extendsId: Id.nullable(),
  /** The record this one corrects (which no longer counts). */
  correctsId: Id.nullable(),
  /** True when a later record corrects this one. */
  corrected: z.boolean(),
  validFrom: IsoDate,
  validUntil: IsoDate,
  hours: z.number().min(0),
  /** Rate per hour in cents, when the decision names one. */
  rateCents: z.number().int().min(0).nullable(),
  currency: Currency,
  /** Date of the decision (Bescheid). */
  decidedOn: IsoDate.nullable(),
  /** The decision's reference, as the funding body writes it. */
  reference: z.string(),
  note: z.string(),
  recordedAt: z.iso.datetime(),
  recordedBy: Id,
  recordedByName: z.string(),
})
export type Approval = z.infer<typeof Approval>

/** `POST /api/cases/:id/approvals`: a new record; never changes an earlier one. */
export const AddApprovalBody = z
  .object({
    kind: z.enum(['approval', 'extension']),
    extendsId: Id.nullable().default(null),
    correctsId: Id.nullable().default(null),
    validFrom: IsoDate,
    validUntil: IsoDate,
    hours: z.number().min(0).max(Limits.maxApprovalHours).multipleOf(0.25),
    rateCents: z.number().int().min(0).max(Limits.maxRateCents).nullable().default(null),
    currency: Currency.default('EUR'),
    decidedOn: IsoDate.nullable().default(null),
    reference: ShortText.default(''),
    note: LongText.default(''),
  })
  .strict()
export type AddApprovalBody = z.input<typeof AddApprovalBody>
/** A parsed {@link AddApprovalBody}, defaults filled. */
export type ApprovalFields = z.output<typeof AddApprovalBody>

/** `GET /api/cases/:id/funding`: the current funding, its history (newest first), the approvals (oldest first) and the derived budget. */
export const CaseFundingReply = z.object({
  current: CaseFundingRecord.nullable(),
  history: z.array(CaseFundingRecord),
  approvals: z.array(Approval),
  /** The plan's hours budget as the approvals make it (null without approvals). */
  derivedHoursBudget: z.number().nullable(),
})
export type CaseFundingReply = z.infer<typeof CaseFundingReply>

export const ApprovalReply = z.object({ approval: Approval, derivedHoursBudget: z.number() })
export type ApprovalReply = z.infer<typeof ApprovalReply>
