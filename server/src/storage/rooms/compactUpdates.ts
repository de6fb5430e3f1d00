/** The merge step of compaction, shared by both storage backends (contract §6). */
import * as Y from 'yjs'

/**
 * One update holding the garbage-collected state of `updates`. A fresh gc'd
 * doc drops deleted content; Y.mergeUpdates would keep it and is quadratic
 * on long logs. An update that fails to apply is reported and skipped, so
 * one bad row does not lose the rest of the room.
 */
export function compactUpdates(updates: readonly Uint8Array[], onBadUpdate: (err: unknown) => void): Uint8Array {
  // A fixed guid: a random one is drawn for nothing (the doc is never synced).
  const doc = new Y.Doc({ gc: true, guid: 'compaction' })
  try {
    // One transaction: the merging of adjacent items runs once, not per update.
    doc.transact(() => {
      for (const update of updates) {
        try {
          Y.applyUpdate(doc, update)
        } catch (err) {
          onBadUpdate(err)
        }
      }
    })
    return Y.encodeStateAsUpdate(doc)
  } finally {
    doc.destroy()
  }
}
