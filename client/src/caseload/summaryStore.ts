/**
 * The caseload page's small per-user caches in localStorage, so the list
 * renders at once before any local copy is opened: per case the last read
 * summary and when the case was last synced with the server, and the
 * user's "offline verfügbar" choices. Deleted at logout (sync/localData.ts).
 */
import { z } from 'zod'
import { CaseDocSummary } from '../../../shared/src/process/caseSummary.js'

export function summaryCacheKey(userId: string): string {
  return `fallbuch:caseload:${userId}`
}

export function offlineChoicesKey(userId: string): string {
  return `fallbuch:offline:${userId}`
}

/** What is known of one case without opening it. */
export const CachedCase = z.object({
  /** Null: read, but no readable local copy (not synced to this device yet). */
  summary: CaseDocSummary.nullable(),
  /** ISO time of the last completed sync with the server, if any. */
  lastSyncedAt: z.iso.datetime().optional(),
  /** Coaches of the case as the server last said (2: a tandem, weighed half). */
  coaches: z.number().int().min(0).optional(),
  /** The summary came from the server (GET /api/caseload/summaries); a local read does not replace it. */
  fromServer: z.boolean().optional(),
})
export type CachedCase = z.infer<typeof CachedCase>

export type SummaryCache = Record<string, CachedCase>

function readJson(key: string): unknown {
  try {
    return JSON.parse(localStorage.getItem(key) ?? 'null') as unknown
  } catch {
    return null
  }
}

function writeJson(key: string, value: unknown): void {
  try {
    localStorage.setItem(key, JSON.stringify(value))
  } catch {
    // Quota exceeded: the list still works, it just renders less at once.
  }
}

/** The cached summaries of a user; entries that do not validate are dropped. */
export function readSummaryCache(userId: string): SummaryCache {
  const raw = readJson(summaryCacheKey(userId))
  const cache: SummaryCache = {}
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return cache
  }
  for (const [caseId, entry] of Object.entries(raw as Record<string, unknown>)) {
    const parsed = CachedCase.safeParse(entry)
    if (parsed.success) {
      cache[caseId] = parsed.data
    }
  }
  return cache
}

/**
 * Updates one case's entry (read-modify-write of the whole map, so two
 * writers in one tab never lose each other's cases). Returns the new cache.
 */
export function updateCachedCase(userId: string, caseId: string, change: Partial<CachedCase>): SummaryCache {
  const cache = readSummaryCache(userId)
  const previous: CachedCase = cache[caseId] ?? { summary: null }
  const next: CachedCase = { ...previous, ...change }
  if (next.lastSyncedAt === undefined) {
    delete next.lastSyncedAt
  }
  cache[caseId] = next
  writeJson(summaryCacheKey(userId), cache)
  return cache
}

/** Keeps only the given cases (cases the user lost access to are forgotten). */
export function pruneSummaryCache(userId: string, keep: ReadonlySet<string>): void {
  const cache = readSummaryCache(userId)
  const kept = Object.fromEntries(Object.entries(cache).filter(([caseId]) => keep.has(caseId)))
  if (Object.keys(kept).length !== Object.keys(cache).length) {
    writeJson(summaryCacheKey(userId), kept)
  }
}

/** Forgets one case's cached summary and offline choice (an erased case). */
export function forgetCachedCase(userId: string, caseId: string): void {
  const cache = readSummaryCache(userId)
  if (caseId in cache) {
    delete cache[caseId]
    writeJson(summaryCacheKey(userId), cache)
  }
  const choices = readOfflineChoices(userId)
  if (caseId in choices) {
    delete choices[caseId]
    writeJson(offlineChoicesKey(userId), choices)
  }
}

/** The user's explicit "offline verfügbar" choices (case id -> on/off); absent = the default. */
export function readOfflineChoices(userId: string): Record<string, boolean> {
  const raw = readJson(offlineChoicesKey(userId))
  const parsed = z.record(z.string(), z.boolean()).safeParse(raw)
  return parsed.success ? parsed.data : {}
}

export function writeOfflineChoice(userId: string, caseId: string, available: boolean): Record<string, boolean> {
  const choices = { ...readOfflineChoices(userId), [caseId]: available }
  writeJson(offlineChoicesKey(userId), choices)
  return choices
}

/** Whether a case is kept available offline: the user's choice, else yes for an active (not closed) case. */
export function isOfflineAvailable(choices: Readonly<Record<string, boolean>>, caseId: string, closed: boolean): boolean {
  return choices[caseId] ?? !closed
}
