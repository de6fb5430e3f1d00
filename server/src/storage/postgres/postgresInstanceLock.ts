/**
 * The scaled-out installation's lock: a session advisory lock per schema on
 * a connection of its own (see InstanceLockedError.ts). Relays with Redis
 * take it shared; a relay without Redis and a master key rotation take it
 * alone. When its connection breaks (a PostgreSQL restart) the lock is gone
 * with it: it is taken again as soon as the database answers.
 */
import pg from 'pg'
import { errorMessage } from '../../../../shared/src/errors.js'
import type { Logger } from '../../log.js'
import { InstanceLockedError, type InstanceLock, type InstanceLockMode } from '../InstanceLockedError.js'

const SQL_TRY_SHARED = "SELECT pg_try_advisory_lock_shared(hashtextextended('fallbuch.instance.' || $1, 0)) AS locked"
const SQL_TRY_EXCLUSIVE = "SELECT pg_try_advisory_lock(hashtextextended('fallbuch.instance.' || $1, 0)) AS locked"

/** Options of {@link acquirePostgresInstanceLock}. */
export interface PostgresInstanceLockOptions {
  connectionString: string
  schema: string
  mode: InstanceLockMode
  logger: Logger
  /** Delay between attempts to take the lock again after its connection broke (default 1 s). */
  retryMs?: number
}

function lockedMessage(schema: string, mode: InstanceLockMode): string {
  return mode === 'shared'
    ? `another process uses the PostgreSQL schema ${schema} alone (a relay started without REDIS_URL, or a master key rotation). ` +
        'Every relay process on one database needs REDIS_URL; stop that process, or wait for the rotation to finish.'
    : `another relay process uses the PostgreSQL schema ${schema}. A relay without REDIS_URL must be the only one on its database ` +
        '(its clients would miss the others\' edits), and a master key rotation needs every relay stopped. ' +
        'Set REDIS_URL on every process to run several, or stop the others first.'
}

async function tryLock(options: PostgresInstanceLockOptions): Promise<{ client: pg.Client; locked: boolean }> {
  const client = new pg.Client({
    connectionString: options.connectionString,
    connectionTimeoutMillis: 5_000,
    keepAlive: true,
    application_name: `fallbuch:${options.schema}:lock`,
  })
  client.on('error', (err) => options.logger.warn({ error: err.message }, "the connection holding the installation's lock broke"))
  try {
    await client.connect()
    const sql = options.mode === 'shared' ? SQL_TRY_SHARED : SQL_TRY_EXCLUSIVE
    const locked = (await client.query<{ locked: boolean }>(sql, [options.schema])).rows[0]?.locked === true
    return { client, locked }
  } catch (err) {
    await client.end().catch(() => undefined)
    throw err
  }
}

/** Takes the schema's lock or throws {@link InstanceLockedError}; keeps it until `release`. */
export async function acquirePostgresInstanceLock(options: PostgresInstanceLockOptions): Promise<InstanceLock> {
  const first = await tryLock(options)
  if (!first.locked) {
    await first.client.end().catch(() => undefined)
    throw new InstanceLockedError(lockedMessage(options.schema, options.mode))
  }
  let client: pg.Client | null = first.client
  let released = false
  let timer: NodeJS.Timeout | undefined
  const retake = async (): Promise<void> => {
    timer = undefined
    if (released) {
      return
    }
    try {
      const next = await tryLock(options)
      if (released) {
        await next.client.end().catch(() => undefined)
        return
      }
      if (next.locked) {
        client = next.client
        watch(next.client)
        options.logger.info({ schema: options.schema }, "took the installation's lock again")
        return
      }
      await next.client.end().catch(() => undefined)
      options.logger.error({ schema: options.schema }, `cannot take the installation's lock again: ${lockedMessage(options.schema, options.mode)}`)
    } catch (err) {
      options.logger.debug({ error: errorMessage(err) }, "taking the installation's lock again failed; retrying")
    }
    timer = setTimeout(() => void retake(), options.retryMs ?? 1_000)
    timer.unref()
  }
  const watch = (watched: pg.Client): void => {
    watched.once('end', () => {
      if (client === watched && !released) {
        client = null
        options.logger.warn({ schema: options.schema }, "lost the installation's lock with its PostgreSQL connection; taking it again")
        void retake()
      }
    })
  }
  watch(first.client)
  return {
    get held() {
      return client !== null
    },
    async release() {
      released = true
      clearTimeout(timer)
      const held = client
      client = null
      // Ending the session frees its advisory locks.
      await held?.end().catch(() => undefined)
    },
  }
}
