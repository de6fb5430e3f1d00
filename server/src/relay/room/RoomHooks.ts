/**
 * Server-side reactions to a room's life (Hocuspocus-style extensions): a
 * hook sees a room once it is loaded and after each committed batch. Hooks
 * run in the room's commit path, after the batch is applied and forwarded;
 * they must not throw and must not hold the path up (start async work and
 * handle its errors themselves).
 */
import type * as Y from 'yjs'
import type { RoomName } from '../../../../shared/src/protocol/roomName.js'
import type { CommittedUpdate } from './CommitQueue.js'
import type { RoomConnection } from './RoomConnection.js'

/** What a hook sees of a room. */
export interface HookedRoom {
  readonly name: string
  readonly parsed: RoomName
  /** The room's document, holding every committed update. */
  readonly doc: Y.Doc
}

/** One committed batch: its updates with their origins (null: a server-side change), and their row numbers. */
export interface CommittedBatch {
  readonly room: HookedRoom
  readonly updates: readonly CommittedUpdate<RoomConnection>[]
  readonly seqs: readonly number[]
}

/** A server-side reaction registered with the relay. */
export interface RoomHook {
  /** A short name for logs. */
  readonly name: string
  /** The room was loaded, before any client syncs. */
  loaded?(room: HookedRoom): void
  /** A batch was committed, applied and forwarded. */
  afterCommit?(batch: CommittedBatch): void
}
