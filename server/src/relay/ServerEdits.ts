/**
 * Server-side reads and changes of a room's document (a case's title from
 * `PATCH /api/cases/:id`, the plan hash, exports, supervision copies). A
 * change takes the same path as a client's update: computed on a copy,
 * submitted to the room's commit queue, committed before any client sees it.
 */
import type * as Y from 'yjs'
import type { RoomName } from '../../../shared/src/protocol/roomName.js'
import type { ClientIdStorage } from '../storage/rooms/RoomStorage.js'
import type { RoomRegistry } from './RoomRegistry.js'
import { serverChangeUpdate } from './serverChanges.js'

/** Reads and changes documents through the loaded rooms. */
export class ServerEdits {
  constructor(
    private readonly rooms: Pick<RoomRegistry, 'acquire' | 'release'>,
    /** Where the server's own client ids are bound (serverChanges.ts). */
    private readonly bindings: Pick<ClientIdStorage, 'bindClientIds'>,
  ) {}

  /**
   * Loads a room (as the sync endpoint does, so the reader sees exactly what
   * is committed, pending commits included) and reads its document.
   */
  async read<T>(room: RoomName, read: (doc: Y.Doc) => T): Promise<T> {
    const loaded = await this.rooms.acquire(room)
    try {
      await loaded.settled()
      return read(loaded.doc)
    } finally {
      this.rooms.release(loaded)
    }
  }

  /**
   * Makes a server-side change to a room's document (serverChanges.ts: a
   * client id of the server's own): computed on a copy of the committed
   * state and submitted as an update, so it is committed before any client
   * sees it, like a client's update; it is not judged by the schema check (§8.2).
   */
  async change(room: RoomName, change: (doc: Y.Doc) => void): Promise<void> {
    const loaded = await this.rooms.acquire(room)
    try {
      await loaded.settled()
      const update = await serverChangeUpdate(this.bindings, loaded.name, loaded.doc, change)
      if (update !== null) {
        await loaded.submitUpdate(update, null)
      }
    } finally {
      this.rooms.release(loaded)
    }
  }
}
