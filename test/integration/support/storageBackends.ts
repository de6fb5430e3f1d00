/**
 * Fresh stores on both backends for a storage suite: embedded SQLite in a
 * temporary folder and PostgreSQL (DATABASE_URL, a schema of its own;
 * without it that half is skipped and says so). Every store opened is
 * closed, and every folder removed, after the file.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll } from 'vitest'
import { createLogger } from '../../../server/src/log.js'
import { openPostgresStorage } from '../../../server/src/storage/postgres/openPostgresStorage.js'
import { openSqliteStorage } from '../../../server/src/storage/sqlite/openSqliteStorage.js'
import type { Storage } from '../../../server/src/storage/Storage.js'
import { testMasterKeys } from '../../helpers/atRest.js'
import { databaseUrl, needsPostgres, testSchema } from '../../helpers/scaleOut.js'

export interface StorageBackend {
  name: string
  skip: boolean
  open(): Promise<Storage>
}

/** The two backends; call once at the top of a test file (registers the clean-up). */
export function storageBackends(folderPrefix: string): StorageBackend[] {
  const logger = createLogger({ logLevel: 'silent' })
  const opened: Storage[] = []
  const tempDirs: string[] = []
  afterAll(async () => {
    await Promise.all(opened.splice(0).map((storage) => storage.close()))
    await Promise.all(tempDirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })))
  })
  const kept = (storage: Storage): Storage => {
    opened.push(storage)
    return storage
  }
  return [
    {
      name: 'SQLite',
      skip: false,
      async open() {
        const dataDir = await mkdtemp(join(tmpdir(), folderPrefix))
        tempDirs.push(dataDir)
        return kept(await openSqliteStorage({ dataDir, synchronous: 'normal', logger, masterKeys: testMasterKeys() }))
      },
    },
    {
      name: `PostgreSQL${needsPostgres}`,
      skip: databaseUrl === undefined,
      open: async () =>
        kept(await openPostgresStorage({ connectionString: databaseUrl ?? '', schema: testSchema(), logger, maxConnections: 4, masterKeys: testMasterKeys() })),
    },
  ]
}
