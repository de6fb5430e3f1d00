/**
 * The plan hash of agreements given before contract §8.3 (issue 14): the
 * SHA-256 input of the v1 app covered the whole plan — title, current phase
 * and goal status included — as `{structured: {meta, goals, participants},
 * approach}` with plain strings and `schemaVersion` 1. Kept only so the
 * server can re-stamp those agreements once with the agreed-content hash
 * when their agreed content provably did not change
 * (server/src/storage/migrations/restampLegacyAgreements.ts).
 */
import type * as Y from 'yjs'
import { arrayOfMapsToJSON } from './common.js'
import { canonicalJson } from './planContent.js'
import { Phases, PlanMetaTextKeys, planApproach, planGoals, planMeta, planParticipants, planVersions } from './plan.js'

/** Every subset of `items` (2^n; n is at most the three meta texts here). */
function subsets<T>(items: readonly T[]): T[][] {
  return items.reduce<T[][]>((all, item) => [...all, ...all.map((subset) => [...subset, item])], [[]])
}

/**
 * The v1 hash inputs of every plan that differs from `doc` (v1 or v2) only
 * in what the agreed-content hash leaves out, so that a stored v1 hash
 * equal to the SHA-256 of one of them proves that the agreed content then
 * and now is the same:
 *
 * - v2's Y.Text values read as the strings v1 stored, `schemaVersion` 1;
 * - a meta text the v1→v2 migration created empty may have been absent;
 * - progress since the agreement: any current phase (closing a phase voided
 *   a v1 agreement), and the goals' status as now or all still 'open' (as
 *   every goal starts).
 *
 * The current title is used as it is: a title changed since the agreement
 * is not found (no match, nothing re-stamped).
 */
export function legacyPlanHashInputs(doc: Y.Doc): string[] {
  const meta = planMeta(doc).toJSON() as Record<string, unknown>
  const goals = arrayOfMapsToJSON(planGoals(doc))
  // Plan v3 moved the v1 free-text role into `function` (issue 16): the v1 shape has it as `role` again.
  const participants = arrayOfMapsToJSON(planParticipants(doc)).map((participant) => {
    if (participant === null || typeof participant !== 'object' || !('function' in participant)) {
      return participant
    }
    const { function: text, ...rest } = participant as Record<string, unknown>
    return { ...rest, role: text }
  })
  const approach = planApproach(doc).toJSON()
  const emptyTexts = PlanMetaTextKeys.filter((key) => meta[key] === '')
  const openGoals = goals.map((goal) => (goal !== null && typeof goal === 'object' ? { ...goal, status: 'open' } : goal))
  const inputs = new Set<string>()
  for (const absent of subsets(emptyTexts)) {
    for (const currentPhase of Phases) {
      for (const goalList of [goals, openGoals]) {
        const legacyMeta: Record<string, unknown> = { ...meta, schemaVersion: planVersions.Initial, currentPhase }
        for (const key of absent) {
          delete legacyMeta[key]
        }
        inputs.add(canonicalJson({ structured: { meta: legacyMeta, goals: goalList, participants }, approach }))
      }
    }
  }
  return [...inputs]
}
