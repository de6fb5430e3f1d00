/**
 * When a room's stored log is compacted (contract §6): once it holds more
 * rows than COMPACT_AFTER_UPDATES (plus a spread per room, see rowLimit),
 * or the rows since the last compaction hold more bytes than
 * COMPACT_AFTER_BYTES (a few large pastes make a long log as surely as many
 * keystrokes), and when the room's last client leaves.
 */
import { errorMessage } from '../../../../shared/src/errors.js'
import type { Logger } from '../../log.js'
import type { Metrics } from '../../metrics.js'
import type { StoredUpdate } from '../../storage/rooms/RoomStorage.js'

/** Thresholds of {@link CompactionPolicy}. */
export interface CompactionThresholds {
  /** Compact once the stored log holds more rows than this. */
  compactAfterUpdates: number
  /** Compact once the rows appended since the last compaction hold more bytes than this. */
  compactAfterBytes: number
}

/**
 * A room's log size as far as this process knows, and its compaction. The
 * room counts its rows itself (loaded, then appended) instead of counting
 * them in storage on every commit (issue 21).
 */
export class CompactionPolicy {
  private storedRows = 0
  /** Bytes of the rows after the first (the last compaction's state). */
  private bytesSinceCompaction = 0
  /**
   * This room's row limit: the threshold plus up to a quarter more, drawn
   * once. Rooms loaded together and written at the same pace (after a
   * restart, a training day, the bench's ramp) otherwise pass the threshold
   * in the same second: a CPU profile of the ramp showed 100 compactions
   * within two seconds, and the step failed on them.
   */
  readonly rowLimit: number

  constructor(
    private readonly room: string,
    /** Replaces the stored log by one row (the room chooses how: see Room.compactLog). */
    private readonly compactLog: () => Promise<void>,
    private readonly thresholds: CompactionThresholds,
    private readonly metrics: Metrics,
    private readonly logger: Logger,
    random: () => number = Math.random,
  ) {
    this.rowLimit = thresholds.compactAfterUpdates + Math.floor(random() * Math.floor(thresholds.compactAfterUpdates / 4 + 1))
  }

  /** The log as loaded. */
  loaded(rows: readonly StoredUpdate[]): void {
    this.storedRows = rows.length
    this.bytesSinceCompaction = rows.slice(1).reduce((sum, row) => sum + row.data.byteLength, 0)
  }

  /** A batch of `rows` rows and `bytes` bytes was appended (here, or by another process). */
  appended(rows: number, bytes: number): void {
    this.storedRows += rows
    this.bytesSinceCompaction += bytes
  }

  /** Whether the log passed a threshold. */
  get due(): boolean {
    return this.storedRows > this.rowLimit || this.bytesSinceCompaction > this.thresholds.compactAfterBytes
  }

  /** Whether there is more than one row to merge. */
  get compactable(): boolean {
    return this.storedRows > 1
  }

  /** Replaces the log by one row. Never throws; a failure is logged and the next trigger retries. */
  async compact(): Promise<void> {
    try {
      const started = performance.now()
      await this.compactLog()
      this.logger.debug({ room: this.room, rows: this.storedRows, ms: Math.round(performance.now() - started) }, 'room log compacted')
      this.storedRows = 1
      this.bytesSinceCompaction = 0
      this.metrics.compactions.value += 1
    } catch (err) {
      this.logger.error({ room: this.room, error: errorMessage(err) }, 'compaction failed')
    }
  }
}
