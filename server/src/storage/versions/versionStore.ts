/**
 * Versions of plan and notes (contract §8.4) on either backend: the
 * snapshot sealed with the case's data key (crypto/atRest.ts binds it to
 * case, version and document), the rest plain.
 */
import type { VersionDoc, VersionReason } from '../../../../shared/src/api/versions.js'
import { openVersionState, sealVersionState } from '../../crypto/atRest.js'
import { caseKeyOwner } from '../../crypto/keyOwners.js'
import type { Dialect } from '../sql/Dialect.js'
import { all, get, run } from '../sql/query.js'
import type { StoreContext } from '../StoreContext.js'
import type { DocumentVersionRecord, VersionStorage } from './VersionStorage.js'

const SQL_INSERT_VERSION = 'INSERT INTO document_versions (id, case_id, doc, at, reason, authors, agreement_id, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'
// Insertion order breaks ties between versions taken in the same millisecond.
const SQL_VERSIONS_OF_DOC = (d: Dialect): string => `SELECT v.id, v.case_id, v.doc, v.at, v.reason, v.authors, v.agreement_id FROM document_versions v
  WHERE v.case_id = ? AND v.doc = ? ORDER BY v.at DESC, ${d.insertionOrder('v')} DESC`
const SQL_VERSION_BY_ID = 'SELECT * FROM document_versions WHERE case_id = ? AND doc = ? AND id = ?'

/** A stored row (the state still sealed). */
interface VersionRow {
  id: string
  case_id: string
  doc: VersionDoc
  at: string
  reason: VersionReason
  authors: string
  agreement_id: string | null
}

function parseAuthors(json: string): string[] {
  try {
    const parsed: unknown = JSON.parse(json)
    return Array.isArray(parsed) ? parsed.filter((entry): entry is string => typeof entry === 'string') : []
  } catch {
    return []
  }
}

function toVersion(row: VersionRow): DocumentVersionRecord {
  return { id: row.id, caseId: row.case_id, doc: row.doc, at: row.at, reason: row.reason, authors: parseAuthors(row.authors), agreementId: row.agreement_id }
}

/** {@link VersionStorage} on either backend. */
export function createVersionStore({ db, atRest }: StoreContext): VersionStorage {
  return {
    async addDocumentVersion(v, state) {
      const key = await atRest.keyring.dataKey(caseKeyOwner(v.caseId))
      const sealed = sealVersionState(key, v.caseId, v.id, v.doc, state)
      await db.query(run(SQL_INSERT_VERSION, v.id, v.caseId, v.doc, v.at, v.reason, JSON.stringify(v.authors), v.agreementId, new Uint8Array(sealed)))
    },

    async listDocumentVersions(caseId, doc) {
      return (await db.query(all<VersionRow>(SQL_VERSIONS_OF_DOC, caseId, doc))).map(toVersion)
    },

    async findDocumentVersion(caseId, doc, id) {
      const row = await db.query(get<VersionRow & { state: Uint8Array }>(SQL_VERSION_BY_ID, caseId, doc, id))
      if (!row) {
        return null
      }
      const key = await atRest.keyring.existingDataKey(caseKeyOwner(caseId))
      return { version: toVersion(row), state: openVersionState(key, row.case_id, row.id, row.doc, row.state) }
    },
  }
}
