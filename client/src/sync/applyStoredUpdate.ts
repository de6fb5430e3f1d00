/**
 * Applies a stored update (the local copy, read at open) to a document and
 * hands the document's 'update' listeners the stored bytes rather than a new
 * encoding of the transaction.
 *
 * Yjs encodes every transaction once more for its 'update' listeners. For the
 * local copy of a case with 100,000 edits that encoding was about a third of
 * the copy's load, and it produced a megabyte of garbage (issue 21, browser
 * profile of the offline open). Into an empty document the stored update
 * is exactly the change, so every listener (the local copy's writer, the
 * provider, the plan hash, the views) hears about it as before. A document
 * that holds content already (the server was first) gets Yjs' own encoding
 * of what was new: the stored copy could be far larger, and the provider
 * would send it all to the server.
 *
 * Listeners named in `unheardBy` are not told of the stored update itself
 * (the empty-document path only). CaseRoom names the provider while its
 * socket is closed: all it would do with the copy is encode it once more
 * (with the cross-tab BroadcastChannel it had then, 47 ms for the
 * 100,000-edit case of the bench). The server gets what it lacks in the
 * sync handshake when the socket opens.
 */
import * as Y from 'yjs'

/** Whether a transaction changed anything (Yjs' own test before it emits 'update'). */
function changedSomething(transaction: Y.Transaction): boolean {
  if (transaction.deleteSet.clients.size > 0) {
    return true
  }
  for (const [client, clock] of transaction.afterState) {
    if (transaction.beforeState.get(client) !== clock) {
      return true
    }
  }
  return false
}

type UpdateListener = (update: Uint8Array, origin: unknown, doc: Y.Doc, transaction: Y.Transaction) => void

/**
 * Applies `update` with `origin`. The 'update' listeners are held back only
 * for the transaction of the apply itself: a transaction an observer starts
 * meanwhile (an editor normalising what it read) is encoded and announced as
 * usual, after the stored update. Only into an empty document (see above).
 * When the apply throws (a corrupt record), whatever it changed is announced
 * as a fresh encoding, never the bad bytes.
 */
export function applyStoredUpdate(doc: Y.Doc, update: Uint8Array, origin: unknown, { unheardBy = [] }: { unheardBy?: readonly UpdateListener[] } = {}): void {
  // lib0's Observable keeps its listeners in `_observers` (public in its
  // typings); Yjs encodes a transaction only while an 'update' listener is registered.
  const observers = doc._observers
  if (!observers.has('update') || doc._transaction !== null || doc.store.clients.size > 0) {
    Y.applyUpdate(doc, update, origin)
    return
  }
  let first: Y.Transaction | null = null
  let held: Set<unknown> | undefined
  let threw = false
  const release = (): void => {
    doc.off('afterTransactionCleanup', onCleanup)
    if (held === undefined || first === null) {
      return
    }
    observers.get('update')?.forEach((listener: unknown) => held?.add(listener))
    observers.set('update', held)
    held = undefined
    if (changedSomething(first)) {
      // The document was empty before: all it holds now is what the apply changed.
      const announced = threw ? Y.encodeStateAsUpdate(doc) : update
      // As lib0's emit: over a copy of the listeners, in their order.
      for (const listener of Array.from(observers.get('update') ?? []) as UpdateListener[]) {
        if (!unheardBy.includes(listener)) {
          listener(announced, origin, doc, first)
        }
      }
    }
  }
  const onCleanup = (transaction: Y.Transaction): void => {
    if (first === null) {
      // Yjs checks for 'update' listeners right after this event.
      first = transaction
      held = observers.get('update') as Set<unknown>
      observers.delete('update')
      return
    }
    release()
  }
  doc.on('afterTransactionCleanup', onCleanup)
  try {
    Y.applyUpdate(doc, update, origin)
  } catch (error) {
    threw = true
    throw error
  } finally {
    release()
  }
}
