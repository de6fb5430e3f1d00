// @vitest-environment jsdom
import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { LocalCopyStore, TailLimit } from './LocalCopyStore.js'
import { loadLocalCopy } from './localRecovery.js'

let counter = 0
function freshName(): string {
  counter++
  return `fallbuch-localcopy-test-${counter}`
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result)
    req.onerror = () => reject(req.error)
  })
}

/** How many records the database holds (read with a connection of its own). */
async function recordCount(name: string): Promise<number> {
  const db = await request(indexedDB.open(name))
  try {
    return await request(db.transaction(['updates'], 'readonly').objectStore('updates').count())
  } finally {
    db.close()
  }
}

/** Opens the copy as a room does: read into `doc`, then a store that writes the doc's updates. */
async function openStore(name: string, doc: Y.Doc, timing: { batchWindowMs?: number; compactDelayMs?: number } = {}): Promise<LocalCopyStore> {
  const loaded = await loadLocalCopy(name, (update) => Y.applyUpdate(doc, update, 'local'), { keepOpen: true })
  expect(loaded.problem).toBeNull()
  const store = new LocalCopyStore(loaded.db!, doc, { storedKeys: loaded.keys ?? [], origin: 'local', onWriteError: (error) => expect.fail(String(error)), ...timing })
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== 'local') {
      store.store(update)
    }
  })
  return store
}

