/**
 * Server-side reads and changes of a room's document (a case's title from
 * `PATCH /api/cases/:id`, the plan hash, exports, supervision copies). A
 * change takes the same path as a client's update: computed on a copy,
 * submitted to the room's commit queue, committed before any client sees it.
 */
import * as Y from 'yjs'
import type { RoomName } from '../../../shared/src/protocol/roomName.js'
import type { RoomRegistry } from './RoomRegistry.js'

/** Reads and changes documents through the loaded rooms. */
export class ServerEdits {
  constructor(private readonly rooms: Pick<RoomRegistry, 'acquire' | 'release'>) {}

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
   * Makes a server-side change to a room's document: computed on a copy of
   * the committed state and submitted as an update, so it is committed
   * before any client sees it, exactly like a client's update.
   */
  async change(room: RoomName, change: (doc: Y.Doc) => void): Promise<void> {
    const loaded = await this.rooms.acquire(room)
    try {
      await loaded.settled()
      const copy = new Y.Doc({ gc: true })
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(loaded.doc))
      const before = Y.encodeStateVector(copy)
      change(copy)
      const update = Y.encodeStateAsUpdate(copy, before)
      copy.destroy()
      await loaded.submitUpdate(update, null)
    } finally {
      this.rooms.release(loaded)
    }
  }
}
