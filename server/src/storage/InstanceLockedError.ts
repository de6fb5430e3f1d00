/**
 * Who may use an installation at the same time (issue 23 points 4 and 5):
 * a relay holds a lock for as long as it runs, and what must not run beside
 * it (a second embedded relay on the same DATA_DIR, a PostgreSQL relay
 * without Redis beside another relay, a master key rotation) cannot take it.
 *
 * - SQLite: DATA_DIR/relay.lock, a small SQLite file kept exclusively
 *   locked by the one process using the DATA_DIR (the operating system
 *   frees the lock when the process dies, even with kill -9).
 * - PostgreSQL: a session advisory lock per schema on a connection of its
 *   own; relays with Redis share it, a relay without Redis and a rotation
 *   need it alone.
 */

/** How a process uses the installation. */
export type InstanceLockMode = 'shared' | 'exclusive'

/** A held installation lock. */
export interface InstanceLock {
  /** False while the lock is lost (PostgreSQL: its connection broke) until it is taken again. */
  readonly held: boolean
  /** Gives the lock up. */
  release(): Promise<void>
}

/** The lock is held by another process; the message says who may hold it and what to do. */
export class InstanceLockedError extends Error {
  override name = 'InstanceLockedError'
}
