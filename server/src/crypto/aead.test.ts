import { createSecretKey, randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { open, seal, SealOverhead, SealVersion } from './aead.js'
import { openCaseTitle, openConsentPurpose, openRoomUpdate, sealCaseTitle, sealConsentPurpose, sealRoomUpdate } from './atRest.js'
import { DecryptionError } from './errors.js'

const key = createSecretKey(randomBytes(32))
const otherKey = createSecretKey(randomBytes(32))
const text = new TextEncoder().encode('Diagnose: Epilepsie, anfallsfrei seit 2024')

function reasonOf(action: () => unknown): string {
  try {
    action()
  } catch (err) {
    expect(err).toBeInstanceOf(DecryptionError)
    return (err as DecryptionError).reason
  }
  throw new Error('expected a DecryptionError')
}

describe('sealing format', () => {
  it('round-trips with version byte, 12-byte random nonce and tag, and never repeats a ciphertext', () => {
    const a = seal(key, text, 'here')
    const b = seal(key, text, 'here')
    expect(a[0]).toBe(SealVersion)
    expect(a.length).toBe(text.length + SealOverhead)
    expect(a.subarray(1, 13).equals(b.subarray(1, 13))).toBe(false)
    expect(a.equals(b)).toBe(false)
    expect(open(key, a, 'here')).toEqual(Buffer.from(text))
    expect(a.includes(Buffer.from('Epilepsie'))).toBe(false)
  })

  it('refuses a flipped bit anywhere (nonce, ciphertext, tag) with a clear error, never garbage', () => {
    const sealed = seal(key, text, 'here')
    for (const index of [1, 12, 13, 20, sealed.length - 1]) {
      const tampered = Buffer.from(sealed)
      tampered[index] = (tampered[index] ?? 0) ^ 0x01
      expect(reasonOf(() => open(key, tampered, 'here'))).toBe('authenticationFailed')
    }
  })

  it('refuses another place (AAD), another key, an unknown version and a truncated value', () => {
    const sealed = seal(key, text, 'here')
    expect(reasonOf(() => open(key, sealed, 'there'))).toBe('authenticationFailed')
    expect(reasonOf(() => open(otherKey, sealed, 'here'))).toBe('authenticationFailed')
    const future = Buffer.from(sealed)
    future[0] = 2
    expect(reasonOf(() => open(key, future, 'here'))).toBe('unsupportedVersion')
    expect(reasonOf(() => open(key, sealed.subarray(0, SealOverhead - 1), 'here'))).toBe('truncated')
  })
})

describe('values at rest', () => {
  it('binds a room update to its room: a row moved to another room of the same case does not open', () => {
    const sealed = sealRoomUpdate(key, 'cases/AAAAAAAAAAAAAAAAAAAAAA/notes', text)
    expect(openRoomUpdate(key, 'cases/AAAAAAAAAAAAAAAAAAAAAA/notes', sealed)).toEqual(text)
    expect(reasonOf(() => openRoomUpdate(key, 'cases/AAAAAAAAAAAAAAAAAAAAAA/plan', sealed))).toBe('authenticationFailed')
    expect(reasonOf(() => openRoomUpdate(key, 'cases/BBBBBBBBBBBBBBBBBBBBBB/notes', sealed))).toBe('authenticationFailed')
  })

  it('binds a title to its case and a purpose to its case and grant, and keeps neither readable', () => {
    const title = sealCaseTitle(key, 'case1', 'Kassenbereich Müller')
    expect(openCaseTitle(key, 'case1', title)).toBe('Kassenbereich Müller')
    expect(title).not.toContain('Müller')
    expect(reasonOf(() => openCaseTitle(key, 'case2', title))).toBe('authenticationFailed')
    const purpose = sealConsentPurpose(key, 'case1', 'grant1', 'Arbeitsplatzanpassung')
    expect(openConsentPurpose(key, 'case1', 'grant1', purpose)).toBe('Arbeitsplatzanpassung')
    expect(reasonOf(() => openConsentPurpose(key, 'case1', 'grant2', purpose))).toBe('authenticationFailed')
    // A title pasted into a purpose column does not open there either.
    expect(reasonOf(() => openConsentPurpose(key, 'case1', 'grant1', title))).toBe('authenticationFailed')
  })
})
