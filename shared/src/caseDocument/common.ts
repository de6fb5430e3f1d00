import * as Y from 'yjs'
import type { z } from 'zod'

/** Name of the root map that carries `schemaVersion` in every document. */
export const MetaMapName = 'meta'

/**
 * The schema version of documents that have only ever had one (confidential
 * fields, supervision copies). The plan and the notes have their own current
 * version (plan.ts, notes.ts): each document kind migrates on its own.
 */
export const CurrentSchemaVersion = 1

/** Why a document could not be read as the expected shape. */
export type ReadFailureReason =
  /** The document has no content yet (not synced, or not created). */
  | 'empty'
  /** Written by a newer Fallbuch; this client cannot show it safely. */
  | 'newerSchema'
  /** An older schema the server has not migrated yet (a local copy from before an update): wait for the sync. */
  | 'olderSchema'
  /** The content does not fit the schema (older broken data, hand-made garbage). */
  | 'invalid'

/** Result of reading a document: never throws, so the UI can explain. */
export type ReadResult<T> =
  | { ok: true; value: T }
  | { ok: false; reason: ReadFailureReason; issues: string[] }

/** The schema version recorded in a document, or undefined when it has none. */
export function schemaVersionOf(doc: Y.Doc): unknown {
  return doc.getMap(MetaMapName).get('schemaVersion')
}

/**
 * Validates a plain snapshot of a document with a zod schema, after checking
 * the schema version (contract §3.1).
 */
export function readWithSchema<T>(
  doc: Y.Doc,
  snapshot: unknown,
  schema: z.ZodType<T>,
  currentVersion: number = CurrentSchemaVersion,
  shapeIssues: () => string[] = () => [],
): ReadResult<T> {
  const version = schemaVersionOf(doc)
  if (version === undefined) {
    return { ok: false, reason: 'empty', issues: [] }
  }
  if (typeof version === 'number' && version > currentVersion) {
    return { ok: false, reason: 'newerSchema', issues: [`schemaVersion ${version} > ${currentVersion}`] }
  }
  if (typeof version === 'number' && Number.isInteger(version) && version >= 1 && version < currentVersion) {
    return { ok: false, reason: 'olderSchema', issues: [`schemaVersion ${version} < ${currentVersion}`] }
  }
  // The JSON snapshot cannot tell a Y.Text from a plain string: a value of
  // the wrong Yjs type (an older app's write) is found by the shape check.
  const shape = shapeIssues()
  if (shape.length > 0) {
    return { ok: false, reason: 'invalid', issues: shape }
  }
  const parsed = schema.safeParse(snapshot)
  if (!parsed.success) {
    return {
      ok: false,
      reason: 'invalid',
      issues: parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
    }
  }
  return { ok: true, value: parsed.data }
}

/** Plain JSON of a Y.Array of Y.Maps (non-map entries become null, so zod reports them). */
export function arrayOfMapsToJSON<T>(array: Y.Array<T>): unknown[] {
  return array.toArray().map((entry) => (entry instanceof Y.Map ? entry.toJSON() : null))
}

/** A map value as plain data: a Yjs type as its JSON (a Y.Text as its string), anything else as it is. */
export function plainValue(value: unknown): unknown {
  return value instanceof Y.AbstractType ? (value.toJSON() as unknown) : value
}
