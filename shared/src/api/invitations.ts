/**
 * Invitations (contract §5): a coach invites a person to a case in a role
 * with a one-time link. The token is shown once, stored only hashed, expires
 * after {@link InvitationLifetimeDays} days and works once.
 *
 * Coach invitations are accepted by an existing staff account (logged in):
 * staff accounts are created by an admin (contract §1). Employer and coachee
 * invitations create an external account, or join the logged-in account.
 */
import { z } from 'zod'
import { CaseRole } from './cases.js'
import { Email, Id, Password, PersonName } from './common.js'
import { Member } from './cases.js'
import { User } from './users.js'

/** How long an invitation link works. */
export const InvitationLifetimeDays = 7

/**
 * Failed accepts allowed per invitation link and hour (contract §8.5); then
 * accepting answers 429 until the hour is over or a coach renews the link.
 */
export const InvitationAcceptLimit = { maxFailures: 5, windowMs: 3_600_000 } as const

/** `POST /api/cases/:id/invitations` (coach); with `email` (and SMTP set up) the link is mailed there. */
export const CreateInvitationBody = z.object({ role: CaseRole, email: Email.optional() })
export type CreateInvitationBody = z.infer<typeof CreateInvitationBody>

/** An invitation as coaches of the case see it (never with its token). */
export const Invitation = z.object({
  id: Id,
  role: CaseRole,
  createdAt: z.iso.datetime(),
  createdBy: z.string(),
  expiresAt: z.iso.datetime(),
  /** When it was used, or null. */
  acceptedAt: z.iso.datetime().nullable(),
  /** Name of the person who used it, or null. */
  acceptedBy: z.string().nullable(),
  /** When a coach withdrew it, or null. */
  revokedAt: z.iso.datetime().nullable(),
  /** Until when accepting is refused after too many failed accepts, or null; a coach may renew the link. */
  limitedUntil: z.iso.datetime().nullable(),
})
export type Invitation = z.infer<typeof Invitation>

/** Reply of `POST /api/cases/:id/invitations`: the only time the token is shown. */
export const CreatedInvitationReply = z.object({
  invitation: Invitation.extend({
    token: z.string(),
    /** The link to hand over: `<origin>/invitations/<token>`. */
    url: z.string(),
    /** Whether the link went out by mail (an `email` was given and the server sends mail). */
    emailed: z.boolean(),
  }),
})
export type CreatedInvitationReply = z.infer<typeof CreatedInvitationReply>

/**
 * Reply of `POST /api/cases/:id/invitations/:invitationId/renew` (coach): the
 * same invitation with a new token and end date; the old link stops working.
 */
export const RenewedInvitationReply = CreatedInvitationReply
export type RenewedInvitationReply = CreatedInvitationReply

/** `GET /api/cases/:id/invitations` (coach). */
export const InvitationsReply = z.object({ invitations: z.array(Invitation) })
export type InvitationsReply = z.infer<typeof InvitationsReply>

/**
 * `GET /api/invitations/:token` (no session needed): what the acceptance page
 * shows. 404 when the link is unknown, used, withdrawn or expired.
 */
export const InvitationPreviewReply = z.object({
  invitation: z.object({
    caseTitle: z.string(),
    role: CaseRole,
    invitedBy: z.string(),
    expiresAt: z.iso.datetime(),
    /** Whether accepting needs an existing staff account (coach role). */
    requiresStaffAccount: z.boolean(),
  }),
})
export type InvitationPreviewReply = z.infer<typeof InvitationPreviewReply>

/** `POST /api/invitations/:token/accept` with a new external account (employer, coachee). */
export const AcceptInvitationBody = z.object({ name: PersonName, email: Email, password: Password })
export type AcceptInvitationBody = z.infer<typeof AcceptInvitationBody>

/** `POST /api/invitations/:token/accept` as the logged-in account: an empty body. */
export const AcceptInvitationAsMeBody = z.object({}).strict()

/** Reply of accepting: 201, and the session cookie is set. */
export const AcceptedInvitationReply = z.object({ user: User, member: Member, caseId: Id })
export type AcceptedInvitationReply = z.infer<typeof AcceptedInvitationReply>
