/**
 * A room's local database as y-indexeddb laid it out (an 'updates' store of
 * updates under auto-incremented keys, a 'custom' store), so copies written
 * by either stay readable: opening it and reading its records.
 */

/** y-indexeddb's object stores. */
export const UpdatesStore = 'updates'
export const CustomStore = 'custom'

/** Opens (or creates, in y-indexeddb's layout) a room's database. */
export function openDatabase(name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    let request: IDBOpenDBRequest
    try {
      request = indexedDB.open(name)
    } catch (error) {
      reject(error)
      return
    }
    // Same layout as y-indexeddb creates, so copies written by either stay readable.
    request.onupgradeneeded = () => {
      const db = request.result
      if (!db.objectStoreNames.contains(UpdatesStore)) {
        db.createObjectStore(UpdatesStore, { autoIncrement: true })
      }
      if (!db.objectStoreNames.contains(CustomStore)) {
        db.createObjectStore(CustomStore)
      }
    }
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(request.error ?? new Error('indexedDB.open failed'))
    request.onblocked = () => reject(new Error('indexedDB.open blocked'))
  })
}

/** A room database's records: keys and values, both in key order. */
export interface StoredRecords {
  keys: IDBValidKey[]
  values: unknown[]
}

/** Every record of the database in one read-only transaction. */
export function readAll(db: IDBDatabase): Promise<StoredRecords> {
  return new Promise((resolve, reject) => {
    // One transaction: the keys and the values of the same records, both in key order.
    const store = db.transaction([UpdatesStore], 'readonly').objectStore(UpdatesStore)
    const keys = store.getAllKeys()
    const values = store.getAll()
    values.onsuccess = () => resolve({ keys: keys.result, values: values.result as unknown[] })
    keys.onerror = () => reject(keys.error ?? new Error('getAllKeys failed'))
    values.onerror = () => reject(values.error ?? new Error('getAll failed'))
  })
}

