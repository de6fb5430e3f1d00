/**
 * The data of the caseload page: cached summaries at once, then the server's
 * summaries of every coached case (one request), then the local copies read
 * a few at a time (no socket) for what the server did not answer (offline),
 * then the cases kept "available offline" synced in the background a few at
 * a time, paused while offline.
 */
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react'
import type { CaseSummary } from '../../../shared/src/api/cases.js'
import { isClosed } from '../../../shared/src/process/caseSummary.js'
import { api } from '../api/endpoints.js'
import { BackgroundSync, type BackgroundSyncStatus, type SyncResult } from './BackgroundSync.js'
import { openCaseSyncSession } from './caseSyncSession.js'
import { forEachLimited } from './limited.js'
import { readLocalSummary } from './localSummaries.js'
import {
  isOfflineAvailable,
  pruneSummaryCache,
  readOfflineChoices,
  readSummaryCache,
  updateCachedCase,
  writeOfflineChoice,
  type SummaryCache,
} from './summaryStore.js'

/** Local databases read at the same time. */
const LocalReadConcurrency = 4
/** Cases synced at the same time in the background (2 rooms, so 2 sockets, each). */
export const BackgroundSyncConcurrency = 2
/** A case synced this recently is not synced again when the page opens. */
export const ResyncAfterMs = 5 * 60_000

export interface CaseloadData {
  cache: SummaryCache
  /** The local copies are still being read. */
  readingLocal: boolean
  offlineChoices: Record<string, boolean>
  setOfflineAvailable: (caseId: string, available: boolean) => void
  sync: BackgroundSyncStatus | null
}

function isOnline(): boolean {
  return typeof navigator === 'undefined' || navigator.onLine !== false
}

const noSubscription = (): (() => void) => () => {}

/** `cases`: the coach's cases (null while the list loads). */
export function useCaseload(userId: string, userName: string, cases: readonly CaseSummary[] | null, onSessionEnded: () => void): CaseloadData {
  const [cache, setCache] = useState<SummaryCache>(() => readSummaryCache(userId))
  const [offlineChoices, setOfflineChoices] = useState<Record<string, boolean>>(() => readOfflineChoices(userId))
  const [readingLocal, setReadingLocal] = useState(false)
  const [sync, setSync] = useState<BackgroundSync | null>(null)
  const sessionEndedRef = useRef(onSessionEnded)
  useEffect(() => {
    sessionEndedRef.current = onSessionEnded
  }, [onSessionEnded])

  const [cacheFor, setCacheFor] = useState(userId)
  if (cacheFor !== userId) {
    setCacheFor(userId)
    setCache(readSummaryCache(userId))
    setOfflineChoices(readOfflineChoices(userId))
  }

  useEffect(() => {
    if (cases === null) {
      return undefined
    }
    let cancelled = false
    const byId = new Map(cases.map((item) => [item.id, item]))
    /** Cases whose last attempt timed out or failed: tried again when the browser comes back online. */
    const retry = new Set<string>()
    pruneSummaryCache(userId, new Set(byId.keys()))

    const background = new BackgroundSync({
      open: (caseId) => {
        const item = byId.get(caseId)
        if (!item) {
          throw new Error(`unknown case ${caseId}`)
        }
        return openCaseSyncSession(item, { id: userId, name: userName }, () => sessionEndedRef.current())
      },
      concurrency: BackgroundSyncConcurrency,
      online: isOnline(),
      onResult: (result: SyncResult) => {
        if (cancelled) {
          return
        }
        if (result.outcome === 'synced') {
          retry.delete(result.caseId)
        } else {
          retry.add(result.caseId)
        }
        const change: Parameters<typeof updateCachedCase>[2] = {}
        if (result.summary !== null) {
          change.summary = result.summary
        }
        if (result.syncedAt !== undefined) {
          change.lastSyncedAt = result.syncedAt
        }
        setCache(updateCachedCase(userId, result.caseId, change))
      },
    })
    const goOnline = (): void => {
      background.setOnline(true)
      const choices = readOfflineChoices(userId)
      const current = readSummaryCache(userId)
      background.enqueue([...retry].filter((caseId) => isOfflineAvailable(choices, caseId, current[caseId]?.summary ? isClosed(current[caseId].summary) : false)))
    }
    const goOffline = (): void => background.setOnline(false)
    window.addEventListener('online', goOnline)
    window.addEventListener('offline', goOffline)
    setSync(background)

    const run = async (): Promise<void> => {
      setReadingLocal(true)
      const answered = await readServerSummaries(userId, byId, () => cancelled)
      if (!cancelled && answered.size > 0) {
        setCache(readSummaryCache(userId))
      }
      await forEachLimited(
        cases.filter((item) => !answered.has(item.id)),
        LocalReadConcurrency,
        async (item) => {
          const summary = await readLocalSummary(userId, item.id)
          const known = readSummaryCache(userId)[item.id]?.summary
          // An unreadable local copy never hides a summary known before (from the server or an earlier read).
          if (!cancelled && summary !== undefined && !(summary === null && known)) {
            setCache(updateCachedCase(userId, item.id, { summary }))
          }
        },
        () => cancelled,
      )
      if (cancelled) {
        return
      }
      setReadingLocal(false)
      // Oldest sync first; never-synced cases before all others.
      const current = readSummaryCache(userId)
      const choices = readOfflineChoices(userId)
      const now = Date.now()
      const due = cases
        .filter((item) => {
          const entry = current[item.id]
          const closed = entry?.summary ? isClosed(entry.summary) : false
          const last = entry?.lastSyncedAt ? Date.parse(entry.lastSyncedAt) : 0
          return isOfflineAvailable(choices, item.id, closed) && now - last >= ResyncAfterMs
        })
        .sort((a, b) => (current[a.id]?.lastSyncedAt ?? '').localeCompare(current[b.id]?.lastSyncedAt ?? ''))
      background.enqueue(due.map((item) => item.id))
    }
    void run()

    return () => {
      cancelled = true
      window.removeEventListener('online', goOnline)
      window.removeEventListener('offline', goOffline)
      background.stop()
      setSync(null)
    }
  }, [cases, userId, userName])

  const setOfflineAvailable = useCallback(
    (caseId: string, available: boolean) => {
      setOfflineChoices(writeOfflineChoice(userId, caseId, available))
      if (available) {
        sync?.enqueue([caseId])
      } else {
        sync?.remove(caseId)
      }
    },
    [userId, sync],
  )

  const status = useSyncExternalStore(sync ? sync.subscribe : noSubscription, () => sync?.status ?? null)
  return { cache, readingLocal, offlineChoices, setOfflineAvailable, sync: status }
}

/**
 * Stores the server's summaries of the listed cases in the cache; returns the
 * ids the server answered (none while offline or on an error: the local
 * copies and the cache stand in).
 */
async function readServerSummaries(userId: string, listed: ReadonlyMap<string, CaseSummary>, cancelled: () => boolean): Promise<Set<string>> {
  const answered = new Set<string>()
  if (!isOnline()) {
    return answered
  }
  try {
    const { data } = await api.caseloadSummaries()
    for (const entry of data.summaries) {
      if (cancelled() || !listed.has(entry.caseId)) {
        continue
      }
      updateCachedCase(userId, entry.caseId, { coaches: entry.coaches, ...(entry.summary ? { summary: entry.summary, fromServer: true } : {}) })
      if (entry.summary) {
        answered.add(entry.caseId)
      }
    }
  } catch {
    // Offline or an older server: the local copies and the cache stand in.
  }
  return answered
}
