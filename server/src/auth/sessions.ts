/**
 * Login sessions: the browser holds a random token in the `fb_session`
 * cookie; the database holds only its SHA-256, so a leaked database does not
 * leak usable sessions.
 */
import { createHash, randomBytes } from 'node:crypto'
import type { SessionRecord, Storage, UserRecord } from '../storage/Storage.js'

/** Name of the session cookie (contract §5). */
export const SessionCookieName = 'fb_session'

/** A new session token: 32 random bytes, URL-safe base64. */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url')
}

/** The stored form of a session token. */
export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

/** Creates and stores a session for a user; returns the token for the cookie. */
export async function startSession(
  storage: Storage,
  userId: string,
  maxAgeHours: number,
  now = new Date(),
): Promise<{ token: string; session: SessionRecord }> {
  const token = newSessionToken()
  const session: SessionRecord = {
    tokenHash: hashSessionToken(token),
    userId,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + maxAgeHours * 3_600_000).toISOString(),
  }
  await storage.createSession(session)
  return { token, session }
}

/** The session and user behind a token, or null (unknown, expired, or the account is deactivated). */
export async function resolveSession(
  storage: Storage,
  token: string | undefined,
  now = new Date(),
): Promise<{ session: SessionRecord; user: UserRecord } | null> {
  if (token === undefined || token.length === 0 || token.length > 100) {
    return null
  }
  return storage.findActiveSession(hashSessionToken(token), now)
}
