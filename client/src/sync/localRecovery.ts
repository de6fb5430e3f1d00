/**
 * A room's local database that cannot be used (corrupt, device full, older
 * layout): loading it defensively, and exporting what this device holds
 * before the copy is deleted and reloaded from the server.
 */
import * as Y from 'yjs'
import { takeEarlyRead } from './earlyLocalRead.js'
import { CustomStore, openDatabase, readAll, UpdatesStore, type StoredRecords } from './roomDatabase.js'

/** Why the local copy of a room cannot be used ('refused': the server refused a change it holds). */
export type LocalProblem = 'corrupt' | 'full' | 'schema' | 'refused'

export interface LoadedLocalCopy {
  /** The stored updates that could be read and applied. */
  applied: number
  /** Set when the copy cannot be used. */
  problem: LocalProblem | null
  error?: unknown
  /** The open database, with `keepOpen` and no problem (the caller closes it). */
  db?: IDBDatabase
  /** With `db`: the keys of the records read (all of them applied). */
  keys?: IDBValidKey[]
}

/** Whether an error (DOMException or its wrapper) says the device is full. */
export function isQuotaError(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED'
}

/** A stored value as an update; checked by tag, not instanceof: the value may come from another realm. */
export function asUpdate(value: unknown): Uint8Array {
  if (!ArrayBuffer.isView(value) || Object.prototype.toString.call(value) !== '[object Uint8Array]') {
    throw new TypeError('stored update is not a Uint8Array')
  }
  return new Uint8Array(value.buffer, value.byteOffset, value.byteLength)
}

/**
 * Applies the stored values: merged into one update and applied once (one
 * pass over the document instead of one per record, issue 21); when that
 * throws, one by one, keeping every one that applies, so a bad record costs
 * only itself.
 */
function applyStored(values: readonly unknown[], apply: (update: Uint8Array) => void): { applied: number; firstError: unknown } {
  try {
    const updates = values.map(asUpdate)
    apply(updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates))
    return { applied: updates.length, firstError: null }
  } catch {
    // Found record by record below (what was applied already is skipped by Yjs).
  }
  let applied = 0
  let firstError: unknown = null
  for (const value of values) {
    try {
      apply(asUpdate(value))
      applied++
    } catch (error) {
      firstError ??= error
    }
  }
  return { applied, firstError }
}

/**
 * Opens a room's database and applies its stored updates through `apply`:
 * a value that is not an update or throws makes the copy 'corrupt' (the
 * others are still applied), missing stores make it 'schema', an open that
 * fails makes it 'corrupt' (or 'full' on a quota error). With `keepOpen` a
 * usable database is handed back open (as `db`) for writing.
 */
export async function loadLocalCopy(name: string, apply: (update: Uint8Array) => void, { keepOpen = false } = {}): Promise<LoadedLocalCopy> {
  // Read while the app started (earlyLocalRead.ts), or now.
  const early = await takeEarlyRead(name)
  let db: IDBDatabase
  if (early !== null) {
    db = early.db
  } else {
    try {
      db = await openDatabase(name)
    } catch (error) {
      return { applied: 0, problem: isQuotaError(error) ? 'full' : 'corrupt', error }
    }
  }
  let handOver = false
  try {
    if (!db.objectStoreNames.contains(UpdatesStore) || !db.objectStoreNames.contains(CustomStore)) {
      return { applied: 0, problem: 'schema' }
    }
    let records: StoredRecords
    try {
      records = early?.records ?? (await readAll(db))
    } catch (error) {
      return { applied: 0, problem: 'corrupt', error }
    }
    const { applied, firstError } = applyStored(records.values, apply)
    if (firstError !== null) {
      return { applied, problem: 'corrupt', error: firstError }
    }
    handOver = keepOpen
    return handOver ? { applied, problem: null, db, keys: records.keys } : { applied, problem: null }
  } finally {
    if (!handOver) {
      db.close()
    }
  }
}

/**
 * Deletes a database and resolves once it is gone (or the delete failed).
 * While another connection holds it open the delete waits for that
 * connection to close, and so does the promise.
 */
export function deleteDatabaseFully(name: string): Promise<void> {
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(name)
    request.onsuccess = () => resolve()
    request.onerror = () => resolve()
  })
}

/** Deletes a database; resolves also when blocked or failing (best effort). */
export function deleteRoomDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(name)
    request.onsuccess = () => resolve()
    request.onerror = () => resolve()
    request.onblocked = () => resolve()
  })
}

/** The export's file name: `Fallbuch-<room>-lokale-Aenderungen-<date>.yjs`. */
export function exportFileName(roomName: string, now: Date = new Date()): string {
  const room = roomName.replace(/[^A-Za-z0-9_-]+/g, '-')
  return `Fallbuch-${room}-lokale-Aenderungen-${now.toISOString().slice(0, 10)}.yjs`
}

/** Where the last export of a room is kept in localStorage (base64). */
export function exportStorageKey(userId: string, roomName: string): string {
  return `fallbuch:export:${userId}:${roomName}`
}

function toBase64(bytes: Uint8Array): string {
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  }
  return btoa(binary)
}

/** Keeps a copy of an export in localStorage; false when it does not fit. */
export function keepExportCopy(userId: string, roomName: string, bytes: Uint8Array): boolean {
  try {
    localStorage.setItem(exportStorageKey(userId, roomName), toBase64(bytes))
    return true
  } catch {
    return false
  }
}

/** Offers bytes as a file download in the browser. */
export function downloadBytes(fileName: string, bytes: Uint8Array): void {
  const blob = new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' })
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.style.display = 'none'
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}
