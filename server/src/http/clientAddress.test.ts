import { describe, expect, it } from 'vitest'
import { parseTrustProxy } from '../config/addresses.js'
import { clientAddress } from './clientAddress.js'

describe('clientAddress', () => {
  it('ignores X-Forwarded-For without TRUST_PROXY', () => {
    expect(clientAddress('127.0.0.1', '203.0.113.7', undefined)).toBe('127.0.0.1')
  })

  it('takes the entry the trusted proxy added, not what the client wrote left of it', () => {
    const trust = parseTrustProxy('loopback')
    expect(clientAddress('127.0.0.1', '203.0.113.7', trust)).toBe('203.0.113.7')
    expect(clientAddress('::ffff:127.0.0.1', '198.51.100.1, 203.0.113.7', trust)).toBe('203.0.113.7')
    expect(clientAddress('::1', undefined, trust)).toBe('::1')
  })

  it('does not believe an untrusted peer', () => {
    const trust = parseTrustProxy('10.0.0.0/8, 192.0.2.5')
    expect(clientAddress('198.51.100.9', '203.0.113.7', trust)).toBe('198.51.100.9')
    expect(clientAddress('192.0.2.5', '203.0.113.7', trust)).toBe('203.0.113.7')
    // A chain of trusted proxies is walked until the first untrusted hop.
    expect(clientAddress('10.1.2.3', '203.0.113.7, 192.0.2.5', trust)).toBe('203.0.113.7')
    expect(clientAddress('10.1.2.3', '203.0.113.7, 198.51.100.1', trust)).toBe('198.51.100.1')
  })
})
