import type { FastifyReply, FastifyRequest } from 'fastify'
import { resolveSession, SessionCookieName } from '../auth/sessions.js'
import type { SessionRecord, UserRecord } from '../storage/Storage.js'
import type { AppContext } from './AppContext.js'
import { forbidden, unauthenticated } from './errors.js'
import type { SessionStorage } from '../storage/sessions/SessionStorage.js'

/** The storage ports this module uses. */
type Ports = SessionStorage

/** The caller of an authenticated request. */
export interface Caller {
  user: UserRecord
  session: SessionRecord
}

/** The caller from the `fb_session` cookie; throws 401 without a valid session (expired, idle, or the account is deactivated). */
export async function authenticate(ctx: AppContext<Ports>, request: FastifyRequest): Promise<Caller> {
  const token = request.cookies[SessionCookieName]
  const caller = await resolveSession(ctx.storage, token, ctx.config)
  if (!caller) {
    // No cookie is no failure (a logged-out visitor); a cookie of no active session is.
    if (token !== undefined && token !== '') {
      ctx.authFailures.record({ reason: 'session_invalid', address: request.ip, via: request.routeOptions.url ?? request.method })
    }
    throw unauthenticated()
  }
  return caller
}

/** Like {@link authenticate}, and throws 403 unless the caller has a staff account. */
export async function authenticateStaff(ctx: AppContext<Ports>, request: FastifyRequest): Promise<Caller> {
  const caller = await authenticate(ctx, request)
  if (caller.user.kind !== 'staff') {
    throw forbidden('staffOnly', 'Only staff accounts can do this')
  }
  return caller
}

/** Sets the session cookie (contract §5: HttpOnly, SameSite=Lax, Secure behind TLS). */
export function setSessionCookie(ctx: AppContext<Ports>, reply: FastifyReply, token: string): void {
  reply.setCookie(SessionCookieName, token, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: ctx.config.publicUrl?.startsWith('https:') ?? false,
    maxAge: ctx.config.sessionMaxAgeHours * 3600,
  })
}

/** Clears the session cookie. */
export function clearSessionCookie(ctx: AppContext<Ports>, reply: FastifyReply): void {
  reply.clearCookie(SessionCookieName, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: ctx.config.publicUrl?.startsWith('https:') ?? false,
  })
}
