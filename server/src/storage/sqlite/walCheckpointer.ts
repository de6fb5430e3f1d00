/**
 * WAL checkpoints and the giving back of free pages off the event loop
 * (issue 21). SQLite's automatic checkpoint ran on the committing
 * connection, so on the main thread, about every 250 ms under load, with
 * three fsyncs each: a soak measured 15 % of the time blocked in fsync. Here
 * a worker thread with a connection of its own checkpoints PASSIVE every
 * 500 ms (the copy and its fsyncs without the write lock, so no commit waits
 * for them) and reports how far it got. The WAL starts over only once a
 * checkpoint has copied all of it, and under steady writes the worker never
 * finds it so (a commit lands during every copy), so the main connection
 * checkpoints too, but only right after a worker's report and only once the
 * WAL has grown past `restartAfterPages`: then it copies just the frames
 * committed during the worker's pass. When it checkpointed on its own
 * (every 4,000 pages, inside a commit) it copied whatever the worker had
 * not, up to half a second of writes: a trace of the ramp showed commits of
 * 25-37 ms every 250-500 ms, each one a checkpoint. Its automatic
 * checkpoint stays as a backstop, should the reports stop. The main
 * connection gives free pages back in small `incremental_vacuum` steps once
 * a minute. Should the worker fail, the main connection checkpoints every
 * 1,000 pages again.
 */
import type Database from 'better-sqlite3'
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import { errorMessage } from '../../../../shared/src/errors.js'
import type { Logger } from '../../log.js'

/** Settings of the checkpointer and the vacuum sweep (tests shorten them). */
export interface WalCheckpointerOptions {
  /** How often the WAL is checkpointed (PASSIVE). */
  checkpointMs: number
  /**
   * Once the worker reports a WAL of at least this many pages, the main connection checkpoints what
   * the worker's pass left (a few commits), so the next commit lets the WAL start over.
   */
  restartAfterPages: number
  /** The main connection's own automatic checkpoint (pages): a backstop, should the worker's reports stop. */
  mainAutocheckpointPages: number
  /** How often free pages are looked at. */
  vacuumMs: number
  /** Free pages below this stay (they are reused by the next writes anyway). */
  vacuumAbovePages: number
  /** Pages given back per step; the event loop is held only that long. */
  vacuumStepPages: number
}

export const defaultWalCheckpointerOptions: WalCheckpointerOptions = {
  checkpointMs: 500,
  restartAfterPages: 1_000,
  mainAutocheckpointPages: 8_000,
  vacuumMs: 60_000,
  vacuumAbovePages: 1_024,
  vacuumStepPages: 128,
}

/** The main connection's automatic checkpoint (pages), restored when the worker fails. */
const DefaultAutocheckpoint = 1000

// Plain JavaScript, run with `eval`: the same code works from the sources (tests) and from dist.
// The worker never changes the database's content: a write from a second connection between a main
// transaction's first read and its first write would fail that transaction (SQLITE_BUSY_SNAPSHOT).
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.driver)
const { file, checkpointMs } = workerData
const db = new Database(file, { fileMustExist: true })
let closed = false
// PASSIVE copies the WAL into the file (and fsyncs) without the write lock. Never RESTART or TRUNCATE
// here: waiting for readers, they hold the checkpoint lock, so the main connection's own checkpoint
// (the one that lets the WAL start over) finds it taken and the WAL grows without bound (measured).
const timer = setInterval(() => {
  try {
    if (!closed) {
      const [result] = db.pragma('wal_checkpoint(PASSIVE)')
      parentPort.postMessage({ busy: result.busy, log: result.log })
    }
  } catch (err) {
    parentPort.postMessage({ error: String(err && err.message) })
  }
}, checkpointMs)
parentPort.on('message', (message) => {
  if (message === 'close') {
    closed = true
    clearInterval(timer)
    db.close()
    parentPort.close()
  }
})
`

/** What the worker posts after each checkpoint (the PASSIVE result's `busy` and `log`), or its error. */
interface WorkerReport {
  busy?: number
  log?: number
  error?: string
}

/**
 * The main connection's checkpoint right after the worker's: it copies the
 * frames committed meanwhile, so the WAL is copied whole and the next commit
 * starts it over. Never inside a transaction of the main connection (there
 * is none between two event-loop callbacks; the check is for safety).
 */
function finishCheckpoint(main: Database.Database, logger: Logger): void {
  if (!main.open || main.inTransaction) {
    return
  }
  try {
    main.pragma('wal_checkpoint(PASSIVE)')
  } catch (err) {
    logger.warn({ error: errorMessage(err) }, 'a WAL checkpoint failed')
  }
}

/** The running checkpointer of one database file. */
export interface WalCheckpointer {
  /** Stops the worker and closes its connection (before the main connection closes). */
  close(): Promise<void>
}

/** Starts the worker for `file`, whose main connection is `main`. */
export function startWalCheckpointer(main: Database.Database, file: string, logger: Logger, options: WalCheckpointerOptions = defaultWalCheckpointerOptions): WalCheckpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3')
  const worker = new Worker(workerSource, { eval: true, workerData: { driver, file, checkpointMs: options.checkpointMs } })
  main.pragma(`wal_autocheckpoint = ${options.mainAutocheckpointPages}`)
  let stopping = false
  const fallBack = (reason: string): void => {
    if (!stopping && main.open) {
      main.pragma(`wal_autocheckpoint = ${DefaultAutocheckpoint}`)
      logger.error({ reason }, 'the WAL checkpoint worker failed; the main connection checkpoints again')
    }
  }
  worker.on('message', (message: WorkerReport) => {
    if (message.error !== undefined) {
      logger.warn({ error: message.error }, 'a WAL checkpoint or incremental vacuum step failed')
    } else if (message.busy === 0 && (message.log ?? 0) >= options.restartAfterPages) {
      finishCheckpoint(main, logger)
    }
  })
  worker.on('error', (err) => fallBack(errorMessage(err)))
  worker.on('exit', (code) => {
    if (code !== 0) {
      fallBack(`exit code ${code}`)
    }
  })
  worker.unref()
  const stopVacuum = startVacuumSweep(main, logger, options)
  return {
    async close() {
      stopping = true
      stopVacuum()
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
 * The idle sweep of free pages, on the main connection (the only one that
 * writes): every `vacuumMs`, while the file has more than
 * `vacuumAbovePages` free pages, `incremental_vacuum` gives back
 * `vacuumStepPages` at a time, with a timer turn in between, so sockets and
 * commits are served between two steps.
 */
function startVacuumSweep(main: Database.Database, logger: Logger, options: WalCheckpointerOptions): () => void {
  let stopped = false
  let stepTimer: NodeJS.Timeout | undefined
  const step = (): void => {
    stepTimer = undefined
    if (stopped || !main.open) {
      return
    }
    try {
      if (Number(main.pragma('freelist_count', { simple: true })) > options.vacuumAbovePages) {
        main.pragma(`incremental_vacuum(${options.vacuumStepPages})`)
        stepTimer = setTimeout(step, 10)
        stepTimer.unref()
      }
    } catch (err) {
      logger.warn({ error: errorMessage(err) }, 'an incremental vacuum step failed')
    }
  }
  const timer = setInterval(() => {
    if (stepTimer === undefined) {
      step()
    }
  }, options.vacuumMs)
  timer.unref()
  return () => {
    stopped = true
    clearInterval(timer)
    clearTimeout(stepTimer)
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
