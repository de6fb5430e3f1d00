import { createHash, randomBytes } from 'node:crypto'

/** A new opaque id: 128 random bits, URL-safe base64 (contract §3 asks for ≥ 96). */
export function newId(): string {
  return randomBytes(16).toString('base64url')
}

/** A new secret token (invitation links): 32 random bytes, URL-safe base64. */
export function newSecretToken(): string {
  return randomBytes(32).toString('base64url')
}

/** Hex SHA-256 of a string: how secret tokens are stored, and the plan hash of agreements. */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex')
}
