/**
 * A versioned schema step. Each backend keeps its own numbering (SQLite's
 * `user_version`, PostgreSQL's `schema_migrations`) so existing databases
 * migrate as before; the SQL both backends share is written once in
 * schema.ts. Never edit a shipped step: add a new one.
 */
import type { AtRest } from '../AtRest.js'
import type { Logger } from '../../log.js'
import type { SqlDatabase } from '../sql/query.js'

/** What a one-time data move works with. */
export interface MoveContext {
  db: SqlDatabase
  atRest: AtRest
  logger: Logger
  /** After rows were rewritten: lets the backend drop the old versions of the rows where it can, and log what was done. */
  afterRewrite(counts: Record<string, number>): Promise<void>
}

/** One step of a backend's migration list. */
export interface Migration {
  /** Recorded as applied after the step. */
  version: number
  /** What the step does, for the log. */
  description: string
  /** DDL of the step ('' for a data move). */
  sql: string
  /**
   * A one-time data move (sealing an older installation's plaintext). It
   * runs in transactions of its own under the migration lock and must be
   * idempotent: a crash before the version is recorded runs it again.
   */
  move?: (context: MoveContext) => Promise<void>
}
