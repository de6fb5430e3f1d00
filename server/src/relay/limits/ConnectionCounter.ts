/**
 * Open sync connections per account and per client address (issue 9). A
 * slot is taken when an upgrade passes its checks, before the handshake, so
 * parallel upgrades cannot overshoot, and given back when the socket closes
 * or the handshake fails.
 */

/** Which limit refused a connection. */
export type ConnectionLimitHit = 'account' | 'address'

/** Counts open (and opening) connections. */
export class ConnectionCounter {
  private readonly perAccount = new Map<string, number>()
  private readonly perAddress = new Map<string, number>()

  constructor(
    private readonly maxPerAccount: number,
    private readonly maxPerAddress: number,
  ) {}

  /** Takes a slot for an account at an address; returns the limit hit instead when one is full. Release it exactly once. */
  acquire(userId: string, address: string): ConnectionLimitHit | (() => void) {
    if ((this.perAccount.get(userId) ?? 0) >= this.maxPerAccount) {
      return 'account'
    }
    if ((this.perAddress.get(address) ?? 0) >= this.maxPerAddress) {
      return 'address'
    }
    increment(this.perAccount, userId, 1)
    increment(this.perAddress, address, 1)
    let released = false
    return () => {
      if (!released) {
        released = true
        increment(this.perAccount, userId, -1)
        increment(this.perAddress, address, -1)
      }
    }
  }
}

function increment(map: Map<string, number>, key: string, by: number): void {
  const next = (map.get(key) ?? 0) + by
  if (next <= 0) {
    map.delete(key)
  } else {
    map.set(key, next)
  }
}
