/**
 * The outbox: every mail is stored first, then delivered; a failed delivery
 * is retried with backoff (1 min, 5 min, 30 min, 2 h, 12 h) and given up
 * after the last, visible to an admin either way (GET /api/admin/mail).
 * Several processes may share the outbox: a delivery is claimed with a
 * lease before it is tried.
 */
import type { Transporter } from 'nodemailer'
import { errorMessage } from '../../../shared/src/errors.js'
import type { Clock } from '../clock.js'
import { newId } from '../ids.js'
import type { Logger } from '../log.js'
import type { MailKind, OutboxStorage } from '../storage/mail/MailStorage.js'
import type { MailContent } from './mailTexts.js'

/** Minutes before the 2nd, 3rd, … attempt; after the last, the mail is given up. */
export const RetryBackoffMinutes: readonly number[] = [1, 5, 30, 120, 720]

/** Sent and given-up mails stay listed this long, then their rows (with the recipient's address) are deleted. */
export const KeepFinishedMailsDays = 30

/** How long a claimed delivery may take before another process may try it. */
const LeaseMs = 5 * 60_000

/** What sends a message (nodemailer's transporter, or a test double). */
export interface MailTransport {
  sendMail(message: { from: string; to: string; subject: string; text: string }): Promise<unknown>
}

/** What commands and routes are given: whether mail is on, and sending. */
export interface Mail {
  /** False without SMTP_URL: nothing is sent, the UI shows links to copy. */
  readonly enabled: boolean
  /** Stores a mail in the outbox and starts its delivery; resolves once stored. */
  send(kind: MailKind, to: string, content: MailContent): Promise<void>
}

/**
 * A nodemailer transport for SMTP_URL (credentials in the URL; STARTTLS when
 * the server offers it). nodemailer is loaded with the first mail, not at
 * start: importing it reads Node's 146 root certificates and holds about
 * 2 MB of heap, which every relay process carried whether or not it ever
 * sent a mail (issue 21, memory). A failed load is tried again with the
 * next delivery (the outbox retries it like any failed send).
 */
export function smtpTransport(smtpUrl: string): MailTransport {
  let transporter: Promise<Transporter> | null = null
  const loaded = (): Promise<Transporter> => {
    transporter ??= import('nodemailer').then(
      (module) => module.default.createTransport(smtpUrl),
      (err: unknown) => {
        transporter = null
        throw err
      },
    )
    return transporter
  }
  return {
    async sendMail(message) {
      return (await loaded()).sendMail(message)
    },
  }
}

/** The outbox of one process. */
export class MailOutbox implements Mail {
  readonly enabled: boolean
  private delivering: Promise<void> | null = null
  private again = false

  constructor(
    private readonly options: {
      storage: OutboxStorage
      transport: MailTransport | null
      from: string
      clock: Clock
      logger: Logger
    },
  ) {
    this.enabled = options.transport !== null
  }

  async send(kind: MailKind, to: string, content: MailContent): Promise<void> {
    if (!this.enabled) {
      return
    }
    const now = this.options.clock().toISOString()
    await this.options.storage.enqueueMail({
      id: newId(),
      kind,
      recipient: to,
      subject: content.subject,
      body: content.text,
      createdAt: now,
      attempts: 0,
      nextAttemptAt: now,
      sentAt: null,
      failedAt: null,
      lastError: null,
    })
    void this.deliverDue()
  }

  /** Delivers every mail due now; one run at a time (a call during a run makes it run once more). */
  deliverDue(): Promise<void> {
    if (this.delivering) {
      this.again = true
      return this.delivering
    }
    this.delivering = (async () => {
      do {
        this.again = false
        await this.deliverBatch()
      } while (this.again)
    })()
      .catch((error: unknown) => this.options.logger.error({ error: errorMessage(error) }, 'mail outbox run failed'))
      .finally(() => {
        this.delivering = null
      })
    return this.delivering
  }

  /** Resolves once a delivery run in progress has finished (before the storage closes). */
  async idle(): Promise<void> {
    await this.delivering
  }

  /** Looks for due mails every `intervalMs`; returns the stop function. */
  start(intervalMs: number): () => void {
    if (!this.enabled) {
      return () => {}
    }
    void this.deliverDue()
    const timer = setInterval(() => void this.deliverDue(), intervalMs)
    timer.unref()
    return () => clearInterval(timer)
  }

  private async deliverBatch(): Promise<void> {
    const { storage, transport, from, clock, logger } = this.options
    if (!transport) {
      return
    }
    const now = clock()
    await storage.deleteFinishedMailsBefore(new Date(now.getTime() - KeepFinishedMailsDays * 86_400_000).toISOString())
    for (const mail of await storage.dueMails(now.toISOString(), 50)) {
      if (mail.nextAttemptAt === null || !(await storage.claimMail(mail.id, mail.nextAttemptAt, new Date(now.getTime() + LeaseMs).toISOString()))) {
        continue
      }
      // Never the recipient, subject or text: ids, kind and the attempt's number.
      logger.debug({ mailId: mail.id, kind: mail.kind, attempt: mail.attempts + 1 }, 'mail delivery attempt')
      try {
        await transport.sendMail({ from, to: mail.recipient, subject: mail.subject, text: mail.body })
        await storage.markMailSent(mail.id, clock().toISOString())
        logger.info({ mailId: mail.id, kind: mail.kind }, 'mail sent')
      } catch (error) {
        const wait = RetryBackoffMinutes[mail.attempts]
        const at = clock()
        const next = wait === undefined ? null : new Date(at.getTime() + wait * 60_000).toISOString()
        // The SMTP answer only, never the recipient or the body.
        const reason = errorMessage(error).slice(0, 300)
        await storage.markMailFailed(mail.id, at.toISOString(), reason, next)
        logger.warn({ mailId: mail.id, kind: mail.kind, attempt: mail.attempts + 1, retryAt: next, error: reason }, next ? 'mail delivery failed, will retry' : 'mail delivery failed, given up')
      }
    }
  }
}
