import { pino } from 'pino'
import { describe, expect, it } from 'vitest'
import { Metrics } from '../../metrics.js'
import { CompactionPolicy } from './CompactionPolicy.js'

function policy(compactAfterUpdates: number, random: () => number = Math.random): CompactionPolicy {
  return new CompactionPolicy('cases/c1/notes', () => Promise.resolve(), { compactAfterUpdates, compactAfterBytes: 1_000_000 }, new Metrics(), pino({ level: 'silent' }), random)
}

describe('CompactionPolicy', () => {
  it('spreads the row limits of rooms over the threshold and a quarter more, so rooms written alike do not compact together', () => {
    const limits = Array.from({ length: 200 }, () => policy(400).rowLimit)
    expect(Math.min(...limits)).toBeGreaterThanOrEqual(400)
    expect(Math.max(...limits)).toBeLessThanOrEqual(500)
    // 200 draws over 101 values: many distinct limits, not one shared second.
    expect(new Set(limits).size).toBeGreaterThan(50)
  })

  it('is due once the rows pass its own limit', () => {
    const room = policy(400, () => 0.5)
    expect(room.rowLimit).toBe(450)
    room.appended(450, 10)
    expect(room.due).toBe(false)
    room.appended(1, 10)
    expect(room.due).toBe(true)
  })
})
