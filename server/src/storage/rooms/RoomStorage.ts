/** The Yjs rooms' update logs and client id bindings: records and ports. */

/** A write to a room of an erased case: refused, never stored. */
export class CaseErasedError extends Error {
  override name = 'CaseErasedError'
  constructor(readonly caseId: string) {
    super('the case was erased')
  }
}

/** The first stored update of a new room (seeded documents). */
export interface RoomSeed {
  room: string
  update: Uint8Array
}

/** One row of a room's update log. */
export interface StoredUpdate {
  /**
   * Position in the room's log, increasing with every append. On PostgreSQL
   * the numbers of a room have no holes (1, 2, 3, …), so a process that
   * follows a room through Redis sees a lost message as a gap. A compacted
   * row keeps the highest number it replaced.
   */
  seq: number
  data: Uint8Array
}

/** What {@link RoomStorage.appendUpdates} committed. */
export interface AppendResult {
  /** The rows' numbers, in the order of the updates. */
  seqs: number[]
}

/** One room's updates in a group commit ({@link RoomStorage.appendToRooms}). */
export interface RoomAppend {
  readonly room: string
  readonly updates: readonly Uint8Array[]
}

/** How one room of a group commit fared: committed, or refused with its own error (the other rooms are not affected). */
export type RoomAppendOutcome = { ok: true; result: AppendResult } | { ok: false; error: unknown }

/** The append-only update log of the Yjs rooms. */
export interface RoomStorage {
  /** Stored updates of a room, oldest first; only those numbered above `afterSeq` when given. */
  loadUpdates(room: string, afterSeq?: number): Promise<StoredUpdate[]>
  /** Durably appends updates in one transaction; resolves only after commit. */
  appendUpdates(room: string, updates: readonly Uint8Array[]): Promise<AppendResult>
  /**
   * Group commit: durably appends the updates of several rooms (each room
   * once) in one transaction and resolves after the commit with one outcome
   * per room, in order. A room that cannot be written (its case erased, its
   * key unavailable, a failing statement) fails alone: the others commit.
   */
  appendToRooms(appends: readonly RoomAppend[]): Promise<RoomAppendOutcome[]>
  /**
   * Replaces the rows a room has now with one update of their
   * garbage-collected state, in one transaction. Rows appended meanwhile (by
   * another process) are kept; on PostgreSQL a second compactor of the same
   * room skips instead of waiting.
   */
  compact(room: string): Promise<void>
  /**
   * Compaction by the one process that writes the room (SQLite): replaces
   * the rows numbered up to `upToSeq` with `state`, the garbage-collected
   * state of exactly those rows as the room's document holds it, in one
   * transaction. Rows numbered above stay. Nothing is read, opened or
   * replayed: the document is that merge already.
   */
  replaceWithState(room: string, state: Uint8Array, upToSeq: number): Promise<void>
  /**
   * The highest row number of each of `rooms` that has rows (one query), so
   * a process can see that it missed rows whose fan-out message was lost.
   */
  roomHeads(rooms: readonly string[]): Promise<Map<string, number>>
}

/**
 * Yjs client id bindings (issue 9): a client id belongs to the account that
 * first wrote with it in a room, on every process sharing the storage.
 */
export interface ClientIdStorage {
  /**
   * Binds the unbound ids of `clientIds` in `room` to `userId`, in one
   * transaction, and resolves with the ids bound to another account. When
   * that list is not empty nothing was bound. Of two accounts binding the
   * same id at once, exactly one gets it.
   */
  bindClientIds(room: string, userId: string, clientIds: readonly number[]): Promise<number[]>
  /** The account a client id is bound to in a room, or null. */
  clientIdOwner(room: string, clientId: number): Promise<string | null>
  /** Every binding of a room, with the account's name (null for `@server` and removed accounts), oldest first. */
  clientIdBindingsOf(room: string): Promise<Array<{ clientId: number; userId: string; userName: string | null }>>
}
