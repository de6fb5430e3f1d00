/**
 * Requests and intake (issue 19): someone asks the service for job coaching
 * (the person, an employer, a funding body, an Integrationsfachdienst, …);
 * staff record the request, clarify the order (A1 Auftragsklärung: referring
 * body, funding body, rough goals, the person's consent to the cooperation)
 * and accept it (it becomes a case) or decline it with a reason and a
 * referral elsewhere. Server-side data, sealed at rest, never in a CRDT.
 *
 * A request holds no health data: every body is `.strict()`, so a field such
 * as `diagnosis` is refused, and there is no field to put one in. The form
 * says not to write diagnoses into the free texts.
 */
import { z } from 'zod'
import { Limits } from '../limits.js'
import { Id } from './common.js'

const IsoDate = z.iso.date()
const NameText = z.string().trim().max(Limits.maxNameLength)
const ShortText = z.string().trim().max(Limits.maxFundingNameLength)
const RequestText = z.string().trim().max(Limits.maxRequestTextLength)

/** Who asked: the person themselves, an employer, a funding body, an Integrationsfachdienst, a relative or carer, someone else. */
export const RequesterKinds = ['person', 'employer', 'fundingBody', 'integrationService', 'relative', 'other'] as const
export const RequesterKind = z.enum(RequesterKinds)
export type RequesterKind = z.infer<typeof RequesterKind>

/**
 * Rough goals of the order (Grobziele, qualification profile A1):
 * Grundarbeitsfähigkeit, Ausbildung, Umschulung, Stellensuche,
 * Arbeitsplatzerhalt, and a (re)entry into work after a long absence.
 */
export const RoughGoals = ['basicWorkCapacity', 'training', 'retraining', 'jobSearch', 'jobRetention', 'returnToWork'] as const
export const RoughGoal = z.enum(RoughGoals)
export type RoughGoal = z.infer<typeof RoughGoal>

/** Where a request stands: open until accepted (a case) or declined. */
export const RequestStatuses = ['open', 'accepted', 'declined'] as const
export const RequestStatus = z.enum(RequestStatuses)
export type RequestStatus = z.infer<typeof RequestStatus>

/** `POST /api/requests`: recording a request. No field for health data exists. */
export const CreateRequestBody = z
  .object({
    /** The person the request is for (becomes the case's title). */
    personName: NameText.min(1, 'must not be empty'),
    requesterKind: RequesterKind,
    /** Who asked, when not the person: an employer's or an office's name. */
    requesterName: NameText.default(''),
    /** How to reach the requester (address for the letter, phone, e-mail). */
    requesterContact: RequestText.default(''),
    /** Einleitende Stelle (zuweisende Stelle in Switzerland). */
    referringBody: ShortText.default(''),
    firstContactOn: IsoDate,
    /** Short reason of the request, in the requester's words, without diagnoses. */
    reason: RequestText.default(''),
  })
  .strict()
export type CreateRequestBody = z.input<typeof CreateRequestBody>
export type CreateRequestFields = z.output<typeof CreateRequestBody>

/** `PATCH /api/requests/:id`: the order clarification (A1) and corrections of the recorded facts, while open. */
export const ClarifyRequestBody = z
  .object({
    personName: NameText.min(1, 'must not be empty').optional(),
    requesterKind: RequesterKind.optional(),
    requesterName: NameText.optional(),
    requesterContact: RequestText.optional(),
    referringBody: ShortText.optional(),
    firstContactOn: IsoDate.optional(),
    reason: RequestText.optional(),
    /** The funding body (Kostenträger) from the directory, or none yet. */
    fundingBodyId: Id.nullable().optional(),
    roughGoals: z
      .array(RoughGoal)
      .max(RoughGoals.length)
      .refine((goals) => new Set(goals).size === goals.length, 'must not repeat a goal')
      .optional(),
    /** The day the person agreed to the cooperation; null withdraws the record. */
    consentOn: IsoDate.nullable().optional(),
  })
  .strict()
export type ClarifyRequestBody = z.infer<typeof ClarifyRequestBody>

/** `POST /api/requests/:id/decline`: the reason and where else the requester can turn (a transparent refusal). */
export const DeclineRequestBody = z
  .object({
    reason: RequestText.min(1, 'must not be empty'),
    referral: RequestText.min(1, 'must not be empty'),
  })
  .strict()
export type DeclineRequestBody = z.infer<typeof DeclineRequestBody>

/** `POST /api/requests/:id/accept`: nothing to add; the request's data make the case. */
export const AcceptRequestBody = z.object({}).strict()
export type AcceptRequestBody = z.infer<typeof AcceptRequestBody>

/** A request as staff see it. */
export const IntakeRequest = z.object({
  id: Id,
  status: RequestStatus,
  personName: z.string(),
  requesterKind: RequesterKind,
  requesterName: z.string(),
  requesterContact: z.string(),
  referringBody: z.string(),
  firstContactOn: IsoDate,
  reason: z.string(),
  fundingBodyId: Id.nullable(),
  fundingBodyName: z.string().nullable(),
  roughGoals: z.array(RoughGoal),
  consentOn: IsoDate.nullable(),
  declineReason: z.string(),
  referral: z.string(),
  /** The case the accepted request became (null before, or once that case is erased). */
  caseId: Id.nullable(),
  createdAt: z.iso.datetime(),
  createdByName: z.string(),
  updatedAt: z.iso.datetime(),
  decidedAt: z.iso.datetime().nullable(),
  decidedByName: z.string().nullable(),
  /** When the retention sweep erases it (null: accepted, it goes with its case). */
  erasesOn: IsoDate.nullable(),
})
export type IntakeRequest = z.infer<typeof IntakeRequest>

export const RequestsReply = z.object({ requests: z.array(IntakeRequest).max(Limits.maxRequests) })
export type RequestsReply = z.infer<typeof RequestsReply>

export const RequestReply = z.object({ request: IntakeRequest })
export type RequestReply = z.infer<typeof RequestReply>

/** `POST /api/requests/:id/accept`'s reply: the request and the case it became. */
export const AcceptRequestReply = z.object({ request: IntakeRequest, caseId: Id })
export type AcceptRequestReply = z.infer<typeof AcceptRequestReply>
