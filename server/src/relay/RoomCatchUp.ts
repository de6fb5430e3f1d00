/**
 * Scaled out: a fan-out message can be lost (pub/sub), and a room's last
 * row then waits for the room's next commit to be noticed as a gap. So every
 * FANOUT_CATCHUP_MS, and after the broker connection comes back, every
 * loaded room's last applied row is compared with its head in storage (one
 * query for all), and the rooms that are behind read what they missed.
 */
import { errorMessage } from '../../../shared/src/errors.js'
import type { Logger } from '../log.js'
import type { RoomStorage } from '../storage/rooms/RoomStorage.js'
import type { Room } from './room/Room.js'

/** Dependencies of {@link RoomCatchUp}. */
export interface RoomCatchUpOptions {
  rooms: () => Iterable<Room>
  storage: Pick<RoomStorage, 'roomHeads'>
  logger: Logger
}

/** The periodic catch-up of the loaded rooms. */
export class RoomCatchUp {
  private running = false
  private stopped = false
  private timer: NodeJS.Timeout | undefined

  constructor(private readonly options: RoomCatchUpOptions) {}

  /** One round. Never throws; failures are logged and the next round retries. */
  async run(): Promise<void> {
    const rooms = [...this.options.rooms()]
    if (this.running || this.stopped || rooms.length === 0) {
      return
    }
    this.running = true
    const { logger } = this.options
    const started = performance.now()
    try {
      const heads = await this.options.storage.roomHeads(rooms.map((room) => room.name))
      let behind = 0
      await Promise.all(
        rooms.map(async (room) => {
          const head = heads.get(room.name)
          if (head !== undefined && head > room.appliedSeq) {
            behind += 1
            logger.debug({ room: room.name, appliedRow: room.appliedSeq, storedRow: head }, 'fan-out catch-up: room behind storage, reading the missed rows')
            await room.catchUpTo(head)
          }
        }),
      )
      logger.debug({ rooms: rooms.length, behind, ms: Math.round(performance.now() - started) }, 'fan-out catch-up round')
    } catch (err) {
      this.options.logger.warn({ error: errorMessage(err) }, 'catching up rooms from storage failed')
    } finally {
      this.running = false
    }
  }

  /** Runs a round every `intervalMs` until {@link stop}. */
  every(intervalMs: number): void {
    this.timer = setInterval(() => void this.run(), intervalMs)
    this.timer.unref()
  }

  /** Stops the rounds (shutdown). */
  stop(): void {
    this.stopped = true
    clearInterval(this.timer)
  }
}
