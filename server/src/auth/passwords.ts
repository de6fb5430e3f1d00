/** Password hashing with argon2id (@node-rs/argon2 defaults: m=19 MiB, t=2, p=1). */
import { hash, verify } from '@node-rs/argon2'
import { randomBytes } from 'node:crypto'

/** Hashes a password for storage. */
export async function hashPassword(password: string): Promise<string> {
  return hash(password)
}

/** Whether a password matches a stored hash; false (never a throw) for a corrupt hash. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password)
  } catch {
    return false
  }
}

let dummyHash: Promise<string> | undefined

/**
 * Verifies against a throwaway hash, so a login with an unknown e-mail takes
 * as long as one with a wrong password and timing does not tell which.
 */
export async function verifyDummyPassword(password: string): Promise<false> {
  dummyHash ??= hash(randomBytes(16).toString('base64url'))
  await verifyPassword(await dummyHash, password)
  return false
}
