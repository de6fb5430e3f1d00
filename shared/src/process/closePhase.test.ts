import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { initPlanDoc, planMeta } from '../caseDocument/plan.js'
import { checkChangedRoots } from '../caseDocument/roomSchemas.js'
import { readPhaseReturns } from '../caseDocument/phaseReturns.js'
import { advancePhase, returnToPreviousPhase } from './closePhase.js'

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

describe('returnToPreviousPhase', () => {
  const request = { id: 'r1', coachId: 'coach-1', date: '2026-05-04', reason: 'Praktikum abgebrochen, neue Zielklärung nötig' }

  it('goes back one phase and documents the reason in the notes', () => {
    const plan = new Y.Doc()
    const notes = new Y.Doc()
    initPlanDoc(plan, { title: 'x' })
    planMeta(plan).set('currentPhase', 'intervention')
    expect(returnToPreviousPhase(plan, notes, 'intervention', request)).toBe('selfIntegration')
    expect(planMeta(plan).get('currentPhase')).toBe('selfIntegration')
    expect(readPhaseReturns(notes)).toEqual([{ ...request, from: 'intervention', to: 'selfIntegration' }])
    expect(checkChangedRoots('notes', notes, [{ root: 'phaseReturns' }])).toBeNull()
  })

  it('refuses without a reason, before the first phase and when the plan already moved', () => {
    const plan = new Y.Doc()
    const notes = new Y.Doc()
    initPlanDoc(plan, { title: 'x' })
    expect(returnToPreviousPhase(plan, notes, 'analysis', request)).toBeNull()
    planMeta(plan).set('currentPhase', 'intervention')
    expect(returnToPreviousPhase(plan, notes, 'intervention', { ...request, reason: '   ' })).toBeNull()
    expect(returnToPreviousPhase(plan, notes, 'selfIntegration', request)).toBeNull()
    expect(planMeta(plan).get('currentPhase')).toBe('intervention')
    expect(readPhaseReturns(notes)).toEqual([])
  })
})
