/**
 * Last known replies of GET requests, per user, in localStorage, so a case
 * page reloaded offline still knows who is logged in, the cases and each
 * opened case's rooms. Deleted at logout.
 */
import { removeStorageKeys } from './storageKeys.js'

const lastUserKey = 'fallbuch:lastUser'

function replyKey(userId: string, path: string): string {
  return `fallbuch:api:${userId}:${path}`
}

/** Stores the last reply of a GET for a user. */
export function storeReply(userId: string, path: string, reply: unknown): void {
  try {
    localStorage.setItem(replyKey(userId, path), JSON.stringify(reply))
  } catch {
    // Quota exceeded: the app still works online.
  }
}

/** Whether a reply of a GET is stored for a user (without reading it). */
export function hasReply(userId: string, path: string): boolean {
  return localStorage.getItem(replyKey(userId, path)) !== null
}

/** The last stored reply of a GET for a user, or undefined. */
export function readReply(userId: string, path: string): unknown {
  const text = localStorage.getItem(replyKey(userId, path))
  if (text === null) {
    return undefined
  }
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}

/** Remembers who was logged in last, for `GET /api/me` while offline. */
export function setLastUserId(userId: string | null): void {
  if (userId === null) {
    localStorage.removeItem(lastUserKey)
  } else {
    localStorage.setItem(lastUserKey, userId)
  }
}

export function lastUserId(): string | null {
  return localStorage.getItem(lastUserKey)
}

/**
 * Deletes the cached replies about one case (its detail, grants, …) and
 * drops it from the cached case list.
 */
export function forgetCachedReplies(userId: string, caseId: string): void {
  const prefix = replyKey(userId, `/api/cases/${encodeURIComponent(caseId)}`)
  removeStorageKeys((key) => key === prefix || key.startsWith(`${prefix}/`) || key.startsWith(`${prefix}?`))
  const list = readReply(userId, '/api/cases') as { cases?: unknown } | undefined
  if (list !== undefined && Array.isArray(list.cases)) {
    const cases = list.cases.filter((item: unknown) => (item as { id?: unknown } | null)?.id !== caseId)
    if (cases.length !== list.cases.length) {
      storeReply(userId, '/api/cases', { ...list, cases })
    }
  }
}

/** Deletes every cached reply of a user. */
export function clearUserReplies(userId: string): void {
  const prefix = `fallbuch:api:${userId}:`
  removeStorageKeys((key) => key.startsWith(prefix))
  if (lastUserId() === userId) {
    setLastUserId(null)
  }
}
