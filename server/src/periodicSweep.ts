/**
 * The timer of every periodic sweep (sessions, consents, retention, daily
 * reminders): one run at a time, a failure logged as `<name> sweep failed`
 * and retried next time, and at debug level one line per run with its time
 * and what it did (counts only).
 */
import { errorMessage } from '../../shared/src/errors.js'
import type { Logger } from './log.js'

/** A sweep and its schedule. */
export interface PeriodicSweep<Result> {
  /** Names the sweep in its log lines (`session`, `consent`, …). */
  name: string
  intervalMs: number
  logger: Logger
  /** One run; resolves with what the debug line reports. */
  run: () => Promise<Result>
  /** What of a run's result the debug line shows (counts, never names or content); null: the run did nothing worth a line. */
  summary?: (result: Result) => Record<string, unknown> | null
  /** Also run once right away. */
  runAtStart?: boolean
}

/** Starts a sweep; returns the function that stops it. */
export function startPeriodicSweep<Result>(sweep: PeriodicSweep<Result>): () => void {
  const { name, logger } = sweep
  let running = false
  const runOnce = (): void => {
    if (running) {
      return
    }
    running = true
    const started = performance.now()
    sweep
      .run()
      .then((result) => {
        const summary = sweep.summary ? sweep.summary(result) : {}
        if (summary !== null) {
          logger.debug({ sweep: name, ms: Math.round(performance.now() - started), ...summary }, 'sweep done')
        }
      })
      .catch((err: unknown) => logger.error({ error: errorMessage(err) }, `${name} sweep failed`))
      .finally(() => {
        running = false
      })
  }
  const timer = setInterval(runOnce, sweep.intervalMs)
  timer.unref()
  if (sweep.runAtStart === true) {
    runOnce()
  }
  return () => clearInterval(timer)
}
