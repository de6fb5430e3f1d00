/**
 * Password-reset links (contract §8.5): admin rights end at staff accounts,
 * so an external person (coachee, employer) gets a new access link from a
 * coach of their case. The link works once: it sets a new password, ends
 * every other session of the account (their sockets close with 4401) and
 * logs the person in. Only the token's SHA-256 is stored.
 */
import { AccessLinkLifetimeHours } from '../../../shared/src/api/passwordResets.js'
import { hashPassword } from '../auth/passwords.js'
import { newId, newSecretToken, sha256Hex } from '../ids.js'
import type { Services } from '../services/Services.js'
import type { MemberRecord } from '../storage/members/MemberStorage.js'
import type { PasswordResetStorage, PasswordResetWithName } from '../storage/passwordResets/PasswordResetStorage.js'
import { auditEntry } from './audit.js'
import { NotFoundError } from './errors.js'

/** One answer for unknown, used and expired links. */
const InvalidLinkMessage = 'This link is not valid (any more). Ask your coach for a new one.'

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

/** The open link behind a token (unused, unexpired, its account active). */
export async function findOpenPasswordReset(services: Services<PasswordResetStorage>, token: string): Promise<PasswordResetWithName> {
  const reset = token.length <= MaxTokenLength ? await services.storage.findOpenPasswordReset(sha256Hex(token), services.clock().toISOString()) : null
  if (!reset) {
    throw new NotFoundError('passwordReset', InvalidLinkMessage)
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
    throw new NotFoundError('passwordReset', InvalidLinkMessage)
  }
  await services.accessChanged({ kind: 'account', userId: reset.userId })
  services.logger.info({ userId: reset.userId }, 'password reset with a link')
  return reset.userId
}
