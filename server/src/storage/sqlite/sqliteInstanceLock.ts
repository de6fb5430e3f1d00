/** The embedded installation's lock: DATA_DIR/relay.lock, held exclusively (see InstanceLockedError.ts). */
import Database from 'better-sqlite3'
import { join } from 'node:path'
import { InstanceLockedError, type InstanceLock } from '../InstanceLockedError.js'

/** File name of the lock in DATA_DIR. */
export const LockFileName = 'relay.lock'

/**
 * Takes the DATA_DIR's lock or throws {@link InstanceLockedError}. `purpose`
 * names this process in the message another one gets.
 */
export function acquireSqliteInstanceLock(dataDir: string, purpose: string): InstanceLock {
  const file = join(dataDir, LockFileName)
  const db = new Database(file)
  try {
    db.pragma('busy_timeout = 0')
    // In exclusive locking mode SQLite keeps the lock of the first write
    // until the connection closes; the OS drops it when the process dies.
    db.pragma('locking_mode = EXCLUSIVE')
    db.exec('BEGIN EXCLUSIVE')
    db.exec('CREATE TABLE IF NOT EXISTS holder (purpose TEXT NOT NULL, pid INTEGER NOT NULL, since TEXT NOT NULL)')
    db.prepare('DELETE FROM holder').run()
    db.prepare('INSERT INTO holder (purpose, pid, since) VALUES (?, ?, ?)').run(purpose, process.pid, new Date().toISOString())
    db.exec('COMMIT')
  } catch (err) {
    db.close()
    if ((err as { code?: unknown }).code === 'SQLITE_BUSY') {
      throw new InstanceLockedError(
        `another process uses ${dataDir} (a running relay, a key rotation or a migration; it holds ${file}). ` +
          'Stop it first. Two relays never share an embedded DATA_DIR: for several processes use PostgreSQL and Redis (README: Running several processes).',
      )
    }
    throw err
  }
  let held = true
  return {
    get held() {
      return held
    },
    async release() {
      if (held) {
        held = false
        db.close()
      }
    },
  }
}
