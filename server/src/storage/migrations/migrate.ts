/** Applies a backend's migration list, one step per transaction, under the migration lock. */
import { exec, lock, type Query } from '../sql/query.js'
import type { Migration, MoveContext } from './Migration.js'

/** Where a backend records which steps ran. */
export interface MigrationLedger {
  /** The versions applied so far. */
  applied(): Query<Set<number>>
  /** Records a step as applied (inside its transaction). */
  record(step: Migration): Query<void>
}

/**
 * Runs the steps not applied yet. Each step re-checks under the lock, so
 * processes starting together wait and the first one migrates.
 */
export async function migrate(steps: readonly Migration[], ledger: MigrationLedger, context: MoveContext): Promise<void> {
  const { db, logger } = context
  const applied = await db.query(ledger.applied())
  for (const step of steps) {
    if (applied.has(step.version)) {
      continue
    }
    if (step.move !== undefined) {
      await step.move(context)
    }
    const ran = await db.transaction(function* () {
      yield* lock('migrations')
      if ((yield* ledger.applied()).has(step.version)) {
        return false
      }
      if (step.sql !== '') {
        yield* exec(step.sql)
      }
      yield* ledger.record(step)
      return true
    })
    if (ran) {
      logger.info({ version: step.version, description: step.description }, 'database migrated')
    }
  }
}
