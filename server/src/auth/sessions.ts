/**
 * Login sessions: the browser holds a random token in the `fb_session`
 * cookie; the database holds only its SHA-256, so a leaked database does not
 * leak usable sessions. A session ends at its absolute end
 * (SESSION_MAX_AGE_HOURS after the login) or after SESSION_IDLE_HOURS
 * without a request, whichever comes first.
 */
import { createHash, randomBytes } from 'node:crypto'
import type { AuditOf } from '../storage/audit/AuditStorage.js'
import type { SessionRecord, SessionStorage } from '../storage/sessions/SessionStorage.js'
import type { UserRecord } from '../storage/users/UserStorage.js'

/** Name of the session cookie (contract §5). */
export const SessionCookieName = 'fb_session'

/** Last-seen is written at most this often per session, so reads stay reads. */
export const SessionTouchIntervalMs = 60_000

/** How long sessions live. */
export interface SessionLifetime {
  /** Absolute lifetime from login. */
  sessionMaxAgeHours: number
  /** Lifetime without activity. */
  sessionIdleHours: number
}

/** A new session token: 32 random bytes, URL-safe base64. */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url')
}

/** The stored form of a session token. */
export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

/** The moment before which a session's last activity makes it idle-expired. */
export function idleCutoff(lifetime: Pick<SessionLifetime, 'sessionIdleHours'>, now: Date): Date {
  return new Date(now.getTime() - lifetime.sessionIdleHours * 3_600_000)
}

/** Creates and stores a session for a user (with `audit`, in one transaction); returns the token for the cookie. */
export async function startSession(
  storage: SessionStorage,
  userId: string,
  maxAgeHours: number,
  now = new Date(),
  audit?: AuditOf,
): Promise<{ token: string; session: SessionRecord }> {
  const token = newSessionToken()
  const session: SessionRecord = {
    tokenHash: hashSessionToken(token),
    userId,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + maxAgeHours * 3_600_000).toISOString(),
    lastSeenAt: now.toISOString(),
  }
  await storage.createSession(session, audit)
  return { token, session }
}

/**
 * The session and user behind a token, or null (unknown, expired, idle, or
 * the account is deactivated). Records the activity, at most once a minute.
 */
export async function resolveSession(
  storage: SessionStorage,
  token: string | undefined,
  lifetime: Pick<SessionLifetime, 'sessionIdleHours'>,
  now = new Date(),
): Promise<{ session: SessionRecord; user: UserRecord } | null> {
  if (token === undefined || token.length === 0 || token.length > 100) {
    return null
  }
  const found = await storage.findActiveSession(hashSessionToken(token), now, idleCutoff(lifetime, now))
  if (found && now.getTime() - Date.parse(found.session.lastSeenAt) >= SessionTouchIntervalMs) {
    await storage.touchSession(found.session.tokenHash, now)
  }
  return found
}
