/**
 * Queries written once for both backends. A storage operation is a
 * generator that yields {@link Op}s and receives their results: the SQLite
 * executor answers each op synchronously, so a whole transaction runs inside
 * one synchronous better-sqlite3 transaction (no other work can slip in
 * between its statements); the PostgreSQL executor awaits each op on one
 * pooled connection. `yield*` keeps every result typed:
 *
 *     const row = yield* get<UserRow>(SQL_USER_BY_ID, id)
 */
import type { Dialect } from './Dialect.js'

/** A list bound as one parameter (SQLite: JSON for json_each; PostgreSQL: an array for ANY). */
export interface ListParam {
  readonly list: readonly (string | number | Uint8Array)[]
}

/** A value bound to a `?`. Booleans become 0/1 on SQLite; byte arrays are bound as bytes. */
export type Param = string | number | boolean | null | Uint8Array | ListParam

/** SQL with `?` placeholders, or a function of the dialect for the few places where the text differs. */
export type SqlText = string | ((dialect: Dialect) => string)

/** Advisory locks (PostgreSQL) that keep the rules SQLite gets from its single writer. */
export type LockName = 'migrations' | 'accounts'

/** What a statement that returns no rows reports. */
export interface RunResult {
  /** Rows inserted, updated or deleted. */
  changes: number
  /** The rowid of the last insert (SQLite only; 0 on PostgreSQL). */
  lastInsertRowid: number
}

/** One step of a storage operation, answered by the executor. */
export type Op =
  | { kind: 'all' | 'get' | 'run'; sql: SqlText; params: readonly Param[] }
  /** DDL or several statements, no parameters. */
  | { kind: 'exec'; sql: string }
  /** Waits for an advisory lock until the transaction ends (PostgreSQL); SQLite has one writer already. */
  | { kind: 'lock'; name: LockName }
  /** Takes a per-key advisory lock if free (PostgreSQL), answering whether it got it; SQLite answers true. */
  | { kind: 'tryLock'; key: string }

/** A storage operation: yields ops, returns `T`. */
export type Query<T> = Generator<Op, T, unknown>

/** Binds a list as one parameter, for {@link Dialect.inList}. */
export function list(values: readonly (string | number | Uint8Array)[]): ListParam {
  return { list: values }
}

/** All rows of a query. */
export function* all<T>(sql: SqlText, ...params: Param[]): Query<T[]> {
  return (yield { kind: 'all', sql, params }) as T[]
}

/** The first row of a query, or undefined. */
export function* get<T>(sql: SqlText, ...params: Param[]): Query<T | undefined> {
  return (yield { kind: 'get', sql, params }) as T | undefined
}

/** Runs a statement that returns no rows. */
export function* run(sql: SqlText, ...params: Param[]): Query<RunResult> {
  return (yield { kind: 'run', sql, params }) as RunResult
}

/** The number in column `n` of a counting query. */
export function* count(sql: SqlText, ...params: Param[]): Query<number> {
  return Number((yield* get<{ n: number | string }>(sql, ...params))?.n ?? 0)
}

/** An operation without statements (a backend that has nothing to do for a step). */
// eslint-disable-next-line require-yield -- nothing to ask the database
export function* nothing(): Query<void> {
  return
}

/** Runs DDL or several statements without parameters. */
export function* exec(sql: string): Query<void> {
  yield { kind: 'exec', sql }
}

/** Takes an advisory lock until the transaction ends (no-op on SQLite). */
export function* lock(name: LockName): Query<void> {
  yield { kind: 'lock', name }
}

/** Takes the advisory lock of `key` when it is free; false when another transaction holds it. */
export function* tryLock(key: string): Query<boolean> {
  return (yield { kind: 'tryLock', key }) as boolean
}

/**
 * Thrown inside a transaction to roll it back and resolve the operation
 * with `value` (an outcome such as 'lastAdmin', not an error).
 */
export class Rollback<T> extends Error {
  override name = 'Rollback'
  constructor(readonly value: T) {
    super('rolled back')
  }
}

/** Options of {@link SqlDatabase.transaction}. */
export interface TransactionOptions {
  /** SQLite: take the write lock at BEGIN (BEGIN IMMEDIATE), for read-then-write races with other connections. */
  immediate?: boolean
}

/** One database, as the resource modules use it. */
export interface SqlDatabase {
  readonly dialect: Dialect
  /** Runs an operation outside a transaction (each statement commits on its own). */
  query<T>(operation: Query<T>): Promise<T>
  /**
   * Runs an operation in one transaction; resolves after commit. A thrown
   * {@link Rollback} rolls back and resolves with its value; any other
   * throw rolls back and rejects. The body must not wait for anything but
   * its own ops (fetch data keys before).
   */
  transaction<T>(body: () => Query<T>, options?: TransactionOptions): Promise<T>
  /** Closes the connection(s). */
  close(): Promise<void>
}

/** Drives an operation whose ops are answered synchronously (SQLite). */
export function driveSync<T>(operation: Query<T>, answer: (op: Op) => unknown): T {
  let step = operation.next()
  while (step.done !== true) {
    let result: unknown
    try {
      result = answer(step.value)
    } catch (err) {
      step = operation.throw(err)
      continue
    }
    step = operation.next(result)
  }
  return step.value
}

/** Drives an operation whose ops are answered asynchronously (PostgreSQL). */
export async function driveAsync<T>(operation: Query<T>, answer: (op: Op) => Promise<unknown>): Promise<T> {
  let step = operation.next()
  while (step.done !== true) {
    let result: unknown
    try {
      result = await answer(step.value)
    } catch (err) {
      step = operation.throw(err)
      continue
    }
    step = operation.next(result)
  }
  return step.value
}
