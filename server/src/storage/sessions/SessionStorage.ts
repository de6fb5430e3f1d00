/** Login sessions: record and port. */
import type { AuditOf } from '../audit/AuditStorage.js'
import type { UserRecord } from '../users/UserStorage.js'

/** A login session; the token itself is never stored, only its SHA-256. */
export interface SessionRecord {
  tokenHash: string
  userId: string
  createdAt: string
  /** Absolute end (SESSION_MAX_AGE_HOURS after the login). */
  expiresAt: string
  /** Last request seen (touched at most once a minute), for idle expiry. */
  lastSeenAt: string
}

/** Login sessions. */
export interface SessionStorage {
  /** Stores a session with `audit` (a login). */
  createSession(session: SessionRecord, audit?: AuditOf): Promise<void>
  /**
   * The session and its user when the session is unexpired (before its
   * absolute end, and last seen after `idleSince`) and the user active.
   */
  findActiveSession(tokenHash: string, now: Date, idleSince: Date): Promise<{ session: SessionRecord; user: UserRecord } | null>
  /** Records activity of a session (idle expiry). */
  touchSession(tokenHash: string, now: Date): Promise<void>
  deleteSession(tokenHash: string): Promise<void>
  /** Deletes every session of an account (deactivation, password reset). */
  deleteSessionsOfUser(userId: string): Promise<void>
  /** Deletes sessions past their absolute end or last seen before `idleSince`. */
  deleteExpiredSessions(now: Date, idleSince: Date): Promise<void>
}
