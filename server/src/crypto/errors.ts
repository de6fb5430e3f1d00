/**
 * Errors of encryption at rest. Messages name owners (case ids, room names)
 * and master key ids, never key material or content.
 */

/** A sealed value that cannot be opened: never garbage, always this error. */
export class DecryptionError extends Error {
  override name = 'DecryptionError'
  constructor(
    /** unsupportedVersion: an unknown format byte; truncated: shorter than nonce + tag; authenticationFailed: wrong key, wrong place (AAD) or changed bytes. */
    readonly reason: 'unsupportedVersion' | 'truncated' | 'authenticationFailed',
    message: string,
  ) {
    super(message)
  }
}

/** A data key that cannot be used. */
export class DataKeyUnavailable extends Error {
  override name = 'DataKeyUnavailable'
  constructor(
    /** missing: never created (or another keystore); destroyed: crypto-shredded; unknownMasterKey: wrapped by a master key that is not configured. */
    readonly reason: 'missing' | 'destroyed' | 'unknownMasterKey',
    readonly owner: string,
    message: string,
  ) {
    super(message)
  }
}

/** The master key configuration is unusable (bad value, missing file, missing key for the keystore). */
export class MasterKeyError extends Error {
  override name = 'MasterKeyError'
}

/** The database holds cases or copies whose data keys the keystore lacks (a database restored without its keystore). */
export class KeystoreMismatchError extends Error {
  override name = 'KeystoreMismatchError'
}
