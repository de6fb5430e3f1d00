/**
 * Two relay processes (in-process servers on two ports) on one PostgreSQL
 * schema and one Redis prefix, as the scale-out tests run them, and rows
 * written into that schema directly (as a third process would, without a
 * fan-out message).
 */
import { beforeAll } from 'vitest'
import { createLogger } from '../../../server/src/log.js'
import type { Storage } from '../../../server/src/storage/Storage.js'
import { openPostgresStorage } from '../../../server/src/storage/postgres/openPostgresStorage.js'
import { setupAdmin, type LoggedIn } from '../../helpers/apiClient.js'
import { testMasterKeys } from '../../helpers/atRest.js'
import { databaseUrl, redisUrl, testRedisPrefix, testSchema } from '../../helpers/scaleOut.js'
import { startRelay, type RelayOverrides, type TestRelay } from '../../helpers/startRelay.js'

/** The two processes of a describe block, its schema, and the first account (an admin, through the first process). */
export interface TwoProcesses {
  readonly schema: string
  /** The Redis channel prefix (the subscriber connection's name starts with it). */
  readonly prefix: string
  readonly first: TestRelay
  readonly second: TestRelay
  readonly admin: LoggedIn
}

/** Starts two processes on a fresh schema and prefix before the describe block's tests (rooms unload after 200 ms idle). */
export function twoProcesses(overrides: RelayOverrides = {}): TwoProcesses {
  const schema = testSchema()
  const prefix = testRedisPrefix()
  let started: { first: TestRelay; second: TestRelay; admin: LoggedIn } | undefined
  beforeAll(async () => {
    const shared = { databaseUrl, databaseSchema: schema, redisUrl, redisPrefix: prefix, roomIdleMs: 200, ...overrides }
    const first = await startRelay(shared)
    const second = await startRelay(shared)
    started = { first, second, admin: await setupAdmin(first) }
  })
  const get = (): NonNullable<typeof started> => {
    if (started === undefined) {
      throw new Error('the two processes start in beforeAll')
    }
    return started
  }
  return {
    schema,
    prefix,
    get first() {
      return get().first
    },
    get second() {
      return get().second
    },
    get admin() {
      return get().admin
    },
  }
}

/** Runs `use` on a storage of its own on `schema` (no relay, no fan-out), closed afterwards. */
export async function withDirectStorage<T>(schema: string, use: (storage: Storage) => Promise<T>): Promise<T> {
  const direct = await openPostgresStorage({ connectionString: databaseUrl ?? '', schema, logger: createLogger({ logLevel: 'silent' }), maxConnections: 1, masterKeys: testMasterKeys() })
  try {
    return await use(direct)
  } finally {
    await direct.close()
  }
}
