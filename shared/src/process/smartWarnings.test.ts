import { describe, expect, it } from 'vitest'
import { smartWarnings } from './smartWarnings.js'
import { goal } from './testFixtures.js'

const meta = { expectedEndDate: '2026-09-30' }

describe('smartWarnings', () => {
  it('has nothing to say about a complete SMART goal', () => {
    expect(smartWarnings(goal('g1', { title: 'Scan-Tempo', measurable: '18 Artikel/min', timeBound: '2026-06-30' }), meta)).toEqual([])
  })

  it('warns about an empty title, no measurable criterion and no deadline', () => {
    expect(smartWarnings(goal('g1', { title: '  ', measurable: '' }), meta)).toEqual(['noTitle', 'noMeasurable', 'noDeadline'])
  })

  it('warns when the deadline lies after the expected end, not on it', () => {
    const base = { title: 'Checkliste', measurable: 'max. 1 Fehler/Woche' }
    expect(smartWarnings(goal('g1', { ...base, timeBound: '2026-10-01' }), meta)).toEqual(['deadlineAfterEnd'])
    expect(smartWarnings(goal('g1', { ...base, timeBound: '2026-09-30' }), meta)).toEqual([])
  })

  it('cannot compare a deadline without an expected end', () => {
    expect(smartWarnings(goal('g1', { title: 'x', measurable: 'y', timeBound: '2030-01-01' }), {})).toEqual([])
  })
})
