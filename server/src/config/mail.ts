/** Mail (contract §8.5, issue 22): SMTP, the outbox's retries, the daily digest. */
import { z } from 'zod'
import { defineSection, namedFields, positiveInt } from './section.js'

const MailEnvSchema = z
  .object({
    SMTP_URL: z.string().regex(/^smtps?:\/\/[^\s]+$/, 'must be an SMTP URL such as smtp://user:password@mail.example.org:587').optional(),
    MAIL_FROM: z.string().min(3).max(200).optional(),
    MAIL_RETRY_MS: positiveInt.default(60_000),
    DIGEST_HOUR: z.coerce.number().int().min(0).max(23).default(7),
    DIGEST_SWEEP_MS: positiveInt.default(15 * 60_000),
  })
  .refine((values) => values.SMTP_URL === undefined || values.MAIL_FROM !== undefined, {
    path: ['MAIL_FROM'],
    message: 'is needed with SMTP_URL, e.g. "Fallbuch <fallbuch@example.org>"',
  })

/** Mail settings; without `smtpUrl` nothing is sent and the UI shows links to copy. */
export interface MailConfig {
  /** SMTP_URL: `smtp://user:password@host:587` (STARTTLS when offered) or `smtps://` (TLS). Never log it. */
  smtpUrl: string | undefined
  /** MAIL_FROM: the sender, e.g. `Fallbuch <fallbuch@example.org>`. */
  mailFrom: string | undefined
  /** MAIL_RETRY_MS: how often the outbox looks for mails due (again). */
  mailRetryMs: number
  /** DIGEST_HOUR: from this hour (TIME_ZONE) on, the day's reminder digest goes out. */
  digestHour: number
  /** DIGEST_SWEEP_MS: how often accounts due a digest are looked for. */
  digestSweepMs: number
}

export const MailSettings = defineSection(MailEnvSchema, (values): MailConfig => namedFields(values), { secrets: ['SMTP_URL'] })
