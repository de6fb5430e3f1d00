/**
 * "Passwort vergessen" (contract §8.5): a reset link by mail for every
 * account, staff and external. The request's answer never tells whether the
 * address has an account; the token works once, for an hour, and only its
 * SHA-256 is stored. Setting the new password ends every session of the
 * account and closes its open connections (4401).
 */
import { PasswordResetLifetimeMinutes } from '../../../shared/src/api/mail.js'
import { hashPassword } from '../auth/passwords.js'
import { newSecretToken, sha256Hex } from '../ids.js'
import type { Mail } from '../mail/MailOutbox.js'
import { passwordResetMail } from '../mail/mailTexts.js'
import type { Services } from '../services/Services.js'
import type { CaseStorage } from '../storage/cases/CaseStorage.js'
import type { PasswordResetStorage } from '../storage/mail/MailStorage.js'
import type { UserStorage } from '../storage/users/UserStorage.js'
import { auditEntry } from './audit.js'
import { NotFoundError } from './errors.js'

/** Tokens are 43 characters; anything far longer is not one (and is not hashed). */
const MaxTokenLength = 100

const InvalidLinkMessage = 'This link to reset the password is not valid (any more). Ask for a new one.'

/**
 * Mails a reset link to the account of `email`, if there is an active one;
 * does nothing otherwise (the caller answers the same either way).
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
    tokenHash: sha256Hex(token),
    userId: user.id,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + PasswordResetLifetimeMinutes * 60_000).toISOString(),
    usedAt: null,
  })
  await services.mail.send('passwordReset', user.email, passwordResetMail(`${baseUrl}/password-reset?token=${token}`, PasswordResetLifetimeMinutes))
  services.logger.info({ userId: user.id }, 'password reset requested')
}

/** Sets a new password with a reset token; every session of the account ends. */
export async function completePasswordReset(services: Services<UserStorage & CaseStorage & PasswordResetStorage>, token: string, password: string): Promise<void> {
  const tokenHash = token.length <= MaxTokenLength ? sha256Hex(token) : null
  const now = services.clock()
  const userId = tokenHash === null ? null : await services.storage.findOpenPasswordReset(tokenHash, now.toISOString())
  if (tokenHash === null || userId === null) {
    throw new NotFoundError('passwordReset', InvalidLinkMessage)
  }
  const caseIds = (await services.storage.listCasesOfUser(userId)).map(({ record }) => record.id)
  const audit = caseIds.map((caseId) => auditEntry(caseId, 'accountChanged', userId, now, { userId, passwordReset: true }))
  // Checked again in the write's transaction: of two uses of one token, one wins.
  const used = await services.storage.usePasswordReset(tokenHash, now.toISOString(), await hashPassword(password), audit)
  if (used === null) {
    throw new NotFoundError('passwordReset', InvalidLinkMessage)
  }
  await services.accessChanged({ kind: 'account', userId: used })
  for (const caseId of caseIds) {
    services.events.notify(caseId, 'members')
  }
  services.logger.info({ userId: used }, 'password reset by mail')
}
