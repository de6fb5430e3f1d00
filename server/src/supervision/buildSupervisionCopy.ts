/**
 * Builds a supervision copy of a case (contract §7, issue 6): runs the
 * shared anonymiser on what caseSources.ts reads of the case (plan, notes,
 * profile, members, extra identifiers, application log), and returns the
 * copy's one room update — `Y.encodeStateAsUpdate` of the NEW document the
 * anonymiser wrote from plain content, never anything derived from the
 * source's updates — with the legend and the replacements for the author
 * (never stored).
 */
import * as Y from 'yjs'
import { anonymiseCase, type LegendEntry, type Replacement } from '../../../shared/src/anonymise/index.js'
import type { CaseRecord } from '../storage/cases/CaseStorage.js'
import { withCaseSources, type CaseSourceServices, type CaseSourceStorage } from './caseSources.js'

/** The storage ports building a copy reads. */
export type CopyStorage = CaseSourceStorage

/** A built copy, not yet stored. */
export interface BuiltCopy {
  /** The copy room's only update. */
  update: Uint8Array
  /** The anonymised title, for lists. */
  title: string
  legend: LegendEntry[]
  replacements: Replacement[]
}

/** Anonymises the case's plan, notes, occupational profile and job search with `redactions`. */
export async function buildSupervisionCopy(sources: CaseSourceServices, caseRecord: CaseRecord, redactions: readonly string[]): Promise<BuiltCopy> {
  return withCaseSources(sources, caseRecord.id, ({ plan, notes, profile, members, extraIdentifiers, jobSearch }) => {
    const copy = anonymiseCase(plan, notes, { members, extraIdentifiers, redactions, caseType: caseRecord.type, profile, jobSearch })
    const update = Y.encodeStateAsUpdate(copy.doc)
    copy.doc.destroy()
    return { update, title: copy.content.meta.title, legend: copy.legend, replacements: copy.replacements }
  })
}
