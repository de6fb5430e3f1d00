import { describe, expect, it } from 'vitest'
import type { AppendResult } from '../../storage/Storage.js'
import { CommitQueue, type CommitSteps } from './CommitQueue.js'
import { TaskChain } from './TaskChain.js'

const bytes = (n: number): Uint8Array => new Uint8Array([n])

/** A queue whose steps write what happens, in order, to `log`; the storage commits when `release()` is called. */
function recordingQueue() {
  const log: string[] = []
  const appends: number[][] = []
  let release: () => void = () => {}
  let fail = false
  let seq = 0
  const steps: CommitSteps<string> = {
    async append(updates) {
      appends.push(updates.map((update) => update[0] ?? -1))
      log.push(`append ${appends.at(-1)?.join(',')}`)
      await new Promise<void>((resolve) => {
        release = resolve
      })
      if (fail) {
        throw new Error('disk full')
      }
      const seqs = updates.map(() => (seq += 1))
      log.push(`committed ${seqs.join(',')}`)
      return { seqs } satisfies AppendResult
    },
    appendFailed: () => log.push('failed'),
    afterAppend: async () => {
      log.push('afterAppend')
    },
    apply: (updates) => log.push(`apply ${updates.map((update) => update[0]).join(',')}`),
    forward: (batch) => log.push(`forward ${batch.map(({ update, origin }) => `${update[0]} except ${origin}`).join(', ')}`),
    afterBatch: async (batch) => {
      log.push(`afterBatch ${batch.length}`)
    },
  }
  const queue = new CommitQueue(new TaskChain((err) => log.push(`task error ${String(err)}`)), steps)
  return {
    queue,
    log,
    appends,
    commit: () => release(),
    failNext: () => {
      fail = true
    },
  }
}

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

describe('CommitQueue', () => {
  it('commits one turn’s updates in one append, then applies and forwards them, in order (contract §6)', async () => {
    const { queue, log, appends, commit } = recordingQueue()
    const done = [queue.submit(bytes(1), 'a'), queue.submit(bytes(2), 'b')]
    await turn()
    expect(appends).toEqual([[1, 2]])
    // Nothing is applied or forwarded before the commit.
    expect(log).toEqual(['append 1,2'])
    commit()
    await Promise.all(done)
    expect(log).toEqual(['append 1,2', 'committed 1,2', 'afterAppend', 'apply 1,2', 'forward 1 except a, 2 except b', 'afterBatch 2'])
  })

  it('starts the next batch only after the previous one is applied and forwarded', async () => {
    const { queue, log, appends, commit } = recordingQueue()
    const first = queue.submit(bytes(1), 'a')
    await turn()
    const second = queue.submit(bytes(2), 'a')
    await turn()
    await turn()
    expect(appends).toEqual([[1]])
    commit()
    await first
    await turn()
    expect(appends).toEqual([[1], [2]])
    commit()
    await second
    expect(log.indexOf('afterBatch 1')).toBeLessThan(log.indexOf('append 2'))
  })

  it('rejects a failed batch and applies and forwards nothing of it', async () => {
    const { queue, log, commit, failNext } = recordingQueue()
    failNext()
    const submitted = queue.submit(bytes(1), 'a')
    await turn()
    commit()
    await expect(submitted).rejects.toThrow('commit failed')
    expect(log).toEqual(['append 1', 'failed'])
  })

  it('settled() waits for updates submitted but not yet flushed', async () => {
    const { queue, commit } = recordingQueue()
    let applied = false
    void queue.submit(bytes(1), null).then(() => {
      applied = true
    })
    const settled = queue.settled()
    await turn()
    commit()
    await settled
    expect(applied).toBe(true)
  })
})
