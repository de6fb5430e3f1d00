/**
 * Surviving a PostgreSQL blip (a restart, a failover, a terminated backend):
 * which errors mean "the connection is gone", and the retry of what is safe
 * to repeat. An operation is repeated only when it certainly did not commit
 * (no connection was obtained, or a transaction failed before its COMMIT was
 * sent: PostgreSQL rolls it back) or when repeating it cannot change the
 * outcome (reads, idempotent writes). Anything else is refused with
 * {@link StorageUnavailableError}.
 */
import { errorMessage } from '../../../../shared/src/errors.js'
import { StorageUnavailableError, type StorageHealthObserver } from '../sql/StorageUnavailableError.js'

/** SQLSTATE classes and codes of a lost or refused connection. */
const ConnectionSqlStates = new Set([
  '57P01', // admin_shutdown (pg_terminate_backend, a fast shutdown)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, in recovery)
  '53300', // too_many_connections
])
const ConnectionErrnos = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTFOUND'])
const ConnectionMessages = [
  'Connection terminated',
  'connection error and is not queryable',
  'timeout exceeded when trying to connect',
  'Client was closed and is not queryable',
  'terminating connection',
]

/** A transaction's connection broke; `maySideEffect` when it broke during COMMIT (the outcome is unknown). */
export class SentFailure extends Error {
  override name = 'SentFailure'
  constructor(
    override readonly cause: unknown,
    readonly maySideEffect: boolean,
  ) {
    super(errorMessage(cause))
  }
}

/** No connection could be had (refused, timed out, the pool busy): nothing was sent, so any operation may be repeated. */
export class NotConnected extends Error {
  override name = 'NotConnected'
  constructor(override readonly cause: unknown) {
    super(errorMessage(cause))
  }
}

/** Whether an error means the database connection was lost or could not be made (not a bad statement). */
export function isConnectionError(err: unknown): boolean {
  if (err instanceof StorageUnavailableError || err instanceof SentFailure || err instanceof NotConnected) {
    return true
  }
  if (typeof err !== 'object' || err === null) {
    return false
  }
  const code = (err as { code?: unknown }).code
  if (typeof code === 'string' && (ConnectionSqlStates.has(code) || code.startsWith('08') || ConnectionErrnos.has(code))) {
    return true
  }
  const message = errorMessage(err)
  return ConnectionMessages.some((part) => message.includes(part))
}

/** Retry settings. */
export interface RetryOptions {
  /** Longest time an operation keeps retrying before it is refused (default 10 s). */
  maxWaitMs: number
  /** First delay; doubled after each attempt up to {@link maxDelayMs}. */
  baseDelayMs: number
  maxDelayMs: number
}

/** Defaults: a PostgreSQL restart takes a few seconds. */
export const DefaultRetryOptions: RetryOptions = { maxWaitMs: 10_000, baseDelayMs: 50, maxDelayMs: 1_000 }

/** One attempt's verdict on a failure. */
export type FailureVerdict = 'retry' | 'refuse' | 'rethrow'

/** Runs attempts with backoff and reports to the observer. */
export class ConnectionRetry {
  constructor(
    private readonly observer: StorageHealthObserver | undefined,
    private readonly options: RetryOptions = DefaultRetryOptions,
  ) {}

  /**
   * Runs `attempt` until it succeeds; a failure is judged by `judge`
   * (connection errors only reach it): `retry` waits and repeats, `refuse`
   * throws {@link StorageUnavailableError} (commitUnknown), `rethrow` passes
   * the error on. Non-connection errors are rethrown at once.
   */
  async run<T>(attempt: () => Promise<T>, judge: (err: unknown) => FailureVerdict): Promise<T> {
    const started = Date.now()
    let delay = this.options.baseDelayMs
    for (;;) {
      try {
        const result = await attempt()
        this.observer?.succeeded()
        return result
      } catch (err) {
        if (!isConnectionError(err) || err instanceof StorageUnavailableError) {
          throw err
        }
        this.observer?.connectionError(err instanceof SentFailure || err instanceof NotConnected ? err.cause : err)
        const verdict = judge(err)
        if (verdict === 'rethrow') {
          throw err
        }
        if (verdict === 'refuse') {
          throw this.refuse(
            new StorageUnavailableError('commitUnknown', `the database connection broke while a write was sent: ${errorMessage(err)}`, { cause: err }),
          )
        }
        if (Date.now() - started + delay > this.options.maxWaitMs) {
          throw this.refuse(
            new StorageUnavailableError('unreachable', `the database is unreachable (gave up after ${Date.now() - started} ms): ${errorMessage(err)}`, {
              cause: err,
            }),
          )
        }
        this.observer?.retried()
        await new Promise((resolve) => setTimeout(resolve, delay))
        delay = Math.min(delay * 2, this.options.maxDelayMs)
      }
    }
  }

  private refuse(error: StorageUnavailableError): StorageUnavailableError {
    this.observer?.refused(error)
    return error
  }
}

/** Whether a statement only reads (safe to repeat after its connection broke). */
export function isReadOnlyStatement(sql: string): boolean {
  const text = sql.trimStart().toUpperCase()
  // Our own functions (migrations, e.g. fallbuch_append_rooms) write.
  return (text.startsWith('SELECT') || text.startsWith('WITH')) && !/\b(INSERT|UPDATE|DELETE|MERGE|FALLBUCH_\w+)\b/.test(text)
}
