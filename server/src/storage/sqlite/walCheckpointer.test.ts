import Database from 'better-sqlite3'
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createLogger } from '../../log.js'
import { ensureIncrementalVacuum, startWalCheckpointer } from './walCheckpointer.js'

const logger = createLogger({ logLevel: 'silent' })
const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) {
    rmSync(dir, { recursive: true, force: true })
  }
})

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const started = Date.now()
  while (!condition()) {
    if (Date.now() - started > timeoutMs) {
      throw new Error('condition not met in time')
    }
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

function openFile(): { db: Database.Database; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'fallbuch-wal-'))
  dirs.push(dir)
  const file = join(dir, 'fallbuch.sqlite')
  const db = new Database(file)
  return { db, file }
}

/** A file in WAL mode with a table of blobs. */
function openWalFile(): { db: Database.Database; file: string } {
  const opened = openFile()
  opened.db.pragma('journal_mode = WAL')
  opened.db.exec('CREATE TABLE blobs (id INTEGER PRIMARY KEY, data BLOB NOT NULL)')
  return opened
}

/** Records the WAL size (frames) of each checkpoint the main connection itself runs. */
function recordMainCheckpoints(db: Database.Database): number[] {
  const checkpoints: number[] = []
  const pragma = db.pragma.bind(db)
  db.pragma = ((source: string, options?: Database.PragmaOptions) => {
    const result = pragma(source, options)
    if (source === 'wal_checkpoint(PASSIVE)') {
      checkpoints.push((result as Array<{ log: number }>)[0]?.log ?? -1)
    }
    return result
  }) as typeof db.pragma
  return checkpoints
}

/** Checkpointer settings for tests: a fast worker, the main connection's automatic checkpoint out of reach, no vacuum. */
const testOptions = (restartAfterPages: number) => ({ checkpointMs: 20, restartAfterPages, mainAutocheckpointPages: 100_000, vacuumMs: 60_000, vacuumAbovePages: 0, vacuumStepPages: 64 })

describe('WAL checkpointer', () => {
  it('checkpoints from its worker while the main connection only commits, and gives free pages back', async () => {
    const { db, file } = openFile()
    ensureIncrementalVacuum(db, logger)
    db.pragma('journal_mode = WAL')
    db.exec('CREATE TABLE blobs (id INTEGER PRIMARY KEY, data BLOB NOT NULL)')
    const checkpointer = startWalCheckpointer(db, file, logger, { checkpointMs: 20, restartAfterPages: 100_000, mainAutocheckpointPages: 100_000, vacuumMs: 50, vacuumAbovePages: 0, vacuumStepPages: 64 })
    try {
      expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(100_000)
      const before = statSync(file).size
      db.prepare('INSERT INTO blobs (data) VALUES (?)').run(Buffer.alloc(2 * 1024 * 1024, 1))
      // The 2 MB reach the main file only through a checkpoint: the worker's.
      await until(() => statSync(file).size > before + 2 * 1024 * 1024)
      const full = statSync(file).size
      db.prepare('DELETE FROM blobs').run()
      // Given back in steps (incremental_vacuum), then checkpointed into the main file by the worker.
      await until(() => statSync(file).size < full / 2 && Number(db.pragma('freelist_count', { simple: true })) === 0)
    } finally {
      await checkpointer.close()
      db.close()
    }
  })

  it('lets the WAL start over under steady writes: after a report of the worker, the main connection copies what the worker left', async () => {
    const { db, file } = openWalFile()
    const checkpoints = recordMainCheckpoints(db)
    // Its own automatic checkpoint is out of reach: only the worker's reports lead it to checkpoint.
    const checkpointer = startWalCheckpointer(db, file, logger, testOptions(64))
    const insert = db.prepare('INSERT INTO blobs (data) VALUES (?)')
    const row = Buffer.alloc(4096, 7)
    let largestWal = 0
    try {
      // About 1,500 frames over 1.5 s, one commit per millisecond or so.
      const until = Date.now() + 1_500
      while (Date.now() < until) {
        insert.run(row)
        largestWal = Math.max(largestWal, statSync(`${file}-wal`).size)
        await new Promise((resolve) => setTimeout(resolve, 1))
      }
      // It checkpointed after the worker's reports (never, without them:
      // its own automatic checkpoint is out of reach). Not asserted: how many
      // frames each of its checkpoints saw. When the worker's pass had copied
      // everything, the main connection's next commit starts the WAL over,
      // and that commit can come before the report is handled (CI of
      // c277830: a fast machine, one commit a millisecond).
      expect(checkpoints.length).toBeGreaterThan(0)
      // Started over again and again: the WAL never held the 6 MB written.
      expect(largestWal).toBeLessThan(3 * 1024 * 1024)
      expect(Number(db.prepare('SELECT COUNT(*) FROM blobs').pluck().get())).toBeGreaterThan(100)
    } finally {
      await checkpointer.close()
      db.close()
    }
  })

  it('leaves a WAL below restartAfterPages to the worker alone', async () => {
    const { db, file } = openWalFile()
    const checkpoints = recordMainCheckpoints(db)
    const checkpointer = startWalCheckpointer(db, file, logger, testOptions(10_000))
    try {
      const before = statSync(file).size
      db.prepare('INSERT INTO blobs (data) VALUES (?)').run(Buffer.alloc(256 * 1024, 1))
      await until(() => statSync(file).size > before + 256 * 1024)
      await new Promise((resolve) => setTimeout(resolve, 100))
      expect(checkpoints).toEqual([])
    } finally {
      await checkpointer.close()
      db.close()
    }
  })

  it('turns an existing file into auto_vacuum=INCREMENTAL once, keeping its rows', () => {
    const { db } = openFile()
    db.exec("CREATE TABLE t (v TEXT); INSERT INTO t VALUES ('kept')")
    expect(db.pragma('auto_vacuum', { simple: true })).toBe(0)
    ensureIncrementalVacuum(db, logger)
    expect(db.pragma('auto_vacuum', { simple: true })).toBe(2)
    expect(db.prepare('SELECT v FROM t').pluck().get()).toBe('kept')
    db.close()
  })
})
