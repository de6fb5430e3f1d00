/**
 * Fan-out between relay processes (contract §6): with several processes on
 * one PostgreSQL, each committed update and awareness change of a room is
 * published to the others that have the room open, and access changes are
 * announced so every process re-checks its own connections. The log of
 * record stays in PostgreSQL; a message here only wakes the others, and may
 * be lost (a follower that sees a gap re-reads the log).
 */

/** What a process that follows a room hears about it. */
export interface RoomListener {
  /** Updates another process committed, with their row numbers (ascending). */
  updates(seqs: readonly number[], updates: readonly Uint8Array[]): void
  /**
   * An awareness update (y-protocols encoding) from another process's
   * connections, with the verified account (user id) of each client id in it
   * that has one.
   */
  awareness(update: Uint8Array, accounts: ReadonlyMap<number, string>): void
  /** Another process opened the room and asks for the awareness states held here. */
  awarenessQuery(): void
}

/**
 * An access change announced to every process. Opaque here (the access
 * module, server/src/access/AccessChanges.ts, gives it its meaning and
 * checks what comes in); `caseId`, when present, routes it.
 */
export interface ControlMessage {
  readonly kind: string
  readonly caseId?: string | undefined
}

/** The fan-out between relay processes. */
export interface Fanout {
  /** This process's id in published messages (its own messages come back and are ignored). */
  readonly processId: string
  /** Follows a room; resolves once the subscription is confirmed, so nothing published afterwards is missed. */
  joinRoom(room: string, listener: RoomListener): Promise<void>
  /** Stops following a room (a no-op when `listener` is no longer the room's). */
  leaveRoom(room: string, listener: RoomListener): Promise<void>
  /** Publishes committed updates (contract §6: after the commit). Never throws; failures are logged. */
  publishUpdates(room: string, seqs: readonly number[], updates: readonly Uint8Array[]): void
  /** Publishes an awareness update of this process's connections, with the account (user id) owning each client id. */
  publishAwareness(room: string, update: Uint8Array, accounts: ReadonlyMap<number, string>): void
  /** Asks the other processes for the awareness states of a room's connections. */
  publishAwarenessQuery(room: string): void
  /** Announces an access change to the other processes. */
  publishControl(message: ControlMessage): void
  /** Listens to access changes announced by the other processes. */
  onControl(listener: (message: ControlMessage) => void): void
  /**
   * Called after the connection to the broker came back (messages published
   * meanwhile are lost, so rooms should catch up from storage).
   */
  onReconnect(listener: () => void): void
  /** Closes the connections to the broker. */
  close(): Promise<void>
}
