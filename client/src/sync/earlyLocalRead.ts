/**
 * Reads the local copies of the case in the page's address while the app
 * starts (issue 21, point 3: the offline open). A case page's rooms open
 * only once React has rendered the case screen; a trace of the bench's
 * offline reload had the notes' database opened then and its 3.6 MB read
 * back 58 ms later, with the main thread idle meanwhile. Started from
 * main.tsx, the read runs while the modules evaluate and React renders, and
 * {@link takeEarlyRead} hands the open database and its records to the
 * room (localRecovery.ts loadLocalCopy), which applies them as before.
 *
 * Only rooms this device remembers having opened are read (no empty
 * database is created for a room the user never had). A read nobody takes
 * is closed after {@link UnclaimedCloseMs}, and at once when another tab
 * wants the database deleted (a purge must not wait for it).
 */
import { formatRoomName } from '../../../shared/src/protocol/roomName.js'
import { isRoomRemembered, roomDatabaseName } from './localData.js'
import { openDatabase, readAll, type StoredRecords } from './roomDatabase.js'

/** An early read that nobody took by then is closed (the room's role may not open it). */
export const UnclaimedCloseMs = 10_000

/** A database opened and read early. */
export interface EarlyRead {
  db: IDBDatabase
  records: StoredRecords
}

/** An early read until it is taken; `closed` once another tab's delete closed its database. */
type PendingRead = EarlyRead & { closed: boolean }

const reads = new Map<string, Promise<PendingRead | null>>()

/** The case id of a case screen's address (`/cases/<id>`, any query), or null. */
export function caseIdOfPath(pathname: string): string | null {
  const match = /^\/cases\/([^/]+)\/?$/.exec(pathname)
  if (match === null) {
    return null
  }
  try {
    return decodeURIComponent(match[1]!)
  } catch {
    return null
  }
}

async function readEarly(name: string): Promise<PendingRead | null> {
  let db: IDBDatabase
  try {
    db = await openDatabase(name)
  } catch {
    // The room reports what fails when it opens the database itself.
    return null
  }
  const early: PendingRead = { db, records: { keys: [], values: [] }, closed: false }
  db.onversionchange = () => {
    early.closed = true
    db.close()
  }
  try {
    early.records = await readAll(db)
    return early
  } catch {
    db.close()
    return null
  }
}

/**
 * Starts reading the plan's and the notes' local copies of the case at
 * `pathname` for `userId` (the last user logged in on this device); does
 * nothing on other pages, without a user, or without IndexedDB.
 */
export function readCaseCopiesEarly(pathname: string, userId: string | null): void {
  const caseId = caseIdOfPath(pathname)
  if (caseId === null || userId === null || typeof indexedDB === 'undefined') {
    return
  }
  for (const kind of ['notes', 'plan'] as const) {
    const roomName = formatRoomName({ kind, caseId })
    const name = roomDatabaseName(userId, roomName)
    if (!isRoomRemembered(userId, roomName) || reads.has(name)) {
      continue
    }
    const read = readEarly(name)
    reads.set(name, read)
    setTimeout(() => {
      if (reads.get(name) === read) {
        reads.delete(name)
        void read.then((early) => early?.db.close())
      }
    }, UnclaimedCloseMs)
  }
}

/**
 * The early read of database `name`, once (null when there was none or it
 * failed): the caller owns the open database from then on.
 */
export async function takeEarlyRead(name: string): Promise<EarlyRead | null> {
  const read = reads.get(name)
  if (read === undefined) {
    return null
  }
  reads.delete(name)
  const early = await read
  if (early === null || early.closed) {
    // Closed for another tab's delete: the room opens the database itself.
    return null
  }
  // The room decides what happens on a delete from another tab, as for a database it opened itself.
  early.db.onversionchange = null
  return { db: early.db, records: early.records }
}
