/**
 * The PostgreSQL executor: a `pg` Pool. An operation outside a transaction
 * sends each op on its own pooled connection; a transaction runs on one
 * connection between BEGIN and COMMIT, so several relay processes can share
 * the database. A lost connection is survived (connectionRetry.ts): what
 * certainly did not commit is repeated, what may have is refused.
 */
import type pg from 'pg'
import { ConnectionRetry, isConnectionError, isReadOnlyStatement, NotConnected, SentFailure, type FailureVerdict } from './connectionRetry.js'
import type { Dialect } from '../sql/Dialect.js'
import { SqlTexts } from '../sql/Dialect.js'
import { driveAsync, Rollback, type LockName, type Op, type Param, type Query, type SqlDatabase } from '../sql/query.js'

/** Advisory lock keys (pg_advisory_xact_lock takes one bigint). */
const LockKeys: Record<LockName, number> = {
  migrations: 7_465_701,
  /** Serialises changes that must leave an active admin / create only the first account. */
  accounts: 7_465_702,
}

const SQL_LOCK = 'SELECT pg_advisory_xact_lock($1)'
const SQL_TRY_LOCK = "SELECT pg_try_advisory_xact_lock(hashtextextended('fallbuch.' || $1, 0)) AS locked"

/** PostgreSQL's side of {@link Dialect}. */
export const postgresDialect: Dialect = {
  name: 'postgres',
  inList: (column, type) => `${column} = ANY(?::${type}[])`,
  forUpdate: ' FOR UPDATE',
  insertionOrder: (alias) => `${alias}.seq`,
}

/** `?` placeholders numbered `$1`, `$2`, … (no query here has a `?` inside a string literal). */
export function numberPlaceholders(sql: string): string {
  let n = 0
  return sql.replace(/\?/g, () => `$${++n}`)
}

function bind(param: Param): unknown {
  if (param instanceof Uint8Array) {
    return Buffer.isBuffer(param) ? param : Buffer.from(param.buffer, param.byteOffset, param.byteLength)
  }
  if (param !== null && typeof param === 'object') {
    return param.list.map((value) => (value instanceof Uint8Array ? bind(value) : value))
  }
  return param
}

/** {@link SqlDatabase} over a `pg` Pool. */
export class PostgresDatabase implements SqlDatabase {
  readonly dialect = postgresDialect
  private readonly texts = new SqlTexts(postgresDialect, numberPlaceholders)

  constructor(
    readonly pool: pg.Pool,
    /** Repeats what is safe after a lost connection; shared with the keystore. */
    readonly retry: ConnectionRetry = new ConnectionRetry(undefined),
  ) {}

  private answerOn(client: pg.Pool | pg.PoolClient): (op: Op) => Promise<unknown> {
    return async (op) => {
      switch (op.kind) {
        case 'all':
          return (await client.query(this.texts.text(op.sql), op.params.map(bind))).rows
        case 'get':
          return (await client.query(this.texts.text(op.sql), op.params.map(bind))).rows[0]
        case 'run':
          return { changes: (await client.query(this.texts.text(op.sql), op.params.map(bind))).rowCount ?? 0, lastInsertRowid: 0 }
        case 'exec':
          await client.query(op.sql)
          return undefined
        case 'lock':
          await client.query(SQL_LOCK, [LockKeys[op.name]])
          return undefined
        case 'tryLock':
          return (await client.query<{ locked: boolean }>(SQL_TRY_LOCK, [op.key])).rows[0]?.locked === true
      }
    }
  }

  /**
   * Each op is a statement of its own (autocommit). A read whose connection
   * broke is repeated; a write whose connection broke may have committed
   * and is refused (the caller's client resends, Yjs updates are idempotent).
   */
  async query<T>(operation: Query<T>): Promise<T> {
    return driveAsync(operation, (op) => {
      const repeatable = op.kind === 'tryLock' || ((op.kind === 'all' || op.kind === 'get') && isReadOnlyStatement(this.texts.text(op.sql)))
      return this.retry.run(
        () => this.onOwnConnection((client) => this.answerOn(client)(op)),
        (err): FailureVerdict => (repeatable || err instanceof NotConnected ? 'retry' : 'refuse'),
      )
    })
  }

  /** Runs `use` on a pooled connection; a failure to get one is a {@link NotConnected} (nothing was sent). */
  private async onOwnConnection<R>(use: (client: pg.PoolClient) => Promise<R>): Promise<R> {
    let client: pg.PoolClient
    try {
      client = await this.pool.connect()
    } catch (err) {
      throw new NotConnected(err)
    }
    try {
      const result = await use(client)
      client.release()
      return result
    } catch (err) {
      // A broken connection is dropped from the pool, not handed to the next caller.
      client.release(isConnectionError(err) && err instanceof Error ? err : undefined)
      throw err
    }
  }

  /**
   * One transaction, repeated from the start when its connection broke
   * before COMMIT was sent (PostgreSQL rolled it back); a break during
   * COMMIT leaves the outcome unknown and is refused.
   */
  async transaction<T>(body: () => Query<T>): Promise<T> {
    return this.retry.run(
      () => this.transactionOnce(body),
      (err) => (err instanceof SentFailure && err.maySideEffect ? 'refuse' : 'retry'),
    ).catch((err: unknown) => {
      throw err instanceof SentFailure ? err.cause : err
    })
  }

  private async transactionOnce<T>(body: () => Query<T>): Promise<T> {
    let client: pg.PoolClient
    try {
      client = await this.pool.connect()
    } catch (err) {
      throw new NotConnected(err)
    }
    let lost: unknown
    let committing = false
    const answer = this.answerOn(client)
    try {
      await client.query('BEGIN')
      const result = await driveAsync(body(), async (op) => {
        try {
          return await answer(op)
        } catch (err) {
          // The operation may catch this error (a unique violation it expects); a lost connection must not be mistaken for one.
          if (isConnectionError(err)) {
            lost ??= err
          }
          throw err
        }
      })
      if (lost !== undefined) {
        throw lost
      }
      committing = true
      await client.query('COMMIT')
      client.release()
      return result
    } catch (err) {
      const failure = lost ?? err
      if (isConnectionError(failure)) {
        client.release(failure instanceof Error ? failure : true)
        throw new SentFailure(failure, committing)
      }
      await client.query('ROLLBACK').catch(() => undefined)
      client.release()
      if (err instanceof Rollback) {
        return err.value as T
      }
      throw err
    }
  }

  /** Runs a statement on its own connection, repeated after a lost connection when `safe` (reads, idempotent writes). */
  async statement<R extends pg.QueryResultRow>(sql: string, params: unknown[], safe: boolean): Promise<pg.QueryResult<R>> {
    return this.retry.run(
      () => this.onOwnConnection((client) => client.query<R>(sql, params)),
      (err) => (safe || err instanceof NotConnected ? 'retry' : 'refuse'),
    )
  }

  /** `SELECT 1` without retries (readiness checks must answer fast). */
  async ping(): Promise<void> {
    await this.pool.query('SELECT 1')
  }

  async close(): Promise<void> {
    await this.pool.end()
  }
}
