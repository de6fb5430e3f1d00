/**
 * The client address behind a reverse proxy (contract §8.5): with
 * `TRUST_PROXY`, X-Forwarded-For is read from the right for as long as the
 * hop that added an entry is a trusted proxy; without it the header is
 * ignored and the socket's peer is the client. Fastify's `trustProxy` gets
 * the same trust function, so `request.ip` and the sync upgrade agree.
 */
import { BlockList, isIP } from 'node:net'

/** Decides whether the peer at `address` is a proxy whose X-Forwarded-For entry may be believed. */
export type TrustProxy = (address: string, hop: number) => boolean

/** Named ranges accepted in TRUST_PROXY besides addresses and CIDRs (as in proxy-addr). */
const NamedRanges: Readonly<Record<string, readonly string[]>> = {
  loopback: ['127.0.0.0/8', '::1/128'],
  linklocal: ['169.254.0.0/16', 'fe80::/10'],
  uniquelocal: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'],
}

/** Thrown by {@link parseTrustProxy} for an entry that is no address, CIDR or named range. */
export class TrustProxyError extends Error {
  override name = 'TrustProxyError'
}

/** `::ffff:1.2.3.4` (an IPv4 peer on a dual-stack socket) as `1.2.3.4`, so IPv4 ranges match it. */
export function normaliseAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)
  return mapped?.[1] ?? address
}

function addEntry(list: BlockList, entry: string): void {
  const [address = '', prefixText, ...rest] = entry.split('/')
  const family = isIP(address)
  const prefix = prefixText === undefined ? (family === 4 ? 32 : 128) : Number(prefixText)
  if (family === 0 || rest.length > 0 || !Number.isInteger(prefix) || prefix < 0 || prefix > (family === 4 ? 32 : 128)) {
    throw new TrustProxyError(`not an address, CIDR or one of ${Object.keys(NamedRanges).join(', ')}: ${entry}`)
  }
  list.addSubnet(normaliseAddress(address), prefix, family === 4 ? 'ipv4' : 'ipv6')
}

/**
 * Parses TRUST_PROXY: a comma list of addresses, CIDRs (`10.0.0.0/8`) and
 * named ranges (`loopback`, `linklocal`, `uniquelocal`). An empty list
 * trusts nobody.
 */
export function parseTrustProxy(value: string): TrustProxy {
  const list = new BlockList()
  for (const raw of value.split(',')) {
    const entry = raw.trim()
    if (entry === '') {
      continue
    }
    for (const range of NamedRanges[entry.toLowerCase()] ?? [entry]) {
      addEntry(list, range)
    }
  }
  return (address) => {
    const plain = normaliseAddress(address)
    const family = isIP(plain)
    return family !== 0 && list.check(plain, family === 4 ? 'ipv4' : 'ipv6')
  }
}

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
