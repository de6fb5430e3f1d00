/**
 * The canonical content of a measure plan, which agreements sign: the same
 * plan content gives the same string on every replica, however it was
 * edited (Yjs client ids, deleted items and edit order do not matter). Both
 * sides hash it with SHA-256 (server: node:crypto; client: crypto.subtle).
 *
 * Contract §8.3: it covers the agreed content only — goals' texts and dates,
 * the approach, participants, the expected duration and the hours budget.
 * Progress (current phase, goal status, phase reviews) and the case's title
 * are left out, so closing a phase never voids an agreement.
 *
 * Issue 19: the Swiss agreement's parts (A6, agreementParts.ts) are agreed
 * content too; they enter only once one of them holds text, so a plan
 * without them gives the same string as before and agreements given before
 * stay valid.
 */
import type * as Y from 'yjs'
import { hasAgreementParts, readAgreementParts } from './agreementParts.js'
import { arrayOfMapsToJSON } from './common.js'
import { GoalTextKeys, planApproach, planGoals, planMeta, planParticipants } from './plan.js'

/** Deterministic JSON: object keys sorted at every level. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(',')}]`
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, entry]) => entry !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonicalJson(entry)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

function pick(record: unknown, keys: readonly string[]): Record<string, unknown> | null {
  if (record === null || typeof record !== 'object') {
    return null
  }
  const source = record as Record<string, unknown>
  return Object.fromEntries(keys.map((key) => [key, source[key]]))
}

/** The agreed part of the plan as plain data (what the hash covers, and what a "changed since you agreed" diff compares). */
export function agreedPlanContent(doc: Y.Doc): Record<string, unknown> {
  const meta = planMeta(doc).toJSON() as Record<string, unknown>
  const parts = readAgreementParts(doc)
  return {
    // Left out while empty (canonicalJson drops undefined): the hash of a plan without the parts is unchanged.
    agreementParts: hasAgreementParts(parts) ? parts : undefined,
    duration: { startDate: meta.startDate, expectedEndDate: meta.expectedEndDate },
    hoursBudget: meta.hoursBudget,
    goals: arrayOfMapsToJSON(planGoals(doc)).map((goal) => pick(goal, ['id', ...GoalTextKeys, 'timeBound'])),
    participants: arrayOfMapsToJSON(planParticipants(doc)).map((participant) => pick(participant, ['id', 'memberId', 'name', 'role', 'function', 'organisation'])),
  }
}

/** The string whose SHA-256 is the plan hash of an agreement. */
export function planContentHashInput(doc: Y.Doc): string {
  return canonicalJson({ agreed: agreedPlanContent(doc), approach: planApproach(doc).toJSON() })
}
