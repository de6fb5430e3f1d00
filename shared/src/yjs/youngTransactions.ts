/**
 * Yjs transactions that die young (issue 21).
 *
 * Yjs lists a document's unfinished transactions in `doc._transactionCleanups`
 * and puts a fresh empty array there after each cleanup. A document written
 * about once a second (a room of the provider's day, a coach's note between
 * keys) keeps that array for several of V8's young-generation collections,
 * so it has moved to the old generation by the time the next transaction is
 * pushed into it. The young-generation collector counts every pointer from
 * the old generation as live until the next full collection, even one from
 * an array that is garbage by then: the transaction, its maps and sets and
 * what they reach survived its collections and were copied to the old
 * generation, where only full collections free them. In a heap profile of
 * the provider's day, 70 % of what survived the young collections came from
 * the rooms' transactions, and the old generation grew by 4.5 MB a second.
 *
 * Putting a new array there right before a transaction starts makes the
 * list as young as the transaction. Only done when no transaction is open
 * and none waits for its cleanup, so Yjs never loses one it listed.
 */
import * as Y from 'yjs'

/** Gives `doc` a young list of transactions when it has no transaction open or waiting. */
function renewTransactionList(doc: Y.Doc): void {
  if (doc._transaction === null && doc._transactionCleanups.length === 0) {
    doc._transactionCleanups = []
  }
}

/** `doc.transact(fn, origin)` whose transaction is not kept alive by an old list (see the file comment). */
export function transactYoung<T>(doc: Y.Doc, fn: (transaction: Y.Transaction) => T, origin?: unknown): T {
  renewTransactionList(doc)
  return doc.transact(fn, origin)
}

/** `Y.applyUpdate(doc, update, origin)` whose transaction is not kept alive by an old list (see the file comment). */
export function applyUpdateYoung(doc: Y.Doc, update: Uint8Array, origin?: unknown): void {
  renewTransactionList(doc)
  Y.applyUpdate(doc, update, origin)
}
