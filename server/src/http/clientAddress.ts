/**
 * The client address behind a reverse proxy (contract §8.5): with
 * `TRUST_PROXY`, X-Forwarded-For is read from the right for as long as the
 * hop that added an entry is a trusted proxy; without it the header is
 * ignored and the socket's peer is the client. Fastify's `trustProxy` gets
 * the same trust function, so `request.ip` and the sync upgrade agree.
 * TRUST_PROXY itself is parsed with the settings (config/addresses.ts).
 */
import type { TrustProxy } from '../config/addresses.js'

/**
 * The client's address: the socket's peer, or, while the peer (and each
 * further hop) is trusted, the X-Forwarded-For entry it added. Entries left
 * of the first untrusted hop are whatever the client wrote and are ignored.
 */
export function clientAddress(peer: string | undefined, forwardedFor: string | string[] | undefined, trust: TrustProxy | undefined): string {
  let address = peer ?? 'unknown'
  if (trust === undefined || forwardedFor === undefined) {
    return address
  }
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor)
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .reverse()
  for (const [hop, forwarded] of hops.entries()) {
    if (!trust(address, hop)) {
      break
    }
    address = forwarded
  }
  return address
}
