/**
 * Background sync of the cases a coach keeps "available offline": a queue
 * that opens at most `concurrency` cases at a time (each case = its plan and
 * notes rooms, one socket each with y-websocket), waits until they are in
 * sync with the server or a timeout, reports the summary, and closes them.
 * Offline it pauses: running cases are closed and go back to the front of
 * the queue; back online it resumes.
 */
import type { CaseDocSummary } from '../../../shared/src/process/caseSummary.js'

/** One case opened for syncing (see openCaseSyncSession for the real one). */
export interface SyncSession {
  /** Resolves when every room of the case is in sync with the server; rejects when a room is closed for good. */
  readonly synced: Promise<void>
  /** The summary of the case's documents as they are now. */
  summary(): CaseDocSummary | null
  /** Closes the rooms (the local copies stay). */
  close(): void
}

export type OpenSyncSession = (caseId: string) => SyncSession

export type SyncOutcome = 'synced' | 'timeout' | 'failed'

export interface SyncResult {
  caseId: string
  outcome: SyncOutcome
  /** The summary read before closing (also after a timeout: what arrived so far is in the local copy). */
  summary: CaseDocSummary | null
  /** When the sync completed (only for 'synced'), ISO time. */
  syncedAt?: string
}

export interface BackgroundSyncStatus {
  online: boolean
  /** Cases waiting. */
  queued: number
  /** Cases open now. */
  running: readonly string[]
  /** Since the last time the queue ran empty: synced and not synced (timeout, failure). */
  synced: number
  failed: number
}

export interface BackgroundSyncOptions {
  open: OpenSyncSession
  /** Cases open at the same time (default 2, so at most 4 sockets). */
  concurrency?: number
  /** Give up on a case after this long (default 30 s). */
  timeoutMs?: number
  online?: boolean
  now?: () => Date
  onResult?: (result: SyncResult) => void
}

interface Running {
  session: SyncSession
  timer: ReturnType<typeof setTimeout>
  done: boolean
}

export class BackgroundSync {
  private readonly queue: string[] = []
  private readonly running = new Map<string, Running>()
  private readonly listeners = new Set<() => void>()
  private readonly concurrency: number
  private readonly timeoutMs: number
  private readonly now: () => Date
  private online: boolean
  private stopped = false
  private synced = 0
  private failed = 0
  private statusCache: BackgroundSyncStatus

  constructor(private readonly options: BackgroundSyncOptions) {
    this.concurrency = Math.max(1, options.concurrency ?? 2)
    this.timeoutMs = options.timeoutMs ?? 30_000
    this.now = options.now ?? (() => new Date())
    this.online = options.online ?? true
    this.statusCache = this.computeStatus()
  }

  /** Adds cases to the end of the queue (cases already queued or open are left where they are). */
  enqueue(caseIds: readonly string[]): void {
    if (this.stopped) {
      return
    }
    if (this.queue.length === 0 && this.running.size === 0) {
      this.synced = 0
      this.failed = 0
    }
    for (const caseId of caseIds) {
      if (!this.queue.includes(caseId) && !this.running.has(caseId)) {
        this.queue.push(caseId)
      }
    }
    this.pump()
  }

  /** Drops a case from the queue (an open one finishes). */
  remove(caseId: string): void {
    const index = this.queue.indexOf(caseId)
    if (index >= 0) {
      this.queue.splice(index, 1)
      this.changed()
    }
  }

  /** Offline: close the open cases and keep them first in line; online: go on. */
  setOnline(online: boolean): void {
    if (online === this.online) {
      return
    }
    this.online = online
    if (!online) {
      const interrupted = [...this.running.keys()]
      for (const caseId of interrupted) {
        this.finish(caseId, null)
      }
      this.queue.unshift(...interrupted)
    }
    this.changed()
    this.pump()
  }

  /** Closes everything; the queue does nothing afterwards. */
  stop(): void {
    this.stopped = true
    this.queue.length = 0
    for (const caseId of [...this.running.keys()]) {
      this.finish(caseId, null)
    }
    this.listeners.clear()
  }

  get status(): BackgroundSyncStatus {
    return this.statusCache
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => {
      this.listeners.delete(listener)
    }
  }

  private pump(): void {
    while (!this.stopped && this.online && this.running.size < this.concurrency && this.queue.length > 0) {
      this.start(this.queue.shift() as string)
    }
    this.changed()
  }

  private start(caseId: string): void {
    let session: SyncSession
    try {
      session = this.options.open(caseId)
    } catch {
      this.failed++
      this.options.onResult?.({ caseId, outcome: 'failed', summary: null })
      return
    }
    const entry: Running = {
      session,
      timer: setTimeout(() => this.finish(caseId, 'timeout'), this.timeoutMs),
      done: false,
    }
    this.running.set(caseId, entry)
    session.synced.then(
      () => {
        if (this.running.get(caseId) === entry) {
          this.finish(caseId, 'synced')
        }
      },
      () => {
        if (this.running.get(caseId) === entry) {
          this.finish(caseId, 'failed')
        }
      },
    )
  }

  /** Closes an open case; `outcome` null = interrupted (no result reported). */
  private finish(caseId: string, outcome: SyncOutcome | null): void {
    const entry = this.running.get(caseId)
    if (!entry || entry.done) {
      return
    }
    entry.done = true
    clearTimeout(entry.timer)
    this.running.delete(caseId)
    let summary: CaseDocSummary | null = null
    if (outcome !== null) {
      try {
        summary = entry.session.summary()
      } catch {
        summary = null
      }
    }
    entry.session.close()
    if (outcome !== null) {
      if (outcome === 'synced') {
        this.synced++
        this.options.onResult?.({ caseId, outcome, summary, syncedAt: this.now().toISOString() })
      } else {
        this.failed++
        this.options.onResult?.({ caseId, outcome, summary })
      }
      this.pump()
    }
  }

  private computeStatus(): BackgroundSyncStatus {
    return { online: this.online, queued: this.queue.length, running: [...this.running.keys()], synced: this.synced, failed: this.failed }
  }

  private changed(): void {
    const next = this.computeStatus()
    const previous = this.statusCache
    if (
      next.online === previous.online &&
      next.queued === previous.queued &&
      next.synced === previous.synced &&
      next.failed === previous.failed &&
      next.running.join() === previous.running.join()
    ) {
      return
    }
    this.statusCache = next
    for (const listener of this.listeners) {
      listener()
    }
  }
}
