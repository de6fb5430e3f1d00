/**
 * Security headers on every HTTP response (issue 9). The built client needs
 * no inline script (index.html loads one module from /assets, the service
 * worker registration is bundled), so the CSP allows scripts from our own
 * origin only; inline styles are allowed because the editor (ProseMirror)
 * sets style attributes. WebSockets go to our own origin (`connect-src
 * 'self'` covers ws: and wss: of it in current browsers).
 */
import type { FastifyInstance } from 'fastify'

/** The Content-Security-Policy of every response. */
export const ContentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ')

/** Headers set on every response. */
export const SecurityHeaders: Readonly<Record<string, string>> = {
  'content-security-policy': ContentSecurityPolicy,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
}

/** Adds the headers to every response, errors and static files included. */
export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onRequest', async (_request, reply) => {
    reply.headers(SecurityHeaders)
  })
}
