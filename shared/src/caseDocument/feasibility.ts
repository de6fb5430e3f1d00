/**
 * The feasibility check at the end of the analysis phase (issue 19, the
 * quality standards' "Kann ein Jobcoaching durchgeführt werden?"): yes, no,
 * or with conditions, and the coaches' reasons. Notes root
 * `feasibilityChecks` (additive to notes schema v2, coaches only): each
 * check is written once and never edited; a re-check is a new entry, the
 * newest one counts.
 */
import * as Y from 'yjs'
import { z } from 'zod'
import { Limits } from '../limits.js'

/** Name of the notes root holding the feasibility checks. */
export const NotesFeasibilityArray = 'feasibilityChecks'

export const FeasibilityAnswers = ['yes', 'withConditions', 'no'] as const
export const FeasibilityAnswer = z.enum(FeasibilityAnswers)
export type FeasibilityAnswer = z.infer<typeof FeasibilityAnswer>

/** One feasibility check. */
export const FeasibilityCheck = z.object({
  id: z.string().min(1).max(64),
  answer: FeasibilityAnswer,
  /** Why (required): the coaches' words; with conditions, the conditions. */
  reasons: z.string().trim().min(1).max(Limits.maxRequestTextLength),
  /** ISO date of the check. */
  date: z.iso.date(),
  /** The coach's account id. */
  coachId: z.string().min(1).max(64),
})
export type FeasibilityCheck = z.infer<typeof FeasibilityCheck>

/** The notes root of feasibility checks (plain maps, oldest first). */
export function notesFeasibilityChecks(doc: Y.Doc): Y.Array<Y.Map<unknown>> {
  return doc.getArray<Y.Map<unknown>>(NotesFeasibilityArray)
}

/** Appends a check; the entry is validated first (a RangeError names what is wrong). */
export function addFeasibilityCheck(doc: Y.Doc, entry: FeasibilityCheck): void {
  const parsed = FeasibilityCheck.safeParse(entry)
  if (!parsed.success) {
    throw new RangeError(`invalid feasibility check: ${parsed.error.issues.map((issue) => issue.path.join('.')).join(', ')}`)
  }
  const map = new Y.Map<unknown>()
  for (const [key, value] of Object.entries(parsed.data)) {
    map.set(key, value)
  }
  notesFeasibilityChecks(doc).push([map])
}

/** The valid checks, oldest first (an entry that does not parse is left out). */
export function readFeasibilityChecks(doc: Y.Doc): FeasibilityCheck[] {
  return notesFeasibilityChecks(doc)
    .toArray()
    .flatMap((entry) => {
      const parsed = FeasibilityCheck.safeParse(entry instanceof Y.Map ? entry.toJSON() : entry)
      return parsed.success ? [parsed.data] : []
    })
}

/** The check that counts now (the newest), or null. */
export function currentFeasibility(doc: Y.Doc): FeasibilityCheck | null {
  return readFeasibilityChecks(doc).at(-1) ?? null
}
