/** Password-reset links (contract §8.5): records and port. */
import type { AuditOf } from '../audit/AuditStorage.js'

/** A password-reset link; the token itself is never stored, only its SHA-256. */
export interface PasswordResetRecord {
  id: string
  tokenHash: string
  /** The account whose password the link sets. */
  userId: string
  /** The case whose coach made the link (a new access link), or null (a mailed reset). */
  caseId: string | null
  /** The coach who made it, or null. */
  createdBy: string | null
  createdAt: string
  expiresAt: string
  usedAt: string | null
}

/** A link with the name of its account (the page greets the person by name). */
export interface PasswordResetWithName extends PasswordResetRecord {
  userName: string
}

/** Password-reset links. */
export interface PasswordResetStorage {
  /**
   * Stores a link with `audit`; the account's earlier unused links stop
   * working (only the newest link a person was given works).
   */
  createPasswordReset(reset: PasswordResetRecord, audit?: AuditOf): Promise<void>
  /** The link behind a token hash while it is unused and unexpired at `now`, and its account active; null otherwise. */
  findOpenPasswordReset(tokenHash: string, now: string): Promise<PasswordResetWithName | null>
  /**
   * In one transaction, if the link is still open at `now` and its account
   * active: uses the link, sets the account's password hash, deletes every
   * session of the account and writes `audit`. 'invalid': nothing written.
   */
  usePasswordReset(input: { tokenHash: string; now: string; passwordHash: string; audit?: AuditOf }): Promise<{ userId: string } | 'invalid'>
}
