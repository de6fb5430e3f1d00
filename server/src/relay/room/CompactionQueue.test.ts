import { pino } from 'pino'
import { describe, expect, it } from 'vitest'
import { gate } from '../../../../test/helpers/gate.js'
import { CompactionQueue } from './CompactionQueue.js'

/** A job held until its gate opens; `ran` lists the rooms in the order their jobs finished. */
function gatedJob(room: string, ran: string[]) {
  const held = gate()
  return {
    open: held.open,
    run: async () => {
      await held.opened
      ran.push(room)
    },
  }
}

async function isSettled(promise: Promise<void>): Promise<boolean> {
  let settled = false
  void promise.then(() => {
    settled = true
  })
  // Several turns: the queue waits a setImmediate between two jobs.
  for (let turn = 0; turn < 5; turn += 1) {
    await new Promise((resolve) => setImmediate(resolve))
  }
  return settled
}

describe('CompactionQueue.settle (shutdown)', () => {
  it('resolves at once when nothing waits', async () => {
    const queue = new CompactionQueue(pino({ level: 'silent' }))
    expect(await isSettled(queue.settle())).toBe(true)
  })

  it('resolves only after every queued compaction ran, including one queued while it waited, and after a failing one', async () => {
    const ran: string[] = []
    const queue = new CompactionQueue(pino({ level: 'silent' }))
    const first = gatedJob('plan', ran)
    const second = gatedJob('notes', ran)
    void queue.enqueue('plan', first.run)
    void queue.enqueue('broken', () => Promise.reject(new Error('disk full')))
    const settled = queue.settle()
    expect(await isSettled(settled)).toBe(false)
    first.open()
    expect(await isSettled(settled)).toBe(true)
    expect(ran).toEqual(['plan'])

    // A new drain: settle waits for a room queued after it was called.
    void queue.enqueue('profile', () => Promise.resolve(void ran.push('profile')))
    const later = queue.settle()
    void queue.enqueue('notes', second.run)
    expect(await isSettled(later)).toBe(false)
    second.open()
    await later
    expect(ran).toEqual(['plan', 'profile', 'notes'])
    expect(queue.size).toBe(0)
  })
})
