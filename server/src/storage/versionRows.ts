/**
 * Rows of `document_versions` (contract §8.4), shared by both dialects: the
 * mapping and the sealing of the snapshot with the case's data key.
 */
import type { KeyObject } from 'node:crypto'
import type { VersionDoc, VersionReason } from '../../../shared/src/api/versions.js'
import { openVersionState, sealVersionState } from '../crypto/atRest.js'
import type { DocumentVersionRecord } from './Storage.js'

/** A stored row (the state still sealed). */
export interface DocumentVersionRow {
  id: string
  case_id: string
  doc: VersionDoc
  at: string
  reason: VersionReason
  authors: string
  agreement_id: string | null
}

/** Columns of an insert, in the order of {@link versionValues}. */
export const VERSION_COLUMNS = 'id, case_id, doc, at, reason, authors, agreement_id, state'

/** The values of an insert, with the snapshot sealed by the case key. */
export function versionValues(version: DocumentVersionRecord, state: Uint8Array, key: KeyObject): unknown[] {
  return [
    version.id,
    version.caseId,
    version.doc,
    version.at,
    version.reason,
    JSON.stringify(version.authors),
    version.agreementId,
    sealVersionState(key, version.caseId, version.id, version.doc, state),
  ]
}

function parseAuthors(json: string): string[] {
  try {
    const parsed: unknown = JSON.parse(json)
    return Array.isArray(parsed) ? parsed.filter((entry): entry is string => typeof entry === 'string') : []
  } catch {
    return []
  }
}

export function toDocumentVersion(row: DocumentVersionRow): DocumentVersionRecord {
  return {
    id: row.id,
    caseId: row.case_id,
    doc: row.doc,
    at: row.at,
    reason: row.reason,
    authors: parseAuthors(row.authors),
    agreementId: row.agreement_id,
  }
}

/** The snapshot of a row, opened with the case key. */
export function openVersionRow(row: DocumentVersionRow & { state: Uint8Array }, key: KeyObject): Uint8Array {
  return openVersionState(key, row.case_id, row.id, row.doc, row.state)
}
