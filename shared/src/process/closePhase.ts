/**
 * Moving between phases: closing one (forward, after the per-goal review) and
 * going back one with a documented reason; the only writes the process makes
 * to the plan's current phase (the plan form has no free phase field).
 */
import type * as Y from 'yjs'
import { planMeta, type Phase } from '../caseDocument/plan.js'
import { addPhaseReturn } from '../caseDocument/phaseReturns.js'
import { nextPhase, previousPhase } from './phases.js'

/**
 * Moves the plan from `from` to the next phase. Does nothing when the plan is
 * no longer in `from` (the other coach closed it a moment ago), so a phase
 * is never skipped by two closes, or after the last phase. Returns the phase
 * the plan is in afterwards when it moved, else null.
 */
export function advancePhase(doc: Y.Doc, from: Phase): Phase | null {
  const next = nextPhase(from)
  if (next === null) {
    return null
  }
  let moved = false
  doc.transact(() => {
    const meta = planMeta(doc)
    if (meta.get('currentPhase') === from) {
      meta.set('currentPhase', next)
      moved = true
    }
  })
  return moved ? next : null
}

/** What going back a phase needs: the coach, the day and the coach's reason. */
export interface PhaseReturnRequest {
  /** A fresh id for the documented return. */
  id: string
  coachId: string
  /** ISO date. */
  date: string
  reason: string
}

/**
 * Takes the plan from `from` back to the phase before it and documents the
 * coach's reason in the notes (root `phaseReturns`). Does nothing (null)
 * when the reason is empty, `from` is the first phase or the plan is no
 * longer in `from`; returns the phase the plan is in afterwards.
 */
export function returnToPreviousPhase(planDoc: Y.Doc, notesDoc: Y.Doc, from: Phase, request: PhaseReturnRequest): Phase | null {
  const to = previousPhase(from)
  if (to === null || request.reason.trim() === '' || planMeta(planDoc).get('currentPhase') !== from) {
    return null
  }
  // The reason is recorded first: a return without its reason is what this rule prevents.
  addPhaseReturn(notesDoc, { ...request, reason: request.reason.trim(), from, to })
  planDoc.transact(() => {
    planMeta(planDoc).set('currentPhase', to)
  })
  return to
}