/** Reads the copy into a new document, as the next session would. */
async function reopen(name: string): Promise<Y.Doc> {
  const doc = new Y.Doc()
  const loaded = await loadLocalCopy(name, (update) => Y.applyUpdate(doc, update))
  expect(loaded.problem).toBeNull()
  return doc
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

describe('LocalCopyStore', () => {
  it('writes the keystrokes of one short window as one record, and nothing is lost', async () => {
    const name = freshName()
    const doc = new Y.Doc()
    const store = await openStore(name, doc, { batchWindowMs: 20 })
    const text = doc.getText('note')
    for (const char of 'Arbeitsplatz') {
      text.insert(text.length, char)
    }
    await sleep(60)
    await store.settled()
    expect(await recordCount(name)).toBe(1)
    await store.close()
    expect((await reopen(name)).getText('note').toString()).toBe('Arbeitsplatz')
  })

  it('closing writes what is still batched', async () => {
    const name = freshName()
    const doc = new Y.Doc()
    const store = await openStore(name, doc, { batchWindowMs: 60_000 })
    doc.getText('note').insert(0, 'Pause um 12 Uhr')
    await store.close()
    expect((await reopen(name)).getText('note').toString()).toBe('Pause um 12 Uhr')
  })

  it('compacts a long tail into one snapshot that holds the whole document', async () => {
    const name = freshName()
    const doc = new Y.Doc()
    const store = await openStore(name, doc, { batchWindowMs: 60_000, compactDelayMs: 30 })
    const text = doc.getText('note')
    for (let i = 0; i < TailLimit + 20; i++) {
      text.insert(text.length, `${i} `)
      // One record per change (the window is closed by hand).
      store.flush()
    }
    expect(store.storedRecords).toBe(TailLimit + 20)
    text.delete(0, 2)
    store.flush()
    await sleep(120)
    await store.settled()
    expect(await recordCount(name)).toBe(1)
    const expected = text.toString()
    await store.close()
    expect((await reopen(name)).getText('note').toString()).toBe(expected)
  })

  it('a copy opened with a tail from earlier sessions is compacted after the open, not during it', async () => {
    const name = freshName()
    const first = new Y.Doc()
    const writer = await openStore(name, first, { batchWindowMs: 0, compactDelayMs: 60_000 })
    for (let i = 0; i < 10; i++) {
      first.getText('note').insert(0, 'x')
      await sleep(1)
    }
    await writer.close()
    expect(await recordCount(name)).toBeGreaterThan(1)

    const doc = new Y.Doc()
    const store = await openStore(name, doc, { compactDelayMs: 30 })
    expect(doc.getText('note').toString()).toBe('x'.repeat(10))
    expect(store.storedRecords).toBeGreaterThan(1)
    await sleep(100)
    await store.settled()
    expect(await recordCount(name)).toBe(1)
    await store.close()
    expect((await reopen(name)).getText('note').toString()).toBe('x'.repeat(10))
  })

  it('compacting does not read back into the document what it holds already (its own records, the copy it opened)', async () => {
    const name = freshName()
    const earlier = new Y.Doc()
    const writer = await openStore(name, earlier, { batchWindowMs: 0, compactDelayMs: 60_000 })
    earlier.getText('note').insert(0, 'Erstgespräch geführt. ')
    await sleep(5)
    await writer.close()

    const doc = new Y.Doc()
    const store = await openStore(name, doc, { batchWindowMs: 60_000, compactDelayMs: 60_000 })
    const readBack: unknown[] = []
    doc.on('beforeTransaction', (transaction: Y.Transaction) => {
      if (transaction.origin === 'local') {
        readBack.push(transaction.origin)
      }
    })
    for (const word of ['Arbeitsplatz ', 'besichtigt. ']) {
      doc.getText('note').insert(doc.getText('note').length, word)
      store.flush()
    }
    for (let round = 0; round < 2; round++) {
      store.compact()
      await store.settled()
      expect(await recordCount(name)).toBe(1)
    }
    // Neither the record of the open, nor the two written here, nor the first compaction's snapshot.
    expect(readBack).toEqual([])
    await store.close()
    expect((await reopen(name)).getText('note').toString()).toBe('Erstgespräch geführt. Arbeitsplatz besichtigt. ')
  })

  it("compacting keeps what another tab of the same user wrote meanwhile (offline edits in two tabs)", async () => {
    const name = freshName()
    const first = new Y.Doc()
    const second = new Y.Doc()
    const tabA = await openStore(name, first, { batchWindowMs: 0, compactDelayMs: 60_000 })
    const tabB = await openStore(name, second, { batchWindowMs: 0, compactDelayMs: 60_000 })
    first.getText('note').insert(0, 'Tab A. ')
    second.getText('other').insert(0, 'Tab B.')
    await sleep(20)
    await tabA.settled()
    await tabB.settled()
    // Tab A never heard of tab B's change (no server in between); its compaction must not drop it.
    expect(first.getText('other').toString()).toBe('')
    let readBack = 0
    first.on('beforeTransaction', (transaction: Y.Transaction) => {
      readBack += transaction.origin === 'local' ? 1 : 0
    })
    tabA.compact()
    await tabA.settled()
    expect(await recordCount(name)).toBe(1)
    expect(first.getText('other').toString()).toBe('Tab B.')
    // Tab B's record only, in one transaction.
    expect(readBack).toBe(1)
    await tabA.close()
    await tabB.close()
    const reopened = await reopen(name)
    expect(reopened.getText('note').toString()).toBe('Tab A. ')
    expect(reopened.getText('other').toString()).toBe('Tab B.')
  })

  it('loading still keeps every good record when one is corrupt (merged load falls back record by record)', async () => {
    const name = freshName()
    const source = new Y.Doc()
    const updates: Uint8Array[] = []
    source.on('update', (update: Uint8Array) => updates.push(update))
    source.getText('note').insert(0, 'Termin ')
    source.getText('note').insert(7, 'bestätigt')
    const open = indexedDB.open(name)
    open.onupgradeneeded = () => {
      open.result.createObjectStore('updates', { autoIncrement: true })
      open.result.createObjectStore('custom')
    }
    const db = await request(open)
    const transaction = db.transaction(['updates'], 'readwrite')
    transaction.objectStore('updates').add(updates[0])
    transaction.objectStore('updates').add(new Uint8Array([255, 255, 255, 1]))
    transaction.objectStore('updates').add(updates[1])
    await new Promise<void>((resolve) => {
      transaction.oncomplete = () => resolve()
    })
    db.close()

    const doc = new Y.Doc()
    const loaded = await loadLocalCopy(name, (update) => Y.applyUpdate(doc, update))
    expect(loaded.problem).toBe('corrupt')
    expect(loaded.applied).toBe(2)
    expect(doc.getText('note').toString()).toBe('Termin bestätigt')
  })
})
