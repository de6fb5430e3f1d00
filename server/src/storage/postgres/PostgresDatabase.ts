/**
 * The PostgreSQL executor: a `pg` Pool. An operation outside a transaction
 * sends each op to the pool; a transaction runs on one connection between
 * BEGIN and COMMIT, so several relay processes can share the database.
 */
import type pg from 'pg'
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

  constructor(readonly pool: pg.Pool) {}

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

  async query<T>(operation: Query<T>): Promise<T> {
    return driveAsync(operation, this.answerOn(this.pool))
  }

  async transaction<T>(body: () => Query<T>): Promise<T> {
    const client = await this.pool.connect()
    try {
      await client.query('BEGIN')
      const result = await driveAsync(body(), this.answerOn(client))
      await client.query('COMMIT')
      return result
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined)
      if (err instanceof Rollback) {
        return err.value as T
      }
      throw err
    } finally {
      client.release()
    }
  }

  async close(): Promise<void> {
    await this.pool.end()
  }
}
