/**
 * Invitations of freelance job coaches to the Jobcoach pool (issue 20
 * point 1). The coordination office invites by name and address; the mail
 * carries a one-time link (7 days); its holder makes their own account,
 * which starts on their pool application (employment: freelance) and does
 * no case work until matched to a case.
 *
 *   POST   /api/pool/invitations                 (coordinator) invite
 *   GET    /api/pool/invitations                 (coordinator) the list
 *   DELETE /api/pool/invitations/:id             (coordinator) withdraw an open one
 *   GET    /api/pool-invitations/:token          (anyone with the link) preview
 *   POST   /api/pool-invitations/:token/accept   (anyone with the link) make the account
 */
import { z } from 'zod'
import { Email, Id, Password, PersonName } from './common.js'
import { User } from './users.js'

/** How long a pool invitation link is valid. */
export const PoolInvitationLifetimeDays = 7

export const CreatePoolInvitationBody = z.object({ name: PersonName, email: Email }).strict()
export type CreatePoolInvitationBody = z.infer<typeof CreatePoolInvitationBody>

export const PoolInvitationStatus = z.enum(['open', 'accepted', 'expired', 'withdrawn'])
export type PoolInvitationStatus = z.infer<typeof PoolInvitationStatus>

/** An invitation as the office sees it: the invitee while the link is open, the account once it is used. */
export const PoolInvitation = z.object({
  id: Id,
  status: PoolInvitationStatus,
  /** The invitee's name (open, expired), the account's (accepted); null when withdrawn. */
  name: z.string().nullable(),
  /** The address invited; null once used or withdrawn. */
  email: z.string().nullable(),
  createdAt: z.iso.datetime(),
  createdByName: z.string(),
  expiresAt: z.iso.datetime(),
  acceptedAt: z.iso.datetime().nullable(),
})
export type PoolInvitation = z.infer<typeof PoolInvitation>

/** Reply of creating: the link too (shown once, e.g. when mail is off), and whether it was mailed. */
export const CreatedPoolInvitationReply = z.object({ invitation: PoolInvitation.extend({ url: z.string(), emailed: z.boolean() }) })
export type CreatedPoolInvitationReply = z.infer<typeof CreatedPoolInvitationReply>

export const PoolInvitationsReply = z.object({ invitations: z.array(PoolInvitation) })
export type PoolInvitationsReply = z.infer<typeof PoolInvitationsReply>

/** What the link's holder sees before accepting. */
export const PoolInvitationPreviewReply = z.object({
  invitation: z.object({ name: z.string(), email: z.string(), invitedBy: z.string(), expiresAt: z.iso.datetime() }),
})
export type PoolInvitationPreviewReply = z.infer<typeof PoolInvitationPreviewReply>

/** Accepting: the account's name, address and password (the invitation's are the defaults shown). */
export const AcceptPoolInvitationBody = z.object({ name: PersonName, email: Email, password: Password }).strict()
export type AcceptPoolInvitationBody = z.infer<typeof AcceptPoolInvitationBody>

/** Reply of accepting: 201, the session cookie is set; the new account lands on its application. */
export const AcceptedPoolInvitationReply = z.object({ user: User, applicationId: Id })
export type AcceptedPoolInvitationReply = z.infer<typeof AcceptedPoolInvitationReply>

/** `GET /api/pool/standing`: whether the caller is an invited applicant who may do no case work yet. */
export const PoolStandingReply = z.object({ poolOnly: z.boolean() })
export type PoolStandingReply = z.infer<typeof PoolStandingReply>
