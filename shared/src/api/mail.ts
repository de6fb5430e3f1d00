/**
 * Mail and calendar (contract §8.5, issue 22): password reset by mail, the
 * account's mail settings, the admin's view of the outbox and the private
 * calendar subscription.
 */
import { z } from 'zod'
import { Email } from './common.js'

/** How long a mailed password-reset link works (a coach's access link: `AccessLinkLifetimeHours`). */
export const PasswordResetLifetimeMinutes = 60

/** `POST /api/auth/password-reset`: answered 204 whether or not the address has an account. */
export const PasswordResetRequestBody = z.object({ email: Email })
export type PasswordResetRequestBody = z.infer<typeof PasswordResetRequestBody>

/** `GET /api/auth/password-reset` (no session): whether the server sends mail, so the page can say when it does not. */
export const PasswordResetStatusReply = z.object({ mailEnabled: z.boolean() })
export type PasswordResetStatusReply = z.infer<typeof PasswordResetStatusReply>

/** `GET` / `PATCH /api/me/settings`: the caller's mail settings. */
export const AccountSettingsBody = z.object({ digestEnabled: z.boolean() })
export type AccountSettingsBody = z.infer<typeof AccountSettingsBody>

/** Reply of `GET /api/me/settings`; `mailEnabled` says whether the server sends mail at all. */
export const AccountSettingsReply = z.object({ settings: AccountSettingsBody, mailEnabled: z.boolean() })
export type AccountSettingsReply = z.infer<typeof AccountSettingsReply>

/** A mail of the outbox as an admin sees it: never its body. */
export const OutboxMail = z.object({
  id: z.string(),
  kind: z.enum(['invitation', 'passwordReset', 'digest']),
  recipient: z.string(),
  status: z.enum(['pending', 'sent', 'failed']),
  attempts: z.number().int(),
  createdAt: z.iso.datetime(),
  nextAttemptAt: z.iso.datetime().nullable(),
  sentAt: z.iso.datetime().nullable(),
  lastError: z.string().nullable(),
})
export type OutboxMail = z.infer<typeof OutboxMail>

/** Reply of `GET /api/admin/mail` (admin). */
export const OutboxReply = z.object({ mailEnabled: z.boolean(), mails: z.array(OutboxMail) })
export type OutboxReply = z.infer<typeof OutboxReply>

/** Reply of `GET` / `POST /api/calendar/feed`: the subscription URL only right after it was made. */
export const CalendarFeedReply = z.object({ feed: z.object({ createdAt: z.iso.datetime(), url: z.string().optional() }).nullable() })
export type CalendarFeedReply = z.infer<typeof CalendarFeedReply>
