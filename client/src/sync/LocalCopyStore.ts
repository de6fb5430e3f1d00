/**
 * Writes a room's local copy (IndexedDB, y-indexeddb's layout) as a snapshot
 * plus a short tail (issue 21, point 3). y-indexeddb replayed every stored
 * update on open, wrote the whole state again on every open and stored each
 * keystroke in its own transaction; a case with a year of edits took seconds
 * to open offline. Here the updates of one short window go into one record,
 * and once the tail grows the copy is rewritten as one snapshot, in one
 * transaction (clear + add commit together or not at all), when the page is
 * idle rather than while the user waits.
 */
import * as Y from 'yjs'
import { asUpdate } from './localRecovery.js'
import { UpdatesStore } from './roomDatabase.js'

/** Updates arriving within this window are written as one record. */
const BatchWindowMs = 25
/** Records beyond the snapshot before the copy is compacted. */
export const TailLimit = 100
/** Compaction waits this long after the tail grew past the limit (typing keeps going meanwhile). */
const CompactDelayMs = 2_000

export interface LocalCopyStoreOptions {
  /** Keys of the records the database held when it was opened, all applied to the document (a long tail is compacted soon). */
  storedKeys: readonly IDBValidKey[]
  /** A write failed (a full device: QuotaExceededError). */
  onWriteError: (error: unknown) => void
  /** Origin of the updates compaction reads from other tabs' records into the document (not stored again). */
  origin?: unknown
  /** Test hook: the window that batches writes. */
  batchWindowMs?: number
  /** Test hook: the delay before a compaction. */
  compactDelayMs?: number
}

export class LocalCopyStore {
  private pending: Uint8Array[] = []
  private batchTimer: ReturnType<typeof setTimeout> | null = null
  private compactTimer: ReturnType<typeof setTimeout> | null = null
  private records: number
  /**
   * Keys of the records whose content the document holds: read at the open
   * or written here. Compaction reads back only the others (another tab's).
   */
  private readonly held: Set<IDBValidKey>
  private closed = false
  private lastWrite: Promise<void> = Promise.resolve()

  constructor(
    private readonly db: IDBDatabase,
    private readonly doc: Y.Doc,
    private readonly options: LocalCopyStoreOptions,
  ) {
    this.records = options.storedKeys.length
    this.held = new Set(options.storedKeys)
    if (this.records > 1) {
      // A tail left from earlier sessions (or from y-indexeddb) is merged, but not during the open.
      this.scheduleCompaction()
    }
    // A closing tab writes what is still batched.
    globalThis.addEventListener?.('pagehide', this.flush)
  }

  /** Records in the database now (snapshot and tail). */
  get storedRecords(): number {
    return this.records
  }

  /** Queues an update; the window's updates are written together. */
  store(update: Uint8Array): void {
    if (this.closed) {
      return
    }
    this.pending.push(update)
    this.batchTimer ??= setTimeout(this.flush, this.options.batchWindowMs ?? BatchWindowMs)
  }

  /** Writes the queued updates as one record now. */
  readonly flush = (): void => {
    if (this.batchTimer !== null) {
      clearTimeout(this.batchTimer)
      this.batchTimer = null
    }
    if (this.closed || this.pending.length === 0) {
      return
    }
    const batch = this.pending.length === 1 ? this.pending[0]! : Y.mergeUpdates(this.pending)
    this.pending = []
    this.write((store) => {
      const added = store.add(batch)
      added.onsuccess = () => this.held.add(added.result)
    })
    this.records += 1
    if (this.records > TailLimit) {
      this.scheduleCompaction()
    }
  }

  /**
   * Rewrites the copy as one snapshot of the document, atomically. The
   * records are read first and applied to the document inside the same
   * transaction: another tab of the same user may have written changes this
   * document does not hold yet (offline), and the snapshot must keep them.
   * Only those are applied: merging and applying the whole copy again (the
   * document holds the rest) took a 50-60 ms task in the typing trace of
   * the bench's 200-page note, and a key pressed meanwhile waited for it.
   */
  readonly compact = (): void => {
    if (this.compactTimer !== null) {
      clearTimeout(this.compactTimer)
      this.compactTimer = null
    }
    if (this.closed) {
      return
    }
    // The snapshot holds every queued update too; they need no record of their own.
    this.pending = []
    if (this.batchTimer !== null) {
      clearTimeout(this.batchTimer)
      this.batchTimer = null
    }
    this.write((store) => {
      const keys = store.getAllKeys()
      const read = store.getAll()
      read.onsuccess = () => {
        const unheld = (read.result as unknown[]).filter((_value, i) => !this.held.has(keys.result[i]!))
        if (unheld.length > 0) {
          this.applyRecords(unheld)
        }
        store.clear()
        this.held.clear()
        const added = store.add(Y.encodeStateAsUpdate(this.doc))
        added.onsuccess = () => this.held.add(added.result)
      }
    })
    this.records = 1
  }

  /** Applies stored records to the document: merged, or one by one when that throws (a bad record costs only itself). */
  private applyRecords(values: readonly unknown[]): void {
    try {
      Y.applyUpdate(this.doc, Y.mergeUpdates(values.map(asUpdate)), this.options.origin)
      return
    } catch {
      // Record by record below.
    }
    for (const value of values) {
      try {
        Y.applyUpdate(this.doc, asUpdate(value), this.options.origin)
      } catch {
        // Refused at load already; the snapshot keeps what the document holds.
      }
    }
  }

  /** Resolves once every write issued so far has committed (or failed). */
  settled(): Promise<void> {
    return this.lastWrite
  }

  /** Writes what is queued, then closes the database once its writes are done. */
  async close(): Promise<void> {
    if (this.closed) {
      return this.lastWrite
    }
    this.flush()
    this.closed = true
    if (this.compactTimer !== null) {
      clearTimeout(this.compactTimer)
      this.compactTimer = null
    }
    globalThis.removeEventListener?.('pagehide', this.flush)
    await this.lastWrite
    this.db.close()
  }

  private scheduleCompaction(): void {
    this.compactTimer ??= setTimeout(this.compact, this.options.compactDelayMs ?? CompactDelayMs)
  }

  private write(fill: (store: IDBObjectStore) => void): void {
    let transaction: IDBTransaction
    try {
      transaction = this.db.transaction([UpdatesStore], 'readwrite')
      fill(transaction.objectStore(UpdatesStore))
    } catch (error) {
      this.options.onWriteError(error)
      return
    }
    // Transactions on one store commit in the order they were created.
    this.lastWrite = new Promise((resolve) => {
      transaction.oncomplete = () => resolve()
      transaction.onabort = () => {
        this.options.onWriteError(transaction.error)
        resolve()
      }
    })
  }
}
