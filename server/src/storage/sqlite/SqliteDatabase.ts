/**
 * The SQLite executor: better-sqlite3 is synchronous, so every op of a
 * storage operation is answered at once and a transaction is one
 * synchronous better-sqlite3 transaction; its Promise resolves after the
 * commit ("resolved" means "committed", contract §6).
 */
import type Database from 'better-sqlite3'
import type { Dialect } from '../sql/Dialect.js'
import { SqlTexts } from '../sql/Dialect.js'
import { driveSync, Rollback, type Op, type Param, type Query, type SqlDatabase, type SqlText } from '../sql/query.js'

/** SQLite's side of {@link Dialect}. */
export const sqliteDialect: Dialect = {
  name: 'sqlite',
  inList: (column) => `${column} IN (SELECT value FROM json_each(?))`,
  forUpdate: '',
  insertionOrder: (alias) => `${alias}.rowid`,
}

function bind(param: Param): unknown {
  if (typeof param === 'boolean') {
    return param ? 1 : 0
  }
  if (param instanceof Uint8Array) {
    return Buffer.isBuffer(param) ? param : Buffer.from(param.buffer, param.byteOffset, param.byteLength)
  }
  if (param !== null && typeof param === 'object') {
    return JSON.stringify(param.list)
  }
  return param
}

/** {@link SqlDatabase} over one better-sqlite3 connection. */
export class SqliteDatabase implements SqlDatabase {
  readonly dialect = sqliteDialect
  private readonly texts = new SqlTexts(sqliteDialect)
  /** Prepared statements by SQL text; every query is a constant, so this stays small. */
  private readonly statements = new Map<string, Database.Statement>()

  /**
   * One better-sqlite3 transaction function for every transaction: making
   * one per call (db.transaction(fn)) cost about 7 µs and 1.7 KB per commit
   * in a CPU and an allocation profile of the relay (issue 21).
   */
  private readonly run: Database.Transaction<(body: () => Query<unknown>) => unknown>

  constructor(readonly db: Database.Database) {
    this.run = db.transaction((body: () => Query<unknown>) => driveSync(body(), this.answer))
  }

  private statement(sql: SqlText): Database.Statement {
    const text = this.texts.text(sql)
    let statement = this.statements.get(text)
    if (statement === undefined) {
      statement = this.db.prepare(text)
      this.statements.set(text, statement)
    }
    return statement
  }

  private readonly answer = (op: Op): unknown => {
    switch (op.kind) {
      case 'all':
        return this.statement(op.sql).all(...op.params.map(bind))
      case 'get':
        return this.statement(op.sql).get(...op.params.map(bind))
      case 'run': {
        const result = this.statement(op.sql).run(...op.params.map(bind))
        return { changes: result.changes, lastInsertRowid: Number(result.lastInsertRowid) }
      }
      case 'exec':
        this.db.exec(op.sql)
        return undefined
      case 'lock':
        return undefined
      case 'tryLock':
        return true
    }
  }

  async query<T>(operation: Query<T>): Promise<T> {
    return driveSync(operation, this.answer)
  }

  async transaction<T>(body: () => Query<T>): Promise<T> {
    try {
      // Always BEGIN IMMEDIATE: this connection is the only writer, so that costs nothing, and a
      // transaction that reads before it writes would otherwise fail with SQLITE_BUSY at once (no
      // busy handler for a read upgraded to a write) whenever another connection held the write
      // lock. The checkpoint worker did, with RESTART, until it was made PASSIVE only
      // (walCheckpointer.ts); an operator's sqlite3 shell still can.
      return this.run.immediate(body) as T
    } catch (err) {
      if (err instanceof Rollback) {
        return err.value as T
      }
      throw err
    }
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get()
  }

  async close(): Promise<void> {
    this.db.close()
  }
}
