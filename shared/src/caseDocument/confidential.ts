import type * as Y from 'yjs'
import { z } from 'zod'
import { CurrentSchemaVersion, MetaMapName, readWithSchema, type ReadResult } from './common.js'

/** Keys of the confidential fields of a case (contract §3.2), in UI order. */
export const ConfidentialFields = [
  'diagnosis',
  'medication',
  'healthRestrictions',
  'financialSituation',
  'privateCircumstances',
  'releaseFromConfidentiality',
] as const

export const ConfidentialField = z.enum(ConfidentialFields)
export type ConfidentialField = z.infer<typeof ConfidentialField>

/** Fields that are health data (GDPR Art. 9), shown as such in consent texts. */
export const HealthDataFields: ReadonlySet<ConfidentialField> = new Set(['diagnosis', 'medication', 'healthRestrictions'])

/** Name of the rich-text fragment of a confidential field document. */
export const ConfidentialContentFragment = 'content'

export const ConfidentialMeta = z.object({
  schemaVersion: z.literal(CurrentSchemaVersion),
  field: ConfidentialField,
})
export type ConfidentialMeta = z.infer<typeof ConfidentialMeta>

/** Writes the initial content of a confidential field document. */
export function initConfidentialDoc(doc: Y.Doc, field: ConfidentialField): void {
  doc.transact(() => {
    const meta = doc.getMap(MetaMapName)
    meta.set('schemaVersion', CurrentSchemaVersion)
    meta.set('field', field)
  })
}

/** Reads and validates the meta of a confidential field document. */
export function readConfidential(doc: Y.Doc): ReadResult<ConfidentialMeta> {
  return readWithSchema(doc, doc.getMap(MetaMapName).toJSON(), ConfidentialMeta)
}

/**
 * The confidential fields nobody writes to any more: the old free-text
 * release from confidentiality (issue 16), superseded by release records
 * (shared/src/api/releases.ts). Its text stays readable in its own room —
 * not moved into the notes, which the coachee cannot read and which
 * supervision copies are made from.
 */
export const FrozenConfidentialFields: ReadonlySet<ConfidentialField> = new Set<ConfidentialField>(['releaseFromConfidentiality'])
