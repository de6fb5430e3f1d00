/**
 * Login throttling (contract §8.5): failed logins counted per (account,
 * client address) — the account by its e-mail address, whether or not it
 * exists, so the answer tells nothing — and per client address, in a sliding
 * window. Over a limit, logins are refused with 429 before the password is
 * checked. There is deliberately no count per account alone: wrong passwords
 * from one address must never lock the right person out from another. A
 * successful login clears its (account, address) count. Held in memory: a
 * restart forgets the counts, which only gives an attacker one more window
 * per restart. Its rules are settings (config/security.ts).
 */
import type { LoginThrottleRules, ThrottleRule } from '../config/security.js'

/** 5 failures per (account, address) and 30 per address within 15 minutes. */
export const DefaultLoginThrottleRules: LoginThrottleRules = {
  accountAddress: { maxFailures: 5, windowMs: 15 * 60_000 },
  address: { maxFailures: 30, windowMs: 15 * 60_000 },
}

/** The counting key of an e-mail from an address; e-mails compare case-insensitively, as accounts do. */
function accountAddressKey(email: string, address: string): string {
  return `${email.trim().toLowerCase()}\n${address}`
}

/** Keys beyond this many trigger a sweep of stale ones, so a flood of made-up e-mails cannot grow memory without bound. */
const SweepAboveKeys = 10_000

class FailureCounter {
  private readonly failures = new Map<string, number[]>()

  constructor(private readonly rule: ThrottleRule) {}

  /** Milliseconds until `key` may try again, or 0. */
  waitMs(key: string, now: number): number {
    const recent = this.recent(key, now)
    if (recent.length < this.rule.maxFailures) {
      return 0
    }
    // The window slides: the oldest counted failure leaving it frees one attempt.
    const oldest = recent[recent.length - this.rule.maxFailures] ?? now
    return oldest + this.rule.windowMs - now
  }

  add(key: string, now: number): void {
    const recent = this.recent(key, now)
    recent.push(now)
    this.failures.set(key, recent)
    if (this.failures.size > SweepAboveKeys) {
      for (const [other, times] of this.failures) {
        if ((times[times.length - 1] ?? 0) <= now - this.rule.windowMs) {
          this.failures.delete(other)
        }
      }
    }
  }

  clear(key: string): void {
    this.failures.delete(key)
  }

  private recent(key: string, now: number): number[] {
    return (this.failures.get(key) ?? []).filter((time) => time > now - this.rule.windowMs)
  }
}

/** Failed-login counters of one server. */
export class LoginThrottle {
  private readonly accountAddresses: FailureCounter
  private readonly addresses: FailureCounter

  constructor(
    rules: LoginThrottleRules = DefaultLoginThrottleRules,
    private readonly clock: () => number = Date.now,
  ) {
    this.accountAddresses = new FailureCounter(rules.accountAddress)
    this.addresses = new FailureCounter(rules.address)
  }

  /** Seconds until a login for `email` from `address` may be tried, or 0 when it may now. */
  retryAfterSeconds(email: string, address: string): number {
    const now = this.clock()
    const waitMs = Math.max(this.accountAddresses.waitMs(accountAddressKey(email, address), now), this.addresses.waitMs(address, now))
    return waitMs > 0 ? Math.ceil(waitMs / 1000) : 0
  }

  /** Counts a failed login. */
  recordFailure(email: string, address: string): void {
    const now = this.clock()
    this.accountAddresses.add(accountAddressKey(email, address), now)
    this.addresses.add(address, now)
  }

  /** A successful login clears the count of its (account, address), not the address's. */
  recordSuccess(email: string, address: string): void {
    this.accountAddresses.clear(accountAddressKey(email, address))
  }
}
