/**
 * Edits as tokens (`<17>`) in a Yjs text, for the storage property tests:
 * an update that inserts some, and the tokens a list of stored updates
 * holds. Each edit comes from a client of its own, so any merge or
 * compaction keeps them all.
 */
import * as Y from 'yjs'

/** An update that inserts `edits` into the text `t`. */
export function editsUpdate(edits: readonly string[]): Uint8Array {
  return Y.mergeUpdates(
    edits.map((edit) => {
      const doc = new Y.Doc()
      doc.getText('t').insert(0, edit)
      return Y.encodeStateAsUpdate(doc)
    }),
  )
}

/** The edits that `updates`, applied together, hold, sorted. */
export function editsOf(updates: readonly Uint8Array[]): string[] {
  const doc = new Y.Doc()
  for (const update of updates) {
    Y.applyUpdate(doc, update)
  }
  return (doc.getText('t').toString().match(/<\d+>/g) ?? []).sort()
}
