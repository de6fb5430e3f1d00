/**
 * Tracks which local document updates the server has acknowledged.
 *
 * The relay handles each connection's messages in order and answers a sync
 * step 1 only after every earlier update from that connection is committed
 * (contract §6). So a sync step 1 sent by us after some local updates is a
 * probe: the sync step 2 that answers it acknowledges every local update
 * counted before the probe was sent.
 *
 * This class is pure bookkeeping (no sockets); {@link attachAckProbe} wires it
 * to a provider.
 */
export class AckTracker {
  /** Local updates counted so far (monotonic). */
  private counted = 0
  /** Local updates known to be committed by the server. */
  private acknowledged = 0
  /**
   * One entry per sync step 1 in flight on the current connection, oldest
   * first: the count it acknowledges when its step 2 arrives, or null for a
   * step 1 that acknowledges nothing (the provider's own at connect time).
   */
  private inFlight: Array<number | null> = []
  private readonly listeners = new Set<() => void>()

  /**
   * @param initialPending updates that may not have reached the server in an
   *   earlier session (restored from IndexedDB); acknowledged by the first probe.
   */
  constructor(initialPending = 0) {
    this.counted = initialPending
  }

  /** Local updates the server has not yet confirmed. */
  get pending(): number {
    return this.counted - this.acknowledged
  }

  /** Whether a probe is waiting for its answer. */
  get probeInFlight(): boolean {
    return this.inFlight.some((marker) => marker !== null)
  }

  /** Whether a new probe would acknowledge anything not already covered by one in flight. */
  get needsProbe(): boolean {
    const covered = Math.max(this.acknowledged, ...this.inFlight.map((marker) => marker ?? 0))
    return this.counted > covered
  }

  /** A local (not provider-origin) update was applied to the document. */
  noteLocalUpdate(): void {
    this.counted++
    this.emit()
  }

  /** A new connection opens; the provider sends its own sync step 1 on open. */
  noteConnectionOpening(): void {
    this.inFlight = [null]
  }

  /** We sent a probe (sync step 1) on the current connection. */
  noteProbeSent(): void {
    this.inFlight.push(this.counted)
  }

  /** A sync step 2 arrived on the current connection: it answers the oldest step 1. */
  noteStep2Received(): void {
    const marker = this.inFlight.shift()
    if (marker !== undefined && marker !== null && marker > this.acknowledged) {
      this.acknowledged = marker
      this.emit()
    }
  }

  /** The connection closed: answers to its probes will never come. */
  noteConnectionClosed(): void {
    this.inFlight = []
  }

  /** Calls `listener` whenever {@link pending} may have changed. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => {
      this.listeners.delete(listener)
    }
  }

  private emit(): void {
    for (const listener of this.listeners) {
      listener()
    }
  }
}
