import { describe, expect, it } from 'vitest'
import { LoginThrottle } from './LoginThrottle.js'

describe('LoginThrottle', () => {
  const rules = { accountAddress: { maxFailures: 3, windowMs: 60_000 }, address: { maxFailures: 5, windowMs: 60_000 } }

  it('refuses an account from one address after its failures until the oldest leaves the window', () => {
    let now = 1_000_000
    const throttle = new LoginThrottle(rules, () => now)
    for (let i = 0; i < 3; i += 1) {
      expect(throttle.retryAfterSeconds('a@example.org', '1.2.3.4')).toBe(0)
      throttle.recordFailure('a@example.org', '1.2.3.4')
      now += 1_000
    }
    expect(throttle.retryAfterSeconds('a@example.org', '1.2.3.4')).toBe(57)
    expect(throttle.retryAfterSeconds('A@Example.org ', '1.2.3.4')).toBe(57)
    expect(throttle.retryAfterSeconds('b@example.org', '5.6.7.8')).toBe(0)
    now += 57_000
    expect(throttle.retryAfterSeconds('a@example.org', '1.2.3.4')).toBe(0)
  })

  it('never locks an account out from another address', () => {
    const throttle = new LoginThrottle(rules, () => 0)
    for (let i = 0; i < 10; i += 1) {
      throttle.recordFailure('a@example.org', '1.2.3.4')
    }
    expect(throttle.retryAfterSeconds('a@example.org', '1.2.3.4')).toBeGreaterThan(0)
    expect(throttle.retryAfterSeconds('a@example.org', '9.9.9.9')).toBe(0)
  })

  it('counts per address across accounts, and a success clears only its (account, address)', () => {
    const throttle = new LoginThrottle(rules, () => 0)
    for (let i = 0; i < 3; i += 1) {
      throttle.recordFailure('user0@example.org', '9.9.9.9')
    }
    for (let i = 0; i < 5; i += 1) {
      throttle.recordFailure(`user${i % 2}@example.org`, '1.2.3.4')
    }
    expect(throttle.retryAfterSeconds('new@example.org', '1.2.3.4')).toBeGreaterThan(0)
    expect(throttle.retryAfterSeconds('new@example.org', '9.9.9.9')).toBe(0)
    expect(throttle.retryAfterSeconds('user0@example.org', '9.9.9.9')).toBeGreaterThan(0)
    throttle.recordSuccess('user0@example.org', '9.9.9.9')
    expect(throttle.retryAfterSeconds('user0@example.org', '9.9.9.9')).toBe(0)
    expect(throttle.retryAfterSeconds('new@example.org', '1.2.3.4')).toBeGreaterThan(0)
  })
})
