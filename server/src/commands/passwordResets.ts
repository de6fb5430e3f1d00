/**
 * Password-reset links (contract §8.5): admin rights end at staff accounts,
 * so an external person (coachee, employer) gets a new access link from a
 * coach of their case. The link works once: it sets a new password, ends
 * every other session of the account (their sockets close with 4401) and
 * logs the person in. Only the token's SHA-256 is stored.
 *
 * "Passwort vergessen" (issue 22): a reset link by mail for every account,
 * staff and external, in the same store (no case, no creator) and used at
 * the same endpoint. The request's answer never tells whether the address
 * has an account; the mailed link works for an hour.
 */
import { PasswordResetLifetimeMinutes } from '../../../shared/src/api/mail.js'
import { AccessLinkLifetimeHours } from '../../../shared/src/api/passwordResets.js'
import { hashPassword } from '../auth/passwords.js'
import { newId, newSecretToken, sha256Hex } from '../ids.js'
import type { Mail } from '../mail/MailOutbox.js'
import { passwordResetMail } from '../mail/mailTexts.js'
import type { Services } from '../services/Services.js'
import type { MemberRecord } from '../storage/members/MemberStorage.js'
import type { PasswordResetStorage, PasswordResetWithName } from '../storage/passwordResets/PasswordResetStorage.js'
import type { UserStorage } from '../storage/users/UserStorage.js'
import { auditEntry } from './audit.js'
import { NotFoundError } from './errors.js'

/** One answer for unknown, used and expired links. */
const InvalidLinkMessage = 'This link is not valid (any more). Ask your coach for a new one, or request one by e-mail.'

/** Tokens are 43 characters; anything far longer is not one (and is not hashed). */
const MaxTokenLength = 100

/**
 * Makes a new access link for an external member of a case (who may is
 * checked before, by the policy's `members.newAccessLink`); the member's
 * earlier unused links stop working. Resolves with the token (shown once).
 */
export async function createAccessLink(
  services: Services<PasswordResetStorage>,
  member: MemberRecord,
  actorId: string,
): Promise<{ token: string; expiresAt: string }> {
  const token = newSecretToken()
  const now = services.clock()
  const expiresAt = new Date(now.getTime() + AccessLinkLifetimeHours * 3_600_000).toISOString()
  await services.storage.createPasswordReset(
    { id: newId(), tokenHash: sha256Hex(token), userId: member.userId, caseId: member.caseId, createdBy: actorId, createdAt: now.toISOString(), expiresAt, usedAt: null },
    [auditEntry(member.caseId, 'accessLinkCreated', actorId, now, { memberId: member.id, userId: member.userId })],
  )
  services.logger.info({ caseId: member.caseId, userId: member.userId, by: actorId }, 'access link created')
  return { token, expiresAt }
}

/**
 * Mails a reset link to the account of `email`, if there is an active one
 * and the server sends mail; does nothing otherwise (the caller answers the
 * same either way). The account's earlier unused links stop working.
 */
export async function requestPasswordReset(
  services: Services<UserStorage & PasswordResetStorage> & { mail: Mail },
  email: string,
  baseUrl: string,
): Promise<void> {
  const user = await services.storage.findUserByEmail(email)
  if (!user || !user.active || !services.mail.enabled) {
    return
  }
  const token = newSecretToken()
  const now = services.clock()
  await services.storage.createPasswordReset({
    id: newId(),
    tokenHash: sha256Hex(token),
    userId: user.id,
    caseId: null,
    createdBy: null,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + PasswordResetLifetimeMinutes * 60_000).toISOString(),
    usedAt: null,
  })
  await services.mail.send('passwordReset', user.email, passwordResetMail(`${baseUrl}/password-reset?token=${token}`, PasswordResetLifetimeMinutes))
  services.logger.info({ userId: user.id }, 'password reset requested')
}

/** The open link behind a token (unused, unexpired, its account active). */
export async function findOpenPasswordReset(services: Services<PasswordResetStorage>, token: string): Promise<PasswordResetWithName> {
  const reset = token.length <= MaxTokenLength ? await services.storage.findOpenPasswordReset(sha256Hex(token), services.clock().toISOString()) : null
  if (!reset) {
    throw new NotFoundError('invalidLink', InvalidLinkMessage)
  }
  return reset
}

/**
 * Sets the password of the link's account, uses the link and ends every
 * session of the account, in one transaction; then closes the account's
 * open connections. Resolves with the account's id (the route logs it in).
 */
export async function resetPasswordWithLink(services: Services<PasswordResetStorage>, token: string, password: string): Promise<string> {
  const reset = await findOpenPasswordReset(services, token)
  const passwordHash = await hashPassword(password)
  const now = services.clock()
  const outcome = await services.storage.usePasswordReset({
    tokenHash: reset.tokenHash,
    now: now.toISOString(),
    passwordHash,
    audit: [auditEntry(reset.caseId, 'passwordResetWithLink', reset.userId, now, { userId: reset.userId })],
  })
  if (outcome === 'invalid') {
    throw new NotFoundError('invalidLink', InvalidLinkMessage)
  }
  await services.accessChanged({ kind: 'account', userId: reset.userId })
  services.logger.info({ userId: reset.userId }, 'password reset with a link')
  return reset.userId
}
