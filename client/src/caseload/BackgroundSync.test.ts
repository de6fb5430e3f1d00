import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { CaseDocSummary } from '../../../shared/src/process/caseSummary.js'
import { BackgroundSync, type SyncResult, type SyncSession } from './BackgroundSync.js'
import { forEachLimited } from './limited.js'

const summary = (title: string): CaseDocSummary => ({ title, phase: 'analysis', hoursUsed: 0, meetings: [], notesRead: true })

/** A room factory whose sessions sync when the test says so; tracks how many are open at once. */
class FakeRooms {
  open = new Map<string, { resolve: () => void; reject: (err: Error) => void }>()
  opened: string[] = []
  closed: string[] = []
  maxOpen = 0

  factory = (caseId: string): SyncSession => {
    let resolve!: () => void
    let reject!: (err: Error) => void
    const synced = new Promise<void>((res, rej) => {
      resolve = res
      reject = rej
    })
    this.open.set(caseId, { resolve, reject })
    this.opened.push(caseId)
    this.maxOpen = Math.max(this.maxOpen, this.open.size)
    return {
      synced,
      summary: () => summary(caseId),
      close: () => {
        this.open.delete(caseId)
        this.closed.push(caseId)
      },
    }
  }

  async sync(caseId: string): Promise<void> {
    this.open.get(caseId)?.resolve()
    await flush()
  }
}

async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await Promise.resolve()
  }
}

const cases = Array.from({ length: 10 }, (_, i) => `case${i}`)

describe('BackgroundSync', () => {
  let rooms: FakeRooms
  let results: SyncResult[]
  beforeEach(() => {
    vi.useFakeTimers()
    rooms = new FakeRooms()
    results = []
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  const make = (options: { online?: boolean; concurrency?: number } = {}): BackgroundSync =>
    new BackgroundSync({
      open: rooms.factory,
      concurrency: options.concurrency ?? 2,
      timeoutMs: 30_000,
      online: options.online ?? true,
      now: () => new Date('2026-05-04T10:00:00Z'),
      onResult: (result) => results.push(result),
    })

  it('never has more than `concurrency` cases open, and works through the whole queue', async () => {
    const sync = make({ concurrency: 2 })
    sync.enqueue(cases)
    expect([...rooms.open.keys()]).toEqual(['case0', 'case1'])
    expect(sync.status).toMatchObject({ queued: 8, running: ['case0', 'case1'] })
    while (rooms.open.size > 0) {
      await rooms.sync([...rooms.open.keys()][0]!)
      expect(rooms.open.size).toBeLessThanOrEqual(2)
    }
    expect(rooms.maxOpen).toBe(2)
    expect(rooms.opened).toEqual(cases)
    expect(rooms.closed.sort()).toEqual([...cases].sort())
    expect(results).toHaveLength(10)
    expect(results.every((result) => result.outcome === 'synced' && result.syncedAt === '2026-05-04T10:00:00.000Z')).toBe(true)
    expect(results[0]?.summary?.title).toBe('case0')
    expect(sync.status).toMatchObject({ queued: 0, running: [], synced: 10, failed: 0 })
  })

  it('keeps three open with concurrency 3 and does not queue a case twice', () => {
    const sync = make({ concurrency: 3 })
    sync.enqueue(cases.slice(0, 5))
    sync.enqueue(['case0', 'case4', 'case5'])
    expect(rooms.open.size).toBe(3)
    expect(sync.status.queued).toBe(3)
  })

  it('gives up on a case after the timeout (no syncedAt) and goes on with the next', async () => {
    const sync = make({ concurrency: 1 })
    sync.enqueue(['slow', 'next'])
    await vi.advanceTimersByTimeAsync(30_000)
    expect(results).toEqual([{ caseId: 'slow', outcome: 'timeout', summary: summary('slow') }])
    expect(rooms.closed).toEqual(['slow'])
    expect([...rooms.open.keys()]).toEqual(['next'])
    expect(sync.status.failed).toBe(1)
  })

  it('reports a room closed for good as failed', async () => {
    const sync = make()
    sync.enqueue(['gone'])
    rooms.open.get('gone')?.reject(new Error('accessRevoked'))
    await flush()
    expect(results).toEqual([{ caseId: 'gone', outcome: 'failed', summary: summary('gone') }])
    expect(sync.status.running).toEqual([])
  })

  it('starts nothing while offline and starts when back online', async () => {
    const sync = make({ online: false })
    sync.enqueue(cases.slice(0, 3))
    expect(rooms.opened).toEqual([])
    expect(sync.status).toMatchObject({ online: false, queued: 3 })
    sync.setOnline(true)
    expect([...rooms.open.keys()]).toEqual(['case0', 'case1'])
    await rooms.sync('case0')
    expect([...rooms.open.keys()]).toEqual(['case1', 'case2'])
  })

  it('pauses when going offline: closes the open cases, requeues them first, reports nothing, resumes online', async () => {
    const sync = make()
    sync.enqueue(cases.slice(0, 4))
    sync.setOnline(false)
    expect(rooms.open.size).toBe(0)
    expect(rooms.closed).toEqual(['case0', 'case1'])
    expect(sync.status).toMatchObject({ online: false, queued: 4, running: [] })
    // A late sync of an interrupted session is ignored.
    await vi.advanceTimersByTimeAsync(60_000)
    expect(results).toEqual([])
    sync.setOnline(true)
    expect([...rooms.open.keys()]).toEqual(['case0', 'case1'])
    await rooms.sync('case0')
    await rooms.sync('case1')
    expect(results.map((result) => result.caseId)).toEqual(['case0', 'case1'])
  })

  it('stop closes the open cases and ignores later enqueues', () => {
    const sync = make()
    sync.enqueue(cases.slice(0, 3))
    sync.stop()
    expect(rooms.open.size).toBe(0)
    sync.enqueue(['late'])
    expect(rooms.opened).not.toContain('late')
  })
})

describe('forEachLimited', () => {
  it('runs at most `limit` tasks at a time and all of them, despite failures', async () => {
    let active = 0
    let peak = 0
    const done: number[] = []
    await forEachLimited(
      Array.from({ length: 12 }, (_, i) => i),
      3,
      async (i) => {
        active++
        peak = Math.max(peak, active)
        await new Promise((resolve) => setTimeout(resolve, 1))
        active--
        if (i === 4) {
          throw new Error('broken local copy')
        }
        done.push(i)
      },
    )
    expect(peak).toBe(3)
    expect(done).toHaveLength(11)
  })
})
