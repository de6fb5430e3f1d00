/**
 * The sealing format of everything encrypted at rest (AES-256-GCM, Node's
 * crypto):
 *
 *   byte 0       format version (1)
 *   bytes 1-12   random nonce
 *   bytes 13-n   ciphertext
 *   last 16      GCM tag
 *
 * The additional authenticated data (AAD) is not stored: the reader supplies
 * it from where the value sits (room name, case id + column), so a blob
 * moved to another place fails to open instead of showing up there.
 */
import { createCipheriv, createDecipheriv, randomFillSync, type KeyObject } from 'node:crypto'
import { DecryptionError } from './errors.js'

/** The format byte of {@link seal}'s output. */
export const SealVersion = 1
const NonceBytes = 12
const TagBytes = 16
/** Bytes a sealed value has on top of its plaintext. */
export const SealOverhead = 1 + NonceBytes + TagBytes

/**
 * Nonces are cut from a pool filled by the CSPRNG in one call: one
 * randomBytes(12) per sealed update cost 10 µs each, 8 % of the commit
 * path's CPU (profile, issue 21). Every nonce is still fresh random bytes,
 * each handed out once.
 */
const noncePool = Buffer.alloc(NonceBytes * 1024)
let noncePoolOffset = noncePool.length

function freshNonce(): Buffer {
  if (noncePoolOffset + NonceBytes > noncePool.length) {
    randomFillSync(noncePool)
    noncePoolOffset = 0
  }
  const nonce = Buffer.from(noncePool.subarray(noncePoolOffset, noncePoolOffset + NonceBytes))
  noncePoolOffset += NonceBytes
  return nonce
}

/** Encrypts `plaintext` under `key`, bound to `aad`. */
export function seal(key: KeyObject, plaintext: Uint8Array, aad: string): Buffer {
  const nonce = freshNonce()
  const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TagBytes })
  cipher.setAAD(Buffer.from(aad, 'utf8'))
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()])
  return Buffer.concat([Buffer.of(SealVersion), nonce, body, cipher.getAuthTag()])
}

/**
 * Decrypts a value made by {@link seal} with the same key and AAD; throws
 * {@link DecryptionError} for anything else (flipped bit, other place,
 * other key), never returns garbage.
 */
export function open(key: KeyObject, sealed: Uint8Array, aad: string): Buffer {
  if (sealed.length < SealOverhead) {
    throw new DecryptionError('truncated', `sealed value of ${sealed.length} bytes is shorter than its ${SealOverhead}-byte frame`)
  }
  if (sealed[0] !== SealVersion) {
    throw new DecryptionError('unsupportedVersion', `sealed value has format version ${sealed[0]}, this relay reads version ${SealVersion}`)
  }
  const bytes = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength)
  const nonce = bytes.subarray(1, 1 + NonceBytes)
  const tag = bytes.subarray(bytes.length - TagBytes)
  const body = bytes.subarray(1 + NonceBytes, bytes.length - TagBytes)
  const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: TagBytes })
  decipher.setAAD(Buffer.from(aad, 'utf8'))
  decipher.setAuthTag(tag)
  try {
    return Buffer.concat([decipher.update(body), decipher.final()])
  } catch {
    throw new DecryptionError('authenticationFailed', 'sealed value does not authenticate: wrong key, moved from another place, or altered')
  }
}

/** {@link open}, the plaintext as a plain Uint8Array view (what Yjs and the relay pass on), not a Buffer. */
export function openBytes(key: KeyObject, sealed: Uint8Array, aad: string): Uint8Array {
  const plain = open(key, sealed, aad)
  return new Uint8Array(plain.buffer, plain.byteOffset, plain.byteLength)
}
