import type { AuthFailureLog } from '../auth/authFailureLog.js'
import type { LoginThrottle } from '../auth/LoginThrottle.js'
import type { Keyring } from '../crypto/Keyring.js'
import type { Config } from '../config/loadConfig.js'
import type { CaseEventHub } from '../events/CaseEventHub.js'
import type { Mail } from '../mail/MailOutbox.js'
import type { Metrics } from '../metrics.js'
import type { Relay } from '../relay/Relay.js'
import type { Services } from '../services/Services.js'
import type { Storage } from '../storage/Storage.js'
import type { VersionRecorder } from '../versions/VersionRecorder.js'

/**
 * What route handlers share: one per server. It carries the commands'
 * {@link Services}, so a route passes `ctx` to a command, which sees only
 * those. `S` is the storage a module uses: each declares its narrow ports
 * (`AppContext<CaseStorage & MemberStorage>`); createServer passes the whole
 * {@link Storage}.
 */
export interface AppContext<S = Storage> extends Services<S> {
  config: Config
  /**
   * Data keys of encryption at rest (the storage's keyring).
   * `keyring.destroyCaseKey(caseId)` crypto-shreds a case, backups included.
   */
  keyring: Keyring
  metrics: Metrics
  relay: Relay
  /** Takes the versions of plan and notes (contract §8.4). */
  versions: VersionRecorder
  /** Open case event streams (SSE). */
  events: CaseEventHub
  /** The one logger of authentication failures (address, reason, hashed account). */
  authFailures: AuthFailureLog
  /** Failed-login counters. */
  loginThrottle: LoginThrottle
  /** Outgoing mail (the outbox); `mail.enabled` is false without SMTP_URL. */
  mail: Mail
  /** The first-account setup token while no account exists; null afterwards. */
  setup: { token: string | null }
}
