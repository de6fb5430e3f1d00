/**
 * The database could not be reached (or stopped answering) for longer than
 * the retries cover, or a commit's outcome is unknown because the connection
 * broke while it was sent. The API answers 503 `service_unavailable`, the
 * relay closes the writer's connection with 1011 (its client resends on
 * reconnect); the process keeps serving.
 */
export class StorageUnavailableError extends Error {
  override name = 'StorageUnavailableError'
  constructor(
    /** unreachable: no connection within the retries; commitUnknown: the connection broke during COMMIT or a single write. */
    readonly reason: 'unreachable' | 'commitUnknown',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
  }
}

/** What a storage reports about its database connection (metrics and logs of the server). */
export interface StorageHealthObserver {
  /** A connection error happened (the database went away, refused, or reset a connection). */
  connectionError(error: unknown): void
  /** An operation is repeated after a connection error (it had certainly not been committed). */
  retried(): void
  /** An operation was given up (503 / 1011). */
  refused(error: StorageUnavailableError): void
  /** An operation succeeded (the database answers again after errors). */
  succeeded(): void
}
