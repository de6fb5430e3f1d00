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

describe('WAL checkpointer', () => {
  it('checkpoints from its worker while the main connection only commits, and gives free pages back', async () => {
    const { db, file } = openFile()
    ensureIncrementalVacuum(db, logger)
    db.pragma('journal_mode = WAL')
    db.exec('CREATE TABLE blobs (id INTEGER PRIMARY KEY, data BLOB NOT NULL)')
    const checkpointer = startWalCheckpointer(db, file, logger, { checkpointMs: 20, mainAutocheckpointPages: 100_000, vacuumMs: 50, vacuumAbovePages: 0, vacuumStepPages: 64 })
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
