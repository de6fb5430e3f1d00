/**
 * The address lists of the settings, parsed and checked once: TRUST_PROXY
 * (whose X-Forwarded-For entry is believed, contract §8.5) and METRICS_ALLOW
 * (who may read /metrics without the token).
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

/** Whether TRUST_PROXY's value parses (other errors than a bad entry are thrown on). */
export function isTrustProxyList(value: string): boolean {
  try {
    parseTrustProxy(value)
    return true
  } catch (err) {
    if (err instanceof TrustProxyError) {
      return false
    }
    throw err
  }
}

/** One entry of an address list: an address or a CIDR range. */
export interface AddressRule {
  address: string
  prefix: number
  family: 'ipv4' | 'ipv6'
}

/** Parses METRICS_ALLOW (`loopback` stands for 127.0.0.0/8 and ::1; `none` for nothing); null when invalid. */
export function parseAddressList(value: string): AddressRule[] | null {
  const rules: AddressRule[] = []
  for (const raw of value.split(',').map((part) => part.trim()).filter((part) => part !== '')) {
    if (raw === 'none') {
      continue
    }
    if (raw === 'loopback') {
      rules.push({ address: '127.0.0.0', prefix: 8, family: 'ipv4' }, { address: '::1', prefix: 128, family: 'ipv6' })
      continue
    }
    const [address = '', prefixText] = raw.split('/')
    const family = isIP(address) === 4 ? 'ipv4' : isIP(address) === 6 ? 'ipv6' : null
    const max = family === 'ipv4' ? 32 : 128
    const prefix = prefixText === undefined ? max : Number(prefixText)
    if (family === null || !Number.isInteger(prefix) || prefix < 0 || prefix > max) {
      return null
    }
    rules.push({ address, prefix, family })
  }
  return rules
}
