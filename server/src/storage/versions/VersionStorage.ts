/** Versions of plan and notes (contract §8.4): record and port. */
import type { VersionDoc, VersionReason } from '../../../../shared/src/api/versions.js'

/** A snapshot of the plan or the notes; its Yjs state is stored sealed beside it. */
export interface DocumentVersionRecord {
  id: string
  caseId: string
  doc: VersionDoc
  at: string
  reason: VersionReason
  /** User ids of who changed the document since the version before. */
  authors: string[]
  /** The agreement this version was taken for (reason `agreement`), else null. */
  agreementId: string | null
}

/** Versions of plan and notes; erased with their case (ON DELETE CASCADE). */
export interface VersionStorage {
  /** Stores a version and its state (`Y.encodeStateAsUpdate` of a garbage-collected doc), sealed with the case key. */
  addDocumentVersion(version: DocumentVersionRecord, state: Uint8Array): Promise<void>
  /** A document's versions, newest first (without their state). */
  listDocumentVersions(caseId: string, doc: VersionDoc): Promise<DocumentVersionRecord[]>
  /** One version with its opened state, or null. */
  findDocumentVersion(caseId: string, doc: VersionDoc, id: string): Promise<{ version: DocumentVersionRecord; state: Uint8Array } | null>
}
