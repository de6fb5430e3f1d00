import { randomBytes } from 'node:crypto'

/** A new opaque id: 128 random bits, URL-safe base64 (contract §3 asks for ≥ 96). */
export function newId(): string {
  return randomBytes(16).toString('base64url')
}
