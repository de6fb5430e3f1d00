/**
 * The placement parts of a supervision copy (issue 19, A4–A6): the plan's
 * three-party agreement parts and the case's application and contact log,
 * as plain anonymised values. Roots of the copy:
 * - `agreementParts` Y.Map {@link AgreementPartKey} -> string (the same name
 *   as the plan's root; plain strings, a copy is frozen), only when a part
 *   holds text;
 * - `jobSearch` Y.Array of Y.Map {@link CopyJobSearchEntry}: the log oldest
 *   first, the employer as its placeholder (Betrieb C), texts anonymised,
 *   weeks of the case instead of dates; no entry ids, no coach, no instants
 *   of recording or change (the log lives in a server table, not a Y doc, so
 *   there is no history to leave behind either).
 * Copies made before have neither root; they read as empty.
 */
import * as Y from 'yjs'
import { z } from 'zod'
import { JobSearchEntryKind, JobSearchStatus, PlacementKind } from '../api/jobSearch.js'
import { AgreementPartKeys, PlanAgreementPartsMap } from './agreementParts.js'
import { arrayOfMapsToJSON } from './common.js'

/** Root array of a copy holding the anonymised application and contact log. */
export const CopyJobSearchArray = 'jobSearch'

const week = z.number().int()

/** The agreement parts in a copy: only the parts that hold text. */
export const CopyAgreementParts = z.partialRecord(z.enum(AgreementPartKeys), z.string())
export type CopyAgreementParts = z.infer<typeof CopyAgreementParts>

/** One entry of the log in a copy. */
export const CopyJobSearchEntry = z.object({
  id: z.string().min(1).max(64),
  kind: JobSearchEntryKind,
  /** The employer's placeholder (Betrieb C; the plan's employer keeps its own). */
  employer: z.string(),
  contactPerson: z.string(),
  position: z.string(),
  placementKind: PlacementKind,
  /** When it was sent or the contact happened, as a week of the case. */
  week: week.optional(),
  status: JobSearchStatus,
  nextStep: z.string(),
  nextStepWeek: week.optional(),
  interviewWeek: week.optional(),
  interviewPreparation: z.string(),
  accompaniedByCoach: z.boolean(),
})
export type CopyJobSearchEntry = z.infer<typeof CopyJobSearchEntry>

/** The placement parts of a copy's content. */
export interface CopyPlacement {
  agreementParts: CopyAgreementParts
  jobSearch: CopyJobSearchEntry[]
}

export const CopyPlacementSchema = z.object({
  agreementParts: CopyAgreementParts,
  jobSearch: z.array(CopyJobSearchEntry),
})

/** Writes the placement parts into a copy document (inside the caller's transaction); nothing for a case without them. */
export function writeCopyPlacement(doc: Y.Doc, content: CopyPlacement): void {
  const parts = AgreementPartKeys.flatMap((key) => {
    const text = content.agreementParts[key]
    return text === undefined || text.trim() === '' ? [] : [[key, text] as const]
  })
  if (parts.length > 0) {
    const map = doc.getMap<string>(PlanAgreementPartsMap)
    for (const [key, text] of parts) {
      map.set(key, text)
    }
  }
  if (content.jobSearch.length > 0) {
    doc.getArray<Y.Map<unknown>>(CopyJobSearchArray).push(
      content.jobSearch.map((entry) => {
        const map = new Y.Map<unknown>()
        for (const [key, value] of Object.entries(entry)) {
          if (value !== undefined) {
            map.set(key, value)
          }
        }
        return map
      }),
    )
  }
}

/** The placement parts of a copy as plain values (reading creates no root). */
export function copyPlacementSnapshot(doc: Y.Doc): CopyPlacement {
  const has = (name: string): boolean => doc.share.has(name)
  return {
    agreementParts: has(PlanAgreementPartsMap) ? (doc.getMap(PlanAgreementPartsMap).toJSON() as CopyAgreementParts) : {},
    jobSearch: has(CopyJobSearchArray) ? (arrayOfMapsToJSON(doc.getArray(CopyJobSearchArray)) as CopyJobSearchEntry[]) : [],
  }
}
