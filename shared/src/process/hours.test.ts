import { describe, expect, it } from 'vitest'
import type { HoursEntry } from '../caseDocument/notes.js'
import { hoursLevel, summariseHours } from './hours.js'

function entry(id: string, coachId: string, hours: number, phase?: HoursEntry['phase']): HoursEntry {
  return { id, date: '2026-03-05', hours, activity: 'Arbeitsplatzbesuch', coachId, ...(phase ? { phase } : {}) }
}

describe('summariseHours', () => {
  it('sums per coach, per phase (every phase listed) and in total', () => {
    const summary = summariseHours(
      [entry('1', 'miriam', 2.5, 'analysis'), entry('2', 'tobias', 3, 'analysis'), entry('3', 'miriam', 1.5, 'intervention')],
      120,
    )
    expect(summary.total).toBe(7)
    expect(summary.perCoach).toEqual([
      { coachId: 'miriam', hours: 4 },
      { coachId: 'tobias', hours: 3 },
    ])
    expect(summary.perPhase).toEqual([
      { phase: 'analysis', hours: 5.5 },
      { phase: 'selfIntegration', hours: 0 },
      { phase: 'intervention', hours: 1.5 },
      { phase: 'stabilisation', hours: 0 },
    ])
    expect(summary).toMatchObject({ budget: 120, remaining: 113, level: 'ok' })
  })

  it('keeps entries without a phase apart, and adds without binary-fraction noise', () => {
    const summary = summariseHours([entry('1', 'm', 0.1), entry('2', 'm', 0.2)], undefined)
    expect(summary.total).toBe(0.3)
    expect(summary.perPhase.at(-1)).toEqual({ phase: 'none', hours: 0.3 })
    expect(summary).toMatchObject({ budget: null, ratio: null, remaining: null, level: 'noBudget' })
  })

  it('warns from 80 % and is over from 100 % of the budget', () => {
    expect(summariseHours([entry('1', 'm', 95.5)], 120).level).toBe('ok')
    expect(summariseHours([entry('1', 'm', 96)], 120).level).toBe('warning')
    expect(summariseHours([entry('1', 'm', 119.5)], 120).level).toBe('warning')
    const full = summariseHours([entry('1', 'm', 24), entry('2', 'm', 24), entry('3', 'm', 24), entry('4', 'm', 24), entry('5', 'm', 24)], 120)
    expect(full).toMatchObject({ level: 'over', ratio: 1, remaining: 0 })
    expect(summariseHours([entry('1', 'm', 24)], 20)).toMatchObject({ level: 'over', remaining: -4 })
  })

  it('treats a zero budget as over once any hour is logged', () => {
    expect(hoursLevel(0, 0)).toBe('ok')
    expect(hoursLevel(0.5, 0)).toBe('over')
    expect(hoursLevel(10, undefined)).toBe('noBudget')
  })
})
