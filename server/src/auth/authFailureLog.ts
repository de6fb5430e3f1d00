/**
 * The one place authentication failures are logged (issue 23 §7): who
 * failed, from where and why — never with what. A line carries the client's
 * address (TRUST_PROXY honoured by the caller, as the login throttle is), a
 * reason code and, where a login name is known, its keyed hash: never the
 * e-mail address itself, a password or a token.
 *
 * The hash is HMAC-SHA256 of the normalised login name (trimmed, lower case,
 * as accounts compare) under a key derived from the current master key
 * (HKDF), shortened to 16 hex digits. Without the master key a log cannot be
 * turned back into addresses by guessing; with it, `npm run account-hash --
 * <e-mail>` gives the value to search the log for (server/src/accountHash.ts).
 */
import { createHmac, hkdfSync } from 'node:crypto'
import type { Logger } from '../log.js'
import type { MasterKey } from '../crypto/masterKeys.js'

/** Why an authentication failed; the log's `reason`. */
export type AuthFailureReason =
  /** Login: no account has this e-mail address. */
  | 'unknown_account'
  /** Login: the account exists, the password is wrong. */
  | 'wrong_password'
  /** Login: right password, but the account is deactivated. */
  | 'inactive_account'
  /** Login, password-reset request or invitation link over its limit (429). */
  | 'throttled'
  /** An API request with a session cookie that names no active session (unknown, expired, idle, or the account deactivated). */
  | 'session_invalid'
  /** A sync upgrade without a cookie of an active session (401). */
  | 'ws_session_invalid'
  /** A sync upgrade of a valid session to a room the account may not open (403). */
  | 'ws_access_denied'
  /** A sync upgrade from a page of another site (403). */
  | 'ws_foreign_origin'
  /** An invitation link that is unknown, used, withdrawn or expired. */
  | 'invitation_token_invalid'
  /** An accept of an open invitation that was refused (counts towards the link's limit). */
  | 'invitation_refused'
  /** A password-reset or access link that is unknown, used, voided or expired. */
  | 'reset_token_invalid'
  /** First-account setup with a wrong setup token. */
  | 'setup_token_invalid'

/** One failure, as the caller knows it. */
export interface AuthFailure {
  reason: AuthFailureReason
  /** The client's address (request.ip, or the upgrade's clientAddress: both honour TRUST_PROXY). */
  address: string
  /** Where it happened: the route pattern (`/api/auth/login`) or `sync`. */
  via: string
  /** The login name as typed or of the account: logged only as its keyed hash. */
  login?: string
  /** The account's id, when the failure is of a known account (a refused room, a refused accept as oneself). */
  userId?: string
  /** Sync upgrades: the kind of room asked for (never its name beyond that). */
  roomKind?: string
}

/** The label of the hash key's derivation; a new label makes every hash new. */
const HashKeyInfo = 'fallbuch/v1 auth failure log: account hash'

/** The HMAC key of account hashes under a master key. */
export function accountHashKey(master: MasterKey): Buffer {
  return Buffer.from(hkdfSync('sha256', master.key, Buffer.alloc(0), HashKeyInfo, 32))
}

/** The logged form of a login name under a hash key: 16 hex digits of HMAC-SHA256 of the trimmed, lower-case name. */
export function accountHash(key: Uint8Array, login: string): string {
  return createHmac('sha256', key).update(login.trim().toLowerCase()).digest('hex').slice(0, 16)
}

/** Logs authentication failures (one per server; routes and the sync upgrade share it). */
export class AuthFailureLog {
  private readonly key: Buffer

  constructor(
    private readonly logger: Logger,
    /** The current master key: its id is logged beside every hash, so an investigator knows which key to hash with. */
    private readonly master: MasterKey,
  ) {
    this.key = accountHashKey(master)
  }

  /** Writes one `auth failure` line (warn). */
  record(failure: AuthFailure): void {
    const { reason, address, via, login, userId, roomKind } = failure
    this.logger.warn(
      {
        event: 'auth_failure',
        reason,
        address,
        via,
        ...(login !== undefined ? { account: accountHash(this.key, login), accountKeyId: this.master.id } : {}),
        ...(userId !== undefined ? { userId } : {}),
        ...(roomKind !== undefined ? { roomKind } : {}),
      },
      'auth failure',
    )
  }

  /** Runs `attempt`; when it throws an error `isFailure` accepts, records `failure` and throws it on. */
  async watch<T>(attempt: () => Promise<T>, isFailure: (err: unknown) => boolean, failure: AuthFailure): Promise<T> {
    try {
      return await attempt()
    } catch (err) {
      if (isFailure(err)) {
        this.record(failure)
      }
      throw err
    }
  }
}
