import { describe, expect, it } from 'vitest'
import type { Fanout, RoomListener } from '../../fanout/Fanout.js'
import { Metrics } from '../../metrics.js'
import type { StoredUpdate } from '../../storage/Storage.js'
import { FanoutFollower, type RowForwarding } from './FanoutFollower.js'
import { TaskChain } from './TaskChain.js'

const row = (seq: number): StoredUpdate => ({ seq, data: new Uint8Array([seq]) })

function setUp(stored: StoredUpdate[]) {
  let listener: RoomListener | undefined
  const published: number[][] = []
  const fanout = {
    joinRoom: async (_room: string, joined: RoomListener) => {
      listener = joined
    },
    leaveRoom: async () => {},
    publishUpdates: (_room: string, seqs: readonly number[]) => published.push([...seqs]),
    publishAwarenessQuery: () => {},
  } as unknown as Fanout
  const applied: Array<{ seq: number; forward: RowForwarding }> = []
  const reads: number[] = []
  const tasks = new TaskChain((err) => {
    throw err
  })
  const follower = new FanoutFollower(
    { name: 'cases/x/notes', applyRows: (rows, forward) => applied.push(...rows.map((r) => ({ seq: r.data[0] ?? -1, forward }))) },
    {
      fanout,
      storage: {
        loadUpdates: async (_room: string, after = 0) => {
          reads.push(after)
          return stored.filter((r) => r.seq > after)
        },
      },
      tasks,
      metrics: new Metrics(),
      awareness: { applyRemote: () => {}, publishOwn: () => {} },
    },
  )
  const hear = (...seqs: number[]) =>
    listener?.updates(
      seqs,
      seqs.map((seq) => new Uint8Array([seq])),
    )
  return { follower, applied, reads, published, hear, tasks }
}

describe('FanoutFollower', () => {
  it("applies other processes' rows in order, skips what it has, and reads a gap from storage", async () => {
    const { follower, applied, reads, hear, tasks } = setUp([row(1), row(2), row(3), row(4), row(5)])
    await follower.join()
    // A message that arrives while the room loads is kept until the load is applied.
    hear(2)
    follower.loaded([row(1)])
    hear(2, 3)
    hear(5)
    await tasks.idle()
    expect(applied.map((a) => a.seq)).toEqual([2, 3, 4, 5])
    // Published rows go out as committed; rows read back only with what they add (a compaction may be among them).
    expect(applied.map((a) => a.forward)).toEqual(['rows', 'rows', 'changes', 'changes'])
    expect(reads).toEqual([3])
    expect(follower.appliedSeq).toBe(5)
  })

  it('publishes its own commit and applies the rows committed elsewhere before it first', async () => {
    const { follower, applied, reads, published } = setUp([row(1), row(2), row(3)])
    await follower.join()
    follower.loaded([row(1)])
    await follower.committed([4], [new Uint8Array([4])])
    expect(published).toEqual([[4]])
    expect(reads).toEqual([1])
    expect(applied.map((a) => a.seq)).toEqual([2, 3])
    expect(applied.map((a) => a.forward)).toEqual(['changes', 'changes'])
    expect(follower.appliedSeq).toBe(4)
  })

  it("applies a merged row at its own commit's number when a compaction took the rows it missed", async () => {
    // Another process compacted rows 1-4 (its 2 and 3, our 4) into one row numbered 4.
    const merged: StoredUpdate = { seq: 4, data: new Uint8Array([4]) }
    const { follower, applied, reads, published } = setUp([merged])
    await follower.join()
    follower.loaded([row(1)])
    await follower.committed([4], [new Uint8Array([4])])
    expect(published).toEqual([[4]])
    expect(reads).toEqual([1])
    // Without it, rows 2 and 3 would never reach this process's document.
    expect(applied).toEqual([{ seq: 4, forward: 'changes' }])
    expect(follower.appliedSeq).toBe(4)
  })
})
