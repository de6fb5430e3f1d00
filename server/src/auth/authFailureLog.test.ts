import { randomBytes } from 'node:crypto'
import { pino } from 'pino'
import { describe, expect, it } from 'vitest'
import { masterKeySet } from '../crypto/masterKeys.js'
import { accountHash, accountHashKey, AuthFailureLog } from './authFailureLog.js'

function capture() {
  const lines: Array<Record<string, unknown>> = []
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) })
  return { logger, lines }
}

const first = masterKeySet([randomBytes(32)], { kind: 'env' }).current
const second = masterKeySet([randomBytes(32)], { kind: 'env' }).current

describe('auth failure log', () => {
  it('logs address, reason and the keyed hash of the login name, never the name itself', () => {
    const { logger, lines } = capture()
    new AuthFailureLog(logger, first).record({ reason: 'wrong_password', address: '203.0.113.7', via: '/api/auth/login', login: 'Miriam.Roth@example.org ' })
    expect(lines).toHaveLength(1)
    const line = lines[0] ?? {}
    expect(line).toMatchObject({ event: 'auth_failure', reason: 'wrong_password', address: '203.0.113.7', accountKeyId: first.id, level: 40 })
    expect(line.account).toBe(accountHash(accountHashKey(first), 'miriam.roth@example.org'))
    expect(line.account).toMatch(/^[0-9a-f]{16}$/)
    expect(JSON.stringify(line).toLowerCase()).not.toContain('miriam')
  })

  it('hashes one login name alike however it is typed, and differently under another master key', () => {
    const key = accountHashKey(first)
    expect(accountHash(key, ' MIRIAM.roth@example.org')).toBe(accountHash(key, 'miriam.roth@example.org'))
    expect(accountHash(key, 'tobias.brandt@example.org')).not.toBe(accountHash(key, 'miriam.roth@example.org'))
    expect(accountHash(accountHashKey(second), 'miriam.roth@example.org')).not.toBe(accountHash(key, 'miriam.roth@example.org'))
  })

  it('watch records a failure only for the errors it is told to and throws them on', async () => {
    const { logger, lines } = capture()
    const log = new AuthFailureLog(logger, first)
    const failure = { reason: 'reset_token_invalid', address: '::1', via: 'test' } as const
    await expect(log.watch(() => Promise.reject(new RangeError('nope')), (err) => err instanceof RangeError, failure)).rejects.toThrow('nope')
    await expect(log.watch(() => Promise.reject(new Error('other')), (err) => err instanceof RangeError, failure)).rejects.toThrow('other')
    await expect(log.watch(() => Promise.resolve(1), () => true, failure)).resolves.toBe(1)
    expect(lines.map((line) => line.reason)).toEqual(['reset_token_invalid'])
  })
})
