/**
 * Going back a phase (notes root `phaseReturns`, additive to notes schema v2):
 * phases move forward only by closing them after the per-goal review; a coach
 * who takes the case back a phase documents why. Each entry is written once
 * and never edited.
 */
import * as Y from 'yjs'
import { z } from 'zod'
import { Limits } from '../limits.js'
import { Phase } from './plan.js'

/** Name of the notes root holding the phase returns. */
export const NotesPhaseReturnsArray = 'phaseReturns'

/** One documented return from a phase to the one before it. */
export const PhaseReturn = z.object({
  id: z.string().min(1).max(64),
  from: Phase,
  to: Phase,
  /** ISO date of the return. */
  date: z.iso.date(),
  /** The coach's account id. */
  coachId: z.string().min(1).max(64),
  /** Why the case goes back (required, the coach's words). */
  reason: z.string().trim().min(1).max(Limits.maxShortTextLength),
})
export type PhaseReturn = z.infer<typeof PhaseReturn>

/** The notes root of phase returns (plain maps, oldest first). */
export function notesPhaseReturns(doc: Y.Doc): Y.Array<Y.Map<unknown>> {
  return doc.getArray<Y.Map<unknown>>(NotesPhaseReturnsArray)
}

/** Appends a phase return; the entry is validated first (a RangeError names what is wrong). */
export function addPhaseReturn(doc: Y.Doc, entry: PhaseReturn): void {
  const parsed = PhaseReturn.safeParse(entry)
  if (!parsed.success) {
    throw new RangeError(`invalid phase return: ${parsed.error.issues.map((issue) => issue.path.join('.')).join(', ')}`)
  }
  const map = new Y.Map<unknown>()
  for (const [key, value] of Object.entries(parsed.data)) {
    map.set(key, value)
  }
  notesPhaseReturns(doc).push([map])
}

/** The valid phase returns, oldest first (an entry that does not parse is left out). */
export function readPhaseReturns(doc: Y.Doc): PhaseReturn[] {
  return notesPhaseReturns(doc)
    .toArray()
    .flatMap((entry) => {
      const parsed = PhaseReturn.safeParse(entry instanceof Y.Map ? entry.toJSON() : entry)
      return parsed.success ? [parsed.data] : []
    })
}
