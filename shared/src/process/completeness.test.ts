import { describe, expect, it } from 'vitest'
import { documentationGaps } from './completeness.js'
import { emptyNotes, examplePlan, goal } from './testFixtures.js'

const reviewed = { stillValid: true, attainment: 'open' as const, note: '' }
const allReviewed = { g1: reviewed, g2: reviewed, g3: reviewed }

describe('documentationGaps', () => {
  it('finds nothing missing in a well-documented analysis phase', () => {
    expect(documentationGaps({ plan: examplePlan(), notes: emptyNotes(), today: '2026-03-10', planAgreed: true })).toEqual([])
  })

  it('asks for goals, dates and a budget in an empty plan', () => {
    const plan = examplePlan({ startDate: undefined, hoursBudget: undefined }, [])
    expect(documentationGaps({ plan, notes: emptyNotes(), today: '2026-03-10' }).map((item) => item.code)).toEqual([
      'planNoGoals',
      'planNoDates',
      'planNoHoursBudget',
    ])
  })

  it('links goals without a measurable criterion or deadline to the goal; dropped goals are left out', () => {
    const plan = examplePlan({}, [goal('a', { timeBound: '2026-05-01' }), goal('b', { measurable: 'x' }), goal('c', { status: 'dropped' })])
    expect(documentationGaps({ plan, notes: emptyNotes(), today: '2026-03-10' })).toEqual([
      { code: 'goalNoMeasurable', target: { tab: 'plan', goalId: 'a' } },
      { code: 'goalNoDeadline', target: { tab: 'plan', goalId: 'b' } },
    ])
  })

  it('reports a plan not agreed only when the caller says so', () => {
    const codes = (planAgreed?: boolean) => documentationGaps({ plan: examplePlan(), notes: emptyNotes(), today: '2026-03-10', planAgreed }).map((i) => i.code)
    expect(codes(false)).toEqual(['planNotAgreed'])
    expect(codes(undefined)).toEqual([])
  })

  it('asks for the reviews of earlier phases, not of the current one', () => {
    const plan = examplePlan({ currentPhase: 'intervention' })
    const notes = emptyNotes({ reviews: { analysis: allReviewed, selfIntegration: { g1: reviewed } } })
    expect(documentationGaps({ plan, notes, today: '2026-05-01' })).toEqual([
      { code: 'phaseReviewMissing', target: { tab: 'process', phase: 'selfIntegration' } },
    ])
  })

  it('asks for the midterm meeting once it is due', () => {
    const plan = examplePlan({ currentPhase: 'intervention' })
    const notes = emptyNotes({ reviews: { analysis: allReviewed, selfIntegration: allReviewed } })
    expect(documentationGaps({ plan, notes, today: '2026-06-15' })).toEqual([])
    expect(documentationGaps({ plan, notes, today: '2026-06-16' })).toEqual([{ code: 'midtermMeetingMissing', target: { tab: 'meetings' } }])
    const held = { ...notes, meetings: [{ id: 'm', kind: 'midterm' as const, date: '2026-06-20', participants: '', fragment: 'meeting:m' }] }
    expect(documentationGaps({ plan, notes: held, today: '2026-06-25' })).toEqual([])
  })

  it('in stabilisation asks for the final meeting, the outcome and (when told) the report', () => {
    const plan = examplePlan({ currentPhase: 'stabilisation' })
    const reviews = { analysis: allReviewed, selfIntegration: allReviewed, intervention: allReviewed }
    const midterm = { id: 'm', kind: 'midterm' as const, date: '2026-06-20', participants: '', fragment: 'meeting:m' }
    const notes = emptyNotes({ reviews, meetings: [midterm] })
    expect(documentationGaps({ plan, notes, today: '2026-08-01', reportWritten: false })).toEqual([
      { code: 'finalMeetingMissing', target: { tab: 'meetings' } },
      { code: 'outcomeMissing', target: { tab: 'process', phase: 'stabilisation' } },
      { code: 'finalReportMissing', target: { tab: 'report' } },
    ])
    const done = emptyNotes({
      reviews,
      meetings: [midterm, { ...midterm, id: 'f', kind: 'final', fragment: 'meeting:f' }],
      meta: { schemaVersion: 2, outcome: { kind: 'jobSecured', how: 'Checkliste und Check-in', why: '' } },
    })
    expect(documentationGaps({ plan, notes: done, today: '2026-09-29', reportWritten: true })).toEqual([])
  })
})
