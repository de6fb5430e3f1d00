import { describe, expect, it } from 'vitest'
import { hashSessionToken, newSessionToken } from './sessions.js'

describe('session tokens', () => {
  it('are 32 random bytes in URL-safe base64', () => {
    const token = newSessionToken()
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(newSessionToken()).not.toBe(token)
  })

  it('are stored as their SHA-256, never as themselves', () => {
    const token = newSessionToken()
    const hash = hashSessionToken(token)
    expect(hash).toMatch(/^[0-9a-f]{64}$/)
    expect(hash).not.toContain(token)
    expect(hashSessionToken(token)).toBe(hash)
    expect(hashSessionToken(`${token}x`)).not.toBe(hash)
  })
})
