/**
 * The server's own origin, for the CSRF checks of state-changing requests
 * and of WebSocket upgrades: a page on another site must not act with the
 * user's cookie. Requests without an Origin header (non-browser clients)
 * are not affected.
 */

/**
 * Whether an Origin header names this server: PUBLIC_URL's origin when set,
 * otherwise the origin whose host is the request's Host header (any scheme,
 * since TLS may end at a proxy in front of the relay).
 */
export function isOwnOrigin(origin: string, publicUrl: string | undefined, host: string | undefined): boolean {
  let parsed: URL
  try {
    parsed = new URL(origin)
  } catch {
    // "null" (sandboxed frames, some redirects) and garbage are foreign.
    return false
  }
  if (publicUrl !== undefined) {
    return parsed.origin === new URL(publicUrl).origin
  }
  return host !== undefined && parsed.host === host.toLowerCase()
}
