/** Sessions, proxies and login throttling (contract §8.5). */
import { z } from 'zod'
import { isTrustProxyList } from './addresses.js'
import { defineSection, namedFields, positiveInt } from './section.js'

/** A limit: at most `maxFailures` failed logins within `windowMs`. */
export interface ThrottleRule {
  maxFailures: number
  windowMs: number
}

/** Limits per (account, client address) and per client address. */
export interface LoginThrottleRules {
  /** Failures of one e-mail address from one client address. */
  accountAddress: ThrottleRule
  /** Failures from one client address, whatever the e-mail. */
  address: ThrottleRule
}

const SecurityEnvSchema = z.object({
  SESSION_MAX_AGE_HOURS: positiveInt.default(336),
  SESSION_IDLE_HOURS: positiveInt.default(12),
  SESSION_SWEEP_MS: positiveInt.default(30_000),
  TRUST_PROXY: z
    .string()
    .refine(isTrustProxyList, 'must be `loopback` or a comma list of proxy addresses / CIDRs such as 10.0.0.2,192.168.1.0/24')
    .optional(),
  LOGIN_FAILURES_PER_ACCOUNT_ADDRESS: positiveInt.default(5),
  LOGIN_FAILURES_PER_ADDRESS: positiveInt.default(30),
  LOGIN_THROTTLE_WINDOW_MINUTES: positiveInt.default(15),
})

/** How long sessions last, where client addresses come from, and how failed logins are limited. */
export interface SecurityConfig {
  /** Absolute lifetime of a login session. */
  sessionMaxAgeHours: number
  /** A session without a request for this long ends. */
  sessionIdleHours: number
  /** How often open WebSockets and event streams are checked for ended sessions. */
  sessionSweepMs: number
  /**
   * TRUST_PROXY as written: the proxies whose X-Forwarded-For entry is the
   * client address (`loopback`, addresses, CIDRs); unset, the header is ignored.
   */
  trustProxy: string | undefined
  /** Failed logins allowed per (account, client address) and per client address in one window. */
  loginThrottle: LoginThrottleRules
}

export const SecuritySettings = defineSection(
  SecurityEnvSchema,
  ({ LOGIN_FAILURES_PER_ACCOUNT_ADDRESS, LOGIN_FAILURES_PER_ADDRESS, LOGIN_THROTTLE_WINDOW_MINUTES, ...values }): SecurityConfig => {
    const windowMs = LOGIN_THROTTLE_WINDOW_MINUTES * 60_000
    return {
      ...namedFields(values),
      loginThrottle: {
        accountAddress: { maxFailures: LOGIN_FAILURES_PER_ACCOUNT_ADDRESS, windowMs },
        address: { maxFailures: LOGIN_FAILURES_PER_ADDRESS, windowMs },
      },
    }
  },
)
