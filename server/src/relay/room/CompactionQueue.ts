/**
 * Compactions off the hot path (issue 21): every room's compaction waits
 * here and they run one at a time, with a turn of the event loop between
 * two, so commits, health requests and sockets are served in between. When
 * hundreds of clients leave at once, their rooms' compactions trickle
 * through instead of running back to back. A room already waiting is not
 * queued twice. At shutdown the queue is settled before the storage
 * closes: a room unloaded shortly before still waits here, and its
 * compaction would otherwise run on a closed database (the scaled-out
 * bench logged "database connection lost" at every other stop).
 */
import { errorMessage } from '../../../../shared/src/errors.js'
import type { Logger } from '../../log.js'

interface Job {
  run: () => Promise<void>
  done: Promise<void>
  resolve: () => void
}

/** One relay's queue of room compactions. */
export class CompactionQueue {
  private readonly jobs = new Map<string, Job>()
  /** The running drain, until it has emptied the queue; null when none runs. */
  private drainRun: Promise<void> | null = null

  constructor(private readonly logger: Logger) {}

  /** How many rooms wait for their compaction. */
  get size(): number {
    return this.jobs.size
  }

  /** Queues a room's compaction; resolves once it ran (never rejects: a failure is logged). */
  enqueue(room: string, run: () => Promise<void>): Promise<void> {
    const queued = this.jobs.get(room)
    if (queued !== undefined) {
      return queued.done
    }
    let resolve: () => void = () => {}
    const done = new Promise<void>((r) => {
      resolve = r
    })
    this.jobs.set(room, { run, done, resolve })
    this.drainRun ??= new Promise((nextTurn) => setImmediate(nextTurn)).then(() => this.drain())
    return done
  }

  /** Resolves once no compaction waits or runs, including those queued meanwhile (shutdown, before the storage closes). */
  async settle(): Promise<void> {
    while (this.drainRun !== null) {
      await this.drainRun
    }
  }

  private async drain(): Promise<void> {
    for (let next = this.jobs.entries().next(); next.done !== true; next = this.jobs.entries().next()) {
      const [room, job] = next.value
      this.jobs.delete(room)
      try {
        await job.run()
      } catch (err) {
        this.logger.error({ room, error: errorMessage(err) }, 'compaction failed')
      }
      job.resolve()
      // Everything else that waits (sockets, timers, health requests) runs before the next room.
      await new Promise((resolve) => setImmediate(resolve))
    }
    this.drainRun = null
  }
}
