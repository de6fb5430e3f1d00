/**
 * Password-reset links (contract §8.5). An external person (coachee,
 * employer) resets their own password: a coach of their case makes a new
 * access link ("Neuen Zugangslink erstellen"); the link sets a new password
 * once and ends the account's other sessions. Admins set passwords of staff
 * accounts only. (Mailed reset links will use the same two public endpoints.)
 */
import { z } from 'zod'
import { Password } from './common.js'

/** How long a coach's access link works. */
export const AccessLinkLifetimeHours = 72

/**
 * Reply of `POST /api/cases/:id/members/:memberId/access-link` (a coach, for
 * an external member): the only time the token is shown.
 */
export const CreatedAccessLinkReply = z.object({
  link: z.object({
    token: z.string(),
    /** The link to hand over: `<origin>/password-reset?token=<token>`. */
    url: z.string(),
    expiresAt: z.iso.datetime(),
  }),
})
export type CreatedAccessLinkReply = z.infer<typeof CreatedAccessLinkReply>

/** `GET /api/auth/password-reset/:token` (no session): whom the link is for; 404 when unknown, used or expired. */
export const PasswordResetPreviewReply = z.object({
  reset: z.object({ name: z.string(), expiresAt: z.iso.datetime() }),
})
export type PasswordResetPreviewReply = z.infer<typeof PasswordResetPreviewReply>

/** `POST /api/auth/password-reset/:token`: the new password; the reply logs the person in (session cookie). */
export const PasswordResetBody = z.object({ password: Password })
export type PasswordResetBody = z.infer<typeof PasswordResetBody>
