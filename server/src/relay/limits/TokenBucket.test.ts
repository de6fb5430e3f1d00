import { describe, expect, it } from 'vitest'
import { TokenBucket } from './TokenBucket.js'

describe('TokenBucket', () => {
  it('allows a burst, refuses beyond it, and refills at the configured rate', () => {
    let now = 0
    const bucket = new TokenBucket(10, 5, () => now)
    for (let i = 0; i < 5; i += 1) {
      expect(bucket.take()).toBe(true)
    }
    expect(bucket.take()).toBe(false)
    now += 100 // one token at 10/s
    expect(bucket.take()).toBe(true)
    expect(bucket.take()).toBe(false)
    now += 60_000
    for (let i = 0; i < 5; i += 1) {
      expect(bucket.take()).toBe(true)
    }
    expect(bucket.take()).toBe(false)
  })

  it('never trips on steady typing below the rate', () => {
    let now = 0
    const bucket = new TokenBucket(50, 500, () => now)
    for (let i = 0; i < 10_000; i += 1) {
      now += 25 // 40 messages per second, for four minutes
      expect(bucket.take()).toBe(true)
    }
  })
})
