import { describe, expect, it } from 'vitest'
import { closePhaseRequirements, goalStatusTimeline, nextPhase, phasesBefore, reviewCompleteness } from './phases.js'
import { emptyNotes, examplePlan, goal } from './testFixtures.js'

const reviewed = { stillValid: true, attainment: 'open' as const, note: '' }

describe('phases', () => {
  it('runs analysis → selfIntegration → intervention → stabilisation, then ends', () => {
    expect(nextPhase('analysis')).toBe('selfIntegration')
    expect(nextPhase('selfIntegration')).toBe('intervention')
    expect(nextPhase('intervention')).toBe('stabilisation')
    expect(nextPhase('stabilisation')).toBeNull()
    expect(phasesBefore('intervention')).toEqual(['analysis', 'selfIntegration'])
    expect(phasesBefore('analysis')).toEqual([])
  })
})

describe('closePhaseRequirements', () => {
  it('blocks closing until every goal has a review in this phase, naming the missing goals', () => {
    const plan = examplePlan()
    const notes = emptyNotes({ reviews: { analysis: { g2: reviewed } } })
    const result = closePhaseRequirements(plan, notes, 'analysis')
    expect(result.canClose).toBe(false)
    expect(result.blockers).toEqual([
      { code: 'goalNotReviewed', goalId: 'g1' },
      { code: 'goalNotReviewed', goalId: 'g3' },
    ])
    expect(result.completeness).toMatchObject({ total: 3, reviewed: 1, complete: false })
  })

  it('allows closing once all goals are reviewed, and names the next phase', () => {
    const notes = emptyNotes({ reviews: { analysis: { g1: reviewed, g2: reviewed, g3: { ...reviewed, stillValid: false } } } })
    expect(closePhaseRequirements(examplePlan(), notes, 'analysis')).toMatchObject({ canClose: true, blockers: [], next: 'selfIntegration' })
  })

  it('does not count a review of another phase', () => {
    const notes = emptyNotes({ reviews: { selfIntegration: { g1: reviewed, g2: reviewed, g3: reviewed } } })
    expect(closePhaseRequirements(examplePlan(), notes, 'analysis').canClose).toBe(false)
  })

  it('needs no review of a dropped goal', () => {
    const plan = examplePlan({}, [goal('g1'), goal('g2', { status: 'dropped' })])
    const notes = emptyNotes({ reviews: { analysis: { g1: reviewed } } })
    expect(closePhaseRequirements(plan, notes, 'analysis').canClose).toBe(true)
    expect(reviewCompleteness(plan, notes, 'analysis').total).toBe(1)
  })

  it('refuses a phase that is not current, the last phase, and a plan without goals', () => {
    const all = { g1: reviewed, g2: reviewed, g3: reviewed }
    const notes = emptyNotes({ reviews: { analysis: all, stabilisation: all } })
    expect(closePhaseRequirements(examplePlan({ currentPhase: 'intervention' }), notes, 'analysis').blockers).toEqual([{ code: 'notCurrentPhase' }])
    expect(closePhaseRequirements(examplePlan({ currentPhase: 'stabilisation' }), notes, 'stabilisation').blockers).toEqual([{ code: 'lastPhase' }])
    expect(closePhaseRequirements(examplePlan({}, []), emptyNotes(), 'analysis').blockers).toEqual([{ code: 'noGoals' }])
  })
})

describe('goalStatusTimeline', () => {
  it('lists the attainment of each reviewed phase in phase order', () => {
    const notes = emptyNotes({
      reviews: {
        intervention: { g1: { stillValid: true, attainment: 'partlyAchieved', note: 'fast 18' } },
        analysis: { g1: { stillValid: true, attainment: 'open', note: '' } },
        selfIntegration: { g2: { stillValid: false, attainment: 'dropped', note: '' } },
      },
    })
    expect(goalStatusTimeline(notes, 'g1')).toEqual([
      { phase: 'analysis', attainment: 'open', stillValid: true },
      { phase: 'intervention', attainment: 'partlyAchieved', stillValid: true },
    ])
    expect(goalStatusTimeline(notes, 'g3')).toEqual([])
  })
})
