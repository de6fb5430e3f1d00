/**
 * Names and cleanup of the data a user leaves in the browser: one IndexedDB
 * database per room, the "unacknowledged changes" flags, and the list of
 * rooms opened (so logout can delete them where indexedDB.databases() is missing),
 * and the exports kept when a broken local copy was replaced from the server.
 */
import { removeStorageKeys } from '../api/storageKeys.js'
import { offlineChoicesKey, summaryCacheKey } from '../caseload/summaryStore.js'

/** The IndexedDB database of one room for one user. */
export function roomDatabaseName(userId: string, roomName: string): string {
  return `fallbuch:${userId}:${roomName}`
}

function roomsKey(userId: string): string {
  return `fallbuch:rooms:${userId}`
}

function pendingKey(userId: string, roomName: string): string {
  return `fallbuch:pending:${userId}:${roomName}`
}

/** Remembers that a room's database exists, for {@link deleteUserData}. */
export function rememberRoom(userId: string, roomName: string): void {
  const rooms = new Set(listRememberedRooms(userId))
  if (!rooms.has(roomName)) {
    rooms.add(roomName)
    localStorage.setItem(roomsKey(userId), JSON.stringify([...rooms]))
  }
}

/** Whether this device has (or had) a local copy of a room of the user. */
export function isRoomRemembered(userId: string, roomName: string): boolean {
  return listRememberedRooms(userId).includes(roomName)
}

function listRememberedRooms(userId: string): string[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(roomsKey(userId)) ?? '[]')
    return Array.isArray(parsed) ? parsed.filter((name): name is string => typeof name === 'string') : []
  } catch {
    return []
  }
}

/** Whether a room had local changes the server had not acknowledged when last seen. */
export function hadPendingChanges(userId: string, roomName: string): boolean {
  return localStorage.getItem(pendingKey(userId, roomName)) === '1'
}

/** Records whether a room has unacknowledged local changes (survives reloads). */
export function setPendingChanges(userId: string, roomName: string, pending: boolean): void {
  if (pending) {
    localStorage.setItem(pendingKey(userId, roomName), '1')
  } else {
    localStorage.removeItem(pendingKey(userId, roomName))
  }
}

/** Whether any room of the user has unacknowledged local changes. */
export function userHasPendingChanges(userId: string): boolean {
  const prefix = `fallbuch:pending:${userId}:`
  for (let i = 0; i < localStorage.length; i++) {
    if (localStorage.key(i)?.startsWith(prefix)) {
      return true
    }
  }
  return false
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(name)
    request.onsuccess = () => resolve()
    request.onerror = () => resolve()
    // Another tab holds it open: it is deleted once that tab closes it.
    request.onblocked = () => resolve()
  })
}

function forgetRoom(userId: string, roomName: string): void {
  const rooms = listRememberedRooms(userId)
  if (rooms.includes(roomName)) {
    localStorage.setItem(roomsKey(userId), JSON.stringify(rooms.filter((name) => name !== roomName)))
  }
}

/** Names of the IndexedDB databases that exist, or null where the browser cannot list them. */
async function existingDatabases(): Promise<Set<string> | null> {
  if (typeof indexedDB.databases !== 'function') {
    return null
  }
  try {
    return new Set((await indexedDB.databases()).flatMap((info) => (info.name === undefined ? [] : [info.name])))
  } catch {
    return null
  }
}

/**
 * Deletes this device's copies of rooms the user may no longer read (the
 * case lists them with access 'none'): a consent revoked, or lapsed, while
 * this device was offline or the page closed, so the 4403 that drops an open
 * room's copy never arrived. Returns the rooms whose copy was deleted.
 */
export async function dropLocalCopies(userId: string, roomNames: readonly string[]): Promise<string[]> {
  const existing = await existingDatabases()
  const dropped = roomNames.filter((room) =>
    existing === null ? isRoomRemembered(userId, room) : existing.has(roomDatabaseName(userId, room)),
  )
  await Promise.all(dropped.map((room) => deleteDatabase(roomDatabaseName(userId, room))))
  for (const room of roomNames) {
    setPendingChanges(userId, room, false)
    forgetRoom(userId, room)
  }
  return dropped
}

/**
 * Ids of the cases this device holds anything of for the user: rooms it
 * remembers, and room databases that exist (where the browser lists them).
 */
export async function localCaseIds(userId: string): Promise<string[]> {
  const prefix = roomDatabaseName(userId, '')
  const rooms = new Set(listRememberedRooms(userId))
  for (const name of (await existingDatabases()) ?? []) {
    if (name.startsWith(prefix)) {
      rooms.add(name.slice(prefix.length))
    }
  }
  const ids = new Set<string>()
  for (const room of rooms) {
    const match = /^cases\/([^/]+)\//.exec(room)
    if (match?.[1] !== undefined) {
      ids.add(match[1])
    }
  }
  return [...ids]
}

/** Deletes the copies of broken local data kept for a room (they hold content). */
export function deleteKeptExports(userId: string, roomPrefix: string): void {
  const prefix = `fallbuch:export:${userId}:${roomPrefix}`
  removeStorageKeys((key) => key.startsWith(prefix))
}

/**
 * Deletes every local copy of the user's rooms and the bookkeeping around
 * them (health data must not stay on a shared computer).
 */
export async function deleteUserData(userId: string): Promise<void> {
  const prefix = `fallbuch:${userId}:`
  const names = new Set(listRememberedRooms(userId).map((room) => roomDatabaseName(userId, room)))
  if (typeof indexedDB.databases === 'function') {
    try {
      for (const info of await indexedDB.databases()) {
        if (info.name?.startsWith(prefix)) {
          names.add(info.name)
        }
      }
    } catch {
      // Fall back to the remembered list.
    }
  }
  await Promise.all([...names].map(deleteDatabase))
  removeStorageKeys(
    (key) =>
      key.startsWith(`fallbuch:pending:${userId}:`) ||
      key.startsWith(`fallbuch:export:${userId}:`) ||
      key === roomsKey(userId) ||
      key === summaryCacheKey(userId) ||
      key === offlineChoicesKey(userId),
  )
}
