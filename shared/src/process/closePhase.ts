/** Closing a phase in the plan document: the one write the process makes to the plan. */
import type * as Y from 'yjs'
import { planMeta, type Phase } from '../caseDocument/plan.js'
import { nextPhase } from './phases.js'

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
