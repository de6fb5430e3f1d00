import { z } from 'zod'
import { Limits } from '../limits.js'
import { RateKinds } from '../billing/rates.js'
import { Email, Id, Password, PersonName } from './common.js'
import { Currencies } from './funding.js'
import { ServiceSettings } from './service.js'

export const AccountKind = z.enum(['staff', 'external'])
export type AccountKind = z.infer<typeof AccountKind>

/** A user as the API returns it: never a password hash. */
export const User = z.object({
  id: Id,
  name: z.string(),
  email: z.string(),
  kind: AccountKind,
  isAdmin: z.boolean(),
  active: z.boolean(),
  /** Team lead (issue 22): the team overview, reassignments and statistics; no case content. */
  // Defaults: a reply an older server sent, or the offline cache kept, reads as before the flags existed.
  isLead: z.boolean().default(false),
  /** Part-time share (Stellenanteil) in percent: the caseload guideline is measured against it. */
  staffSharePercent: z.number().int().default(100),
  /** Billing flag (issue 18): sees and issues the invoices of every case; no case content. */
  isBilling: z.boolean().default(false),
  /** The coach's own rate (freelance pool coaches: hourly or a flat fee per case), where no approval names one. */
  coachRate: z
    .object({ kind: z.enum(RateKinds), cents: z.number().int(), currency: z.enum(Currencies) })
    .nullable()
    .default(null),
  /**
   * Whether the account takes requests (issue 19; the action policy's
   * `takesIntake`): in the signed-in account's own reply (`/api/me`, login)
   * only. Missing elsewhere; a client then assumes it for staff accounts
   * and the server still decides.
   */
  takesIntake: z.boolean().optional(),
})
export type User = z.infer<typeof User>

/** A coach's own rate as the admin sets it: hourly (per hour) or flat (per case), in cents. */
export const CoachRateBody = z.object({ kind: z.enum(RateKinds), cents: z.number().int().min(0).max(Limits.maxRateCents), currency: z.enum(Currencies) }).strict()

/** A part-time share (Stellenanteil) as the admin sets it: whole percent, 1-100. */
export const StaffSharePercent = z.number().int().min(1).max(Limits.maxStaffSharePercent)

/** `POST /api/setup`: the first account, with the token printed at first start. */
export const SetupBody = z.object({
  token: z.string().min(1).max(Limits.maxSetupTokenLength),
  name: PersonName,
  email: Email,
  password: Password,
})
export type SetupBody = z.infer<typeof SetupBody>

/** `POST /api/auth/login`. */
export const LoginBody = z.object({
  email: Email,
  password: z.string().min(1).max(Limits.maxPasswordLength),
})
export type LoginBody = z.infer<typeof LoginBody>

/** `POST /api/users` (admin): creates a staff account. */
export const CreateUserBody = z.object({
  name: PersonName,
  email: Email,
  password: Password,
  kind: z.literal('staff'),
  isAdmin: z.boolean().optional(),
  isLead: z.boolean().optional(),
  staffSharePercent: StaffSharePercent.optional(),
})
export type CreateUserBody = z.infer<typeof CreateUserBody>

export const UserReply = z.object({ user: User })
export type UserReply = z.infer<typeof UserReply>
export const UsersReply = z.object({ users: z.array(User) })
export type UsersReply = z.infer<typeof UsersReply>

/**
 * `GET /api/setup`: whether the first account still has to be made, and the
 * installation's country settings the UI needs before anyone logs in
 * (default language, coachee term, currency; issue 19).
 */
export const SetupStatusReply = z.object({ needsSetup: z.boolean(), service: ServiceSettings.optional() })
export type SetupStatusReply = z.infer<typeof SetupStatusReply>

/**
 * `PATCH /api/users/:id` (admin): deactivate or reactivate an account, or
 * change the admin flag. Deactivating ends every session of the account and
 * closes its open connections (4401) at once, in every case.
 */
export const UpdateUserBody = z
  .object({
    active: z.boolean().optional(),
    isAdmin: z.boolean().optional(),
    name: PersonName.optional(),
    isLead: z.boolean().optional(),
    staffSharePercent: StaffSharePercent.optional(),
    isBilling: z.boolean().optional(),
    /** Null clears the rate. */
    coachRate: CoachRateBody.nullable().optional(),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'must change at least one field')
export type UpdateUserBody = z.infer<typeof UpdateUserBody>

/** `POST /api/users/:id/password` (admin): set a new password; ends the account's sessions. -> 204 */
export const ResetPasswordBody = z.object({ password: Password })
export type ResetPasswordBody = z.infer<typeof ResetPasswordBody>
