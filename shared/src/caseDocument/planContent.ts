/**
 * The canonical content of a measure plan, which agreements sign: the same
 * plan content gives the same string on every replica, however it was
 * edited (Yjs client ids, deleted items and edit order do not matter). Both
 * sides hash it with SHA-256 (server: node:crypto; client: crypto.subtle).
 */
import type * as Y from 'yjs'
import { planApproach, planSnapshot } from './plan.js'

/** Deterministic JSON: object keys sorted at every level. */
function canonicalJson(value: unknown): string {
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

/** The string whose SHA-256 is the plan hash of an agreement. */
export function planContentHashInput(doc: Y.Doc): string {
  return canonicalJson({ structured: planSnapshot(doc), approach: planApproach(doc).toJSON() })
}
