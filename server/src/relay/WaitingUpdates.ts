/**
 * Updates of one connection that arrived before structs they depend on.
 *
 * The stock y-websocket provider sends its offline edits as its answer (sync
 * step 2) to the relay's step 1, which reaches it one round trip after the
 * socket opens; an edit typed in that moment goes out first and depends on
 * structs the relay does not have yet. Such an update waits here — never
 * stored, never applied — and is tried again after each update from the same
 * connection commits. One whose structs never come is refused (issue 9:
 * missing structs close with 4400): when the waiting list is over its bounds,
 * or when the connection sends nothing for {@link WaitingUpdatesLimits.quietMs}.
 */
export const WaitingUpdatesLimits = {
  maxUpdates: 64,
  maxBytes: 4 * 1024 * 1024,
  quietMs: 5_000,
} as const

export class WaitingUpdates {
  private updates: Uint8Array[] = []
  private bytes = 0
  private timer: NodeJS.Timeout | undefined

  /** @param onStale called when updates waited through a quiet period: the connection closes. */
  constructor(
    private readonly onStale: () => void,
    private readonly limits: { maxUpdates: number; maxBytes: number; quietMs: number } = WaitingUpdatesLimits,
  ) {}

  /** Number of waiting updates. */
  get size(): number {
    return this.updates.length
  }

  /** Keeps an update; false when that would pass the bounds (the caller refuses it). */
  hold(update: Uint8Array): boolean {
    if (this.updates.length + 1 > this.limits.maxUpdates || this.bytes + update.byteLength > this.limits.maxBytes) {
      return false
    }
    this.updates.push(update)
    this.bytes += update.byteLength
    this.restartTimer()
    return true
  }

  /** Takes every waiting update, oldest first, to try them again. */
  takeAll(): Uint8Array[] {
    const updates = this.updates
    this.updates = []
    this.bytes = 0
    this.stopTimer()
    return updates
  }

  /** The connection sent a frame: the structs may still be on their way. */
  noteActivity(): void {
    if (this.updates.length > 0) {
      this.restartTimer()
    }
  }

  /** Drops everything (the connection closed; the client still has them and re-sends on reconnect). */
  clear(): void {
    this.takeAll()
  }

  private restartTimer(): void {
    this.stopTimer()
    this.timer = setTimeout(() => this.onStale(), this.limits.quietMs)
    this.timer.unref()
  }

  private stopTimer(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer)
      this.timer = undefined
    }
  }
}
