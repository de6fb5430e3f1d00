/**
 * Changes the server itself makes to a room's document (the schema
 * migration on load, a title set through the API, later a restored
 * version): computed on a copy of the room's state and returned as an
 * update, which the caller submits through the room's normal commit path
 * (contract §6: committed before anyone sees it).
 *
 * Which Yjs client id the server writes with: a fresh random one per change,
 * never one fixed id. Two relay processes (or a process and its restarted
 * self, with a commit lost in between) would each write their own structs
 * under a fixed id with the same clocks, and Yjs would take one for the
 * other: the replicas would silently diverge. Fresh ids cannot collide that
 * way, and the migrations still converge when two processes migrate the same
 * room at once: every migrated value is a last-writer-wins map set of
 * identical content (the same text, the same schemaVersion), so whichever
 * set wins holds what the other would have.
 *
 * Each id the server writes with is bound in the room's client id bindings
 * (issue 9) to {@link ServerClientIdOwner}, so no account's connection can
 * ever write under it: its update would name a client id of another owner
 * and be refused (4400).
 */
import * as Y from 'yjs'
import type { ClientIdStorage } from '../storage/rooms/RoomStorage.js'
import { detachedDoc } from '../../../shared/src/caseDocument/detachedDoc.js'

/**
 * The owner of the server's client ids in the bindings. Account ids are
 * opaque random URL-safe ids (server/src/ids.ts), so none is ever this.
 */
export const ServerClientIdOwner = '@server'

/** Transaction origin of the server's changes on its copy (the migration passes it on). */
export const ServerChangeOrigin = Symbol('server change')

/** Tries before giving up on finding a client id that is neither in the document nor bound to an account. */
const MaxIdAttempts = 8

/**
 * Computes a server change of a room's document as an update, written under
 * a fresh client id bound to the server; null when the change changes
 * nothing. `state` is read, never changed.
 */
export async function serverChangeUpdate(
  bindings: Pick<ClientIdStorage, 'bindClientIds'>,
  room: string,
  state: Y.Doc,
  change: (doc: Y.Doc) => void,
): Promise<Uint8Array | null> {
  const known = Y.decodeStateVector(Y.encodeStateVector(state))
  for (let attempt = 0; attempt < MaxIdAttempts; attempt++) {
    const copy = detachedDoc()
    try {
      if (known.has(copy.clientID)) {
        continue
      }
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(state))
      // The change's own update (its structs and only its deletions); a
      // transaction that changes nothing emits none.
      const written: Uint8Array[] = []
      copy.on('update', (update: Uint8Array) => written.push(update))
      copy.transact(() => change(copy), ServerChangeOrigin)
      if (written.length === 0) {
        return null
      }
      const update = written.length === 1 ? (written[0] as Uint8Array) : Y.mergeUpdates(written)
      // Bound only when something is written: an id bound to an account
      // (one that wrote or tried to) makes us start over with another.
      const foreign = await bindings.bindClientIds(room, ServerClientIdOwner, [copy.clientID])
      if (foreign.length === 0) {
        return update
      }
    } finally {
      copy.destroy()
    }
  }
  throw new Error(`no free client id for a server change in ${MaxIdAttempts} attempts`)
}
