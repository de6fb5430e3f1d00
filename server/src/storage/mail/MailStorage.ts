/** Mail (issue 22): the outbox and per-account mail settings — records and ports. */

/** What a mail is about; the admin's list shows it, never the body. */
export type MailKind = 'invitation' | 'passwordReset' | 'digest'

/** A mail waiting in, sent from or given up by the outbox. */
export interface OutboxRecord {
  id: string
  kind: MailKind
  recipient: string
  subject: string
  /** Plain text; cleared ('') once sent or given up (it may hold a reset link). */
  body: string
  createdAt: string
  attempts: number
  /** When the next delivery attempt is due; null once sent or given up. */
  nextAttemptAt: string | null
  sentAt: string | null
  failedAt: string | null
  lastError: string | null
}

/** The mail outbox: failed deliveries are retried with backoff. */
export interface OutboxStorage {
  /** Inserts a mail, due at once. */
  enqueueMail(mail: OutboxRecord): Promise<void>
  /** Mails due at `now` (at most `limit`), oldest first. */
  dueMails(now: string, limit: number): Promise<OutboxRecord[]>
  /**
   * Claims a due mail for one delivery attempt: moves its next attempt to
   * `leaseUntil` unless another process claimed it first (false).
   */
  claimMail(id: string, expectedNextAttemptAt: string, leaseUntil: string): Promise<boolean>
  /** Records a delivery: sent, the body cleared. */
  markMailSent(id: string, at: string): Promise<void>
  /** Records a failed attempt: retried at `nextAttemptAt`, or given up (null; the body cleared). */
  markMailFailed(id: string, at: string, error: string, nextAttemptAt: string | null): Promise<void>
  /** Deletes mails sent or given up before `before` (their recipients are personal data); resolves with how many. */
  deleteFinishedMailsBefore(before: string): Promise<number>
  /** The newest mails (admins' list). */
  listOutbox(limit: number): Promise<OutboxRecord[]>
}

/** An account's mail settings (defaults when never set). */
export interface AccountSettings {
  digestEnabled: boolean
  /** The calendar day the last digest went out, or null. */
  lastDigestOn: string | null
}

/** Per-account mail settings. */
export interface AccountSettingsStorage {
  accountSettings(userId: string): Promise<AccountSettings>
  setDigestEnabled(userId: string, enabled: boolean): Promise<void>
  /**
   * Claims the digest of `day` for the account: true once per account and
   * day (false when this or another process claimed it already).
   */
  claimDigestDay(userId: string, day: string): Promise<boolean>
}
