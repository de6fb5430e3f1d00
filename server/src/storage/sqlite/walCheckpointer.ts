/**
 * WAL checkpoints and the giving back of free pages off the event loop
 * (issue 21). SQLite's automatic checkpoint ran on the committing
 * connection, so on the main thread, about every 250 ms under load, with
 * three fsyncs each: a soak measured 15 % of the time blocked in fsync. Here
 * the main connection's automatic checkpoint is off and a worker thread with
 * a connection of its own checkpoints PASSIVE (never taking the write lock,
 * so it never holds a commit up) and, once a minute, runs
 * `incremental_vacuum` in small steps when the file has many free pages,
 * then a TRUNCATE checkpoint that cuts the WAL file back. Should the worker
 * fail, the main connection checkpoints itself again, so the WAL never grows
 * without bound.
 */
import type Database from 'better-sqlite3'
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import { errorMessage } from '../../../../shared/src/errors.js'
import type { Logger } from '../../log.js'

/** Settings of the checkpointer (tests shorten them). */
export interface WalCheckpointerOptions {
  /** How often the WAL is checkpointed (PASSIVE). */
  checkpointMs: number
  /** How often free pages are looked at. */
  vacuumMs: number
  /** Free pages below this stay (they are reused by the next writes anyway). */
  vacuumAbovePages: number
  /** Pages given back per step; the write lock is held only that long. */
  vacuumStepPages: number
}

export const defaultWalCheckpointerOptions: WalCheckpointerOptions = {
  checkpointMs: 500,
  vacuumMs: 60_000,
  vacuumAbovePages: 1_024,
  vacuumStepPages: 256,
}

/** The main connection's automatic checkpoint (pages), restored when the worker fails. */
const DefaultAutocheckpoint = 1000

// Plain JavaScript, run with `eval`: the same code works from the sources (tests) and from dist.
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.driver)
const { file, checkpointMs, vacuumMs, vacuumAbovePages, vacuumStepPages } = workerData
const db = new Database(file, { fileMustExist: true })
db.pragma('secure_delete = ON')
// Writes (incremental_vacuum) wait briefly for the main connection's commits.
db.pragma('busy_timeout = 200')
let closed = false
const checkpoint = () => {
  if (!closed) db.pragma('wal_checkpoint(PASSIVE)')
}
const vacuumStep = () => {
  if (closed) return
  if (Number(db.pragma('freelist_count', { simple: true })) <= vacuumAbovePages) {
    // Done: the WAL, copied already by the PASSIVE checkpoints, is cut back (holds the write lock only briefly).
    try {
      db.pragma('wal_checkpoint(TRUNCATE)')
    } catch (err) {
      if (err.code !== 'SQLITE_BUSY') throw err
    }
    return
  }
  try {
    db.pragma('incremental_vacuum(' + vacuumStepPages + ')')
  } catch (err) {
    if (err.code !== 'SQLITE_BUSY') throw err
  }
  // The next step after a pause, so the main connection's commits get the write lock in between.
  setTimeout(guard(vacuumStep), 20)
}
function guard(run) {
  return () => {
    try {
      run()
    } catch (err) {
      parentPort.postMessage({ error: String(err && err.message) })
    }
  }
}
const timers = [setInterval(guard(checkpoint), checkpointMs), setInterval(guard(vacuumStep), vacuumMs)]
parentPort.on('message', (message) => {
  if (message === 'close') {
    closed = true
    timers.forEach(clearInterval)
    db.close()
    parentPort.close()
  }
})
parentPort.postMessage({ ready: true })
`

/** The running checkpointer of one database file. */
export interface WalCheckpointer {
  /** Stops the worker and closes its connection (before the main connection closes). */
  close(): Promise<void>
}

/** Starts the worker for `file`, whose main connection is `main`. */
export function startWalCheckpointer(main: Database.Database, file: string, logger: Logger, options: WalCheckpointerOptions = defaultWalCheckpointerOptions): WalCheckpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3')
  const worker = new Worker(workerSource, { eval: true, workerData: { driver, file, ...options } })
  // The main connection checkpoints no more; the worker does.
  main.pragma('wal_autocheckpoint = 0')
  let stopping = false
  const fallBack = (reason: string): void => {
    if (!stopping && main.open) {
      main.pragma(`wal_autocheckpoint = ${DefaultAutocheckpoint}`)
      logger.error({ reason }, 'the WAL checkpoint worker failed; the main connection checkpoints again')
    }
  }
  worker.on('message', (message: { error?: string }) => {
    if (message.error !== undefined) {
      logger.warn({ error: message.error }, 'a WAL checkpoint or incremental vacuum step failed')
    }
  })
  worker.on('error', (err) => fallBack(errorMessage(err)))
  worker.on('exit', (code) => {
    if (code !== 0) {
      fallBack(`exit code ${code}`)
    }
  })
  worker.unref()
  return {
    async close() {
      stopping = true
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()))
      worker.postMessage('close')
      // A worker stuck in a step is ended; its connection's locks go with it.
      const timer = setTimeout(() => void worker.terminate(), 5_000)
      await exited
      clearTimeout(timer)
    },
  }
}

/**
 * Free pages are given back only with auto_vacuum=INCREMENTAL. A new file
 * gets it before its first table; an existing file needs one VACUUM, which
 * rebuilds it atomically (a crash leaves the old file). Run once per
 * installation at start, before the migrations; a failure (a full disk:
 * VACUUM needs room for a copy) is logged and tried at the next start.
 */
export function ensureIncrementalVacuum(db: Database.Database, logger: Logger): void {
  if (Number(db.pragma('auto_vacuum', { simple: true })) === 2) {
    return
  }
  db.pragma('auto_vacuum = INCREMENTAL')
  const tables = Number(db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table'").pluck().get())
  if (tables === 0) {
    return
  }
  const started = performance.now()
  try {
    db.exec('VACUUM')
    logger.info({ ms: Math.round(performance.now() - started) }, 'rebuilt the database file once so that free pages can be given back (auto_vacuum=INCREMENTAL)')
  } catch (err) {
    logger.warn({ error: errorMessage(err) }, 'could not rebuild the database file for auto_vacuum=INCREMENTAL; trying again at the next start')
  }
}
