/**
 * The storage's connection health as metrics and log lines: one line when
 * the database goes away, one when it answers again (not one per failed
 * statement), counters of errors, retries and refusals.
 */
import { errorMessage } from '../../../shared/src/errors.js'
import type { Logger } from '../log.js'
import type { Metrics } from '../metrics.js'
import type { StorageHealthObserver, StorageUnavailableError } from '../storage/sql/StorageUnavailableError.js'

/** An observer that reports to `metrics` and `logger`. */
export function createStorageHealth(metrics: Metrics, logger: Logger): StorageHealthObserver {
  let up = true
  return {
    connectionError(error) {
      metrics.storageErrors.inc({ kind: 'connection' })
      metrics.storageUp.value = 0
      if (up) {
        up = false
        logger.error({ error: errorMessage(error) }, 'database connection lost: retrying what is safe to repeat, refusing the rest with 503 / 1011 until it answers')
      }
    },
    retried() {
      metrics.storageErrors.inc({ kind: 'retried' })
    },
    refused(error: StorageUnavailableError) {
      metrics.storageErrors.inc({ kind: 'refused' })
      logger.warn({ reason: error.reason }, 'a storage operation was refused: the database did not answer')
    },
    succeeded() {
      if (!up) {
        up = true
        metrics.storageUp.value = 1
        logger.info('database answers again')
      }
    },
  }
}
