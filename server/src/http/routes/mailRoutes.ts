/**
 * Mail (contract §8.5, issue 22): "Passwort vergessen" (request a reset
 * link by mail; it is used at issue 17's `POST /api/auth/password-reset/:token`,
 * http/routes/passwordResetRoutes.ts), the caller's mail settings (the daily digest on or off) and
 * the admin's view of the outbox. The changes are commands
 * (commands/passwordResets.ts); mails go through the outbox (mail/).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import {
  AccountSettingsBody,
  PasswordResetRequestBody,
  type AccountSettingsReply,
  type OutboxMail,
  type OutboxReply,
  type PasswordResetStatusReply,
} from '../../../../shared/src/api/mail.js'
import { LoginThrottle } from '../../auth/LoginThrottle.js'
import type { LoginThrottleRules } from '../../config/security.js'
import { requestPasswordReset } from '../../commands/passwordResets.js'
import type { AccountSettingsStorage, OutboxRecord, OutboxStorage } from '../../storage/mail/MailStorage.js'
import type { PasswordResetStorage } from '../../storage/passwordResets/PasswordResetStorage.js'
import type { SessionStorage } from '../../storage/sessions/SessionStorage.js'
import type { UserStorage } from '../../storage/users/UserStorage.js'
import type { AppContext } from '../AppContext.js'
import { assertMay } from '../assertMay.js'
import { authenticate } from '../authenticate.js'
import { rateLimited } from '../errors.js'
import { parseBody } from '../parseBody.js'

/** The storage ports this module uses. */
type Ports = UserStorage & SessionStorage & PasswordResetStorage & AccountSettingsStorage & OutboxStorage

/** Reset requests: 3 per (e-mail, client address) and 20 per client address within an hour; beyond, 429 (which tells nothing about accounts). */
const ResetRequestRules: LoginThrottleRules = { accountAddress: { maxFailures: 3, windowMs: 3_600_000 }, address: { maxFailures: 20, windowMs: 3_600_000 } }

/** How many outbox mails the admin's list shows. */
const OutboxListLength = 200

/** `<PUBLIC_URL or the request's origin>`, the base of the links in mails. */
function publicOrigin(ctx: AppContext<Ports>, request: FastifyRequest): string {
  return ctx.config.publicUrl ?? `${request.protocol}://${request.host}`
}

function toOutboxMail(mail: OutboxRecord): OutboxMail {
  return {
    id: mail.id,
    kind: mail.kind,
    recipient: mail.recipient,
    status: mail.sentAt !== null ? 'sent' : mail.failedAt !== null ? 'failed' : 'pending',
    attempts: mail.attempts,
    createdAt: mail.createdAt,
    nextAttemptAt: mail.nextAttemptAt,
    sentAt: mail.sentAt,
    lastError: mail.lastError,
  }
}

export function registerMailRoutes(app: FastifyInstance, ctx: AppContext<Ports>): void {
  const throttle = new LoginThrottle(ResetRequestRules, () => ctx.clock().getTime())

  app.get('/api/auth/password-reset', async (): Promise<PasswordResetStatusReply> => ({ mailEnabled: ctx.mail.enabled }))

  app.post('/api/auth/password-reset', async (request, reply) => {
    const { email } = parseBody(PasswordResetRequestBody, request.body)
    const retryAfter = throttle.retryAfterSeconds(email, request.ip)
    if (retryAfter > 0) {
      ctx.authFailures.record({ reason: 'throttled', address: request.ip, via: '/api/auth/password-reset', login: email })
      throw rateLimited(retryAfter, 'tooManyRequests', 'Too many requests; try again later')
    }
    // Every request counts, found or not: the limit is the same for all addresses.
    throttle.recordFailure(email, request.ip)
    await requestPasswordReset(ctx, email, publicOrigin(ctx, request))
    return reply.code(204).send()
  })

  app.get('/api/me/settings', async (request): Promise<AccountSettingsReply> => {
    const { user } = await authenticate(ctx, request)
    const { digestEnabled } = await ctx.storage.accountSettings(user.id)
    return { settings: { digestEnabled }, mailEnabled: ctx.mail.enabled }
  })

  app.patch('/api/me/settings', async (request): Promise<AccountSettingsReply> => {
    const { user } = await authenticate(ctx, request)
    const body = parseBody(AccountSettingsBody, request.body)
    await ctx.storage.setDigestEnabled(user.id, body.digestEnabled)
    return { settings: body, mailEnabled: ctx.mail.enabled }
  })

  app.get('/api/admin/mail', async (request): Promise<OutboxReply> => {
    const { user } = await authenticate(ctx, request)
    assertMay(null, 'accounts.manage', { isAdmin: user.isAdmin }, 'Only an admin can see the mail outbox')
    return { mailEnabled: ctx.mail.enabled, mails: (await ctx.storage.listOutbox(OutboxListLength)).map(toOutboxMail) }
  })
}
