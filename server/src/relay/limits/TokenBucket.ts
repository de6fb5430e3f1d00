/**
 * A token bucket: holds up to `burst` tokens, refills `perSecond` of them
 * each second; each message takes one. Normal use never empties it; a flood
 * does within `burst` messages.
 */
export class TokenBucket {
  private tokens: number
  private refilledAt: number

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = burst
    this.refilledAt = now()
  }

  /** Takes one token; false when the bucket is empty. */
  take(): boolean {
    const now = this.now()
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.refilledAt) / 1000) * this.perSecond)
    this.refilledAt = now
    if (this.tokens < 1) {
      return false
    }
    this.tokens -= 1
    return true
  }
}
