import { describe, expect, it } from 'vitest'
import { parseAddressList, parseTrustProxy, TrustProxyError } from './addresses.js'

describe('parseTrustProxy', () => {
  it('refuses entries that are no address, CIDR or named range', () => {
    expect(() => parseTrustProxy('proxy.example.org')).toThrow(TrustProxyError)
    expect(() => parseTrustProxy('10.0.0.0/33')).toThrow(TrustProxyError)
    expect(parseTrustProxy('uniquelocal, fe80::/10')('fe80::1', 0)).toBe(true)
  })
})

describe('parseAddressList', () => {
  it('reads loopback, none, addresses and CIDR ranges, and refuses anything else', () => {
    expect(parseAddressList('none')).toEqual([])
    expect(parseAddressList('loopback,192.168.1.0/24,::1')).toHaveLength(4)
    expect(parseAddressList('10.0.0.0/33')).toBeNull()
    expect(parseAddressList('nonsense')).toBeNull()
  })
})
