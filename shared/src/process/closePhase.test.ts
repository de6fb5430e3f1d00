import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { initPlanDoc, planMeta } from '../caseDocument/plan.js'
import { advancePhase } from './closePhase.js'

describe('advancePhase', () => {
  it('moves the plan to the next phase', () => {
    const doc = new Y.Doc()
    initPlanDoc(doc, { title: 'Kassenbereich Supermarkt' })
    expect(advancePhase(doc, 'analysis')).toBe('selfIntegration')
    expect(planMeta(doc).get('currentPhase')).toBe('selfIntegration')
  })

  it('does not skip a phase when the plan already left the closed one', () => {
    const doc = new Y.Doc()
    initPlanDoc(doc, { title: 'x' })
    advancePhase(doc, 'analysis')
    expect(advancePhase(doc, 'analysis')).toBeNull()
    expect(planMeta(doc).get('currentPhase')).toBe('selfIntegration')
  })

  it('has no phase after stabilisation', () => {
    const doc = new Y.Doc()
    initPlanDoc(doc, { title: 'x' })
    planMeta(doc).set('currentPhase', 'stabilisation')
    expect(advancePhase(doc, 'stabilisation')).toBeNull()
    expect(planMeta(doc).get('currentPhase')).toBe('stabilisation')
  })
})
