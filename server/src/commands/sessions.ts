/**
 * Logging in and out. Who may log in (password, throttle) is checked
 * before; a login starts a session and records `login` in the account's
 * log (each case's log shows the logins of its members), in one transaction.
 */
import { hashSessionToken, idleCutoff, startSession, type SessionLifetime } from '../auth/sessions.js'
import type { Services } from '../services/Services.js'
import type { SessionStorage } from '../storage/sessions/SessionStorage.js'
import { auditEntry } from './audit.js'

/** Starts a session for a verified account; resolves with the token for the cookie. */
export async function logIn(services: Services<SessionStorage>, userId: string, lifetime: SessionLifetime): Promise<string> {
  const { token } = await startSession(services.storage, userId, lifetime.sessionMaxAgeHours, new Date(), [auditEntry(null, 'login', userId, services.clock())])
  const now = new Date()
  await services.storage.deleteExpiredSessions(now, idleCutoff(lifetime, now))
  return token
}

/** Ends the session of `token`: its row goes, its sockets close (4401) and its event streams end, on every process. */
export async function logOut(services: Services<SessionStorage>, token: string): Promise<void> {
  const sessionHash = hashSessionToken(token)
  await services.storage.deleteSession(sessionHash)
  await services.accessChanged({ kind: 'session', sessionHash })
}
