import type { AccessChanges } from '../access/AccessChanges.js'
import type { LoginThrottle } from '../auth/LoginThrottle.js'
import type { Clock } from '../clock.js'
import type { Keyring } from '../crypto/Keyring.js'
import type { Config } from '../env.js'
import type { CaseEventHub } from '../events/CaseEventHub.js'
import type { Logger } from '../log.js'
import type { Metrics } from '../metrics.js'
import type { Relay } from '../relay/Relay.js'
import type { Storage } from '../storage/Storage.js'

/**
 * What route handlers share: one per server. `S` is the storage a module
 * uses: each declares its narrow ports (`AppContext<CaseStorage & MemberStorage>`);
 * createServer passes the whole {@link Storage}.
 */
export interface AppContext<S = Storage> {
  config: Config
  storage: S
  /**
   * Data keys of encryption at rest (the storage's keyring).
   * `keyring.destroyCaseKey(caseId)` crypto-shreds a case, backups included.
   */
  keyring: Keyring
  logger: Logger
  metrics: Metrics
  relay: Relay
  /** Open case event streams (SSE). */
  events: CaseEventHub
  /** Where every change of who may do what is published (open sockets and streams follow it, on every process). */
  accessChanges: AccessChanges
  /** Failed-login counters. */
  loginThrottle: LoginThrottle
  /** Now (tests move it). */
  clock: Clock
  /** The first-account setup token while no account exists; null afterwards. */
  setup: { token: string | null }
}
