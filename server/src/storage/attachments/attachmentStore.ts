/**
 * Attachments (issue 20) on either backend: a row per file and its chunks
 * (SQLite BLOB, PostgreSQL BYTEA), each chunk sealed with the attachment's
 * own data key. An upload writes chunk by chunk, each in a short
 * transaction of its own, so neither the file nor a long transaction is
 * ever held; a download opens one chunk at a time.
 */
import type { AttachmentCategory } from '../../../../shared/src/api/attachments.js'
import type { AttachmentMediaType } from '../../../../shared/src/attachments/sniff.js'
import { openAttachmentChunk, openAttachmentDetails, sealAttachmentChunk, sealAttachmentDetails } from '../../crypto/atRest.js'
import { attachmentKeyOwner } from '../../crypto/keyOwners.js'
import { insertAuditOf } from '../audit/auditStore.js'
import { all, get, run } from '../sql/query.js'
import type { StoreContext } from '../StoreContext.js'
import type { AttachmentOwner, AttachmentRecord, AttachmentStorage, NewAttachment } from './AttachmentStorage.js'

interface AttachmentRow {
  id: string
  owner_kind: 'case' | 'poolMember'
  case_id: string | null
  owner_user_id: string | null
  category: AttachmentCategory
  media_type: AttachmentMediaType
  size_bytes: number | string
  chunk_count: number | string
  details: string
  created_at: string
  created_by: string
  completed_at: string
  created_by_name: string
}

/** The sealed part of a row. */
interface AttachmentDetails {
  name: string
  sizeBytes?: number
  chunkCount?: number
}

const SQL_SELECT = `SELECT a.*, u.name AS created_by_name FROM attachments a JOIN users u ON u.id = a.created_by`
const SQL_LIST_OF_CASE = `${SQL_SELECT} WHERE a.case_id = ? AND a.completed_at IS NOT NULL ORDER BY a.created_at DESC, a.id`
const SQL_LIST_OF_USER = `${SQL_SELECT} WHERE a.owner_user_id = ? AND a.completed_at IS NOT NULL ORDER BY a.created_at DESC, a.id`
const SQL_FIND_OF_CASE = `${SQL_SELECT} WHERE a.id = ? AND a.case_id = ? AND a.completed_at IS NOT NULL`
const SQL_FIND_OF_USER = `${SQL_SELECT} WHERE a.id = ? AND a.owner_user_id = ? AND a.completed_at IS NOT NULL`
const SQL_INSERT = `INSERT INTO attachments (id, owner_kind, case_id, owner_user_id, category, media_type, details, created_at, created_by)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`
const SQL_INSERT_CHUNK = 'INSERT INTO attachment_chunks (attachment_id, seq, data) VALUES (?, ?, ?)'
const SQL_COMPLETE = `UPDATE attachments SET size_bytes = ?, chunk_count = ?, details = ?, completed_at = ? WHERE id = ? AND completed_at IS NULL`
const SQL_CHUNK = 'SELECT data FROM attachment_chunks WHERE attachment_id = ? AND seq = ?'
const SQL_DELETE = 'DELETE FROM attachments WHERE id = ?'
const SQL_IDS_OF_CASE = 'SELECT id FROM attachments WHERE case_id = ? ORDER BY id'
const SQL_IDS_OF_USER = 'SELECT id FROM attachments WHERE owner_user_id = ? ORDER BY id'
const SQL_ABANDONED = 'SELECT id FROM attachments WHERE completed_at IS NULL AND created_at < ? ORDER BY id'

function ownerColumns(owner: AttachmentOwner): [string | null, string | null] {
  return owner.kind === 'case' ? [owner.caseId, null] : [null, owner.userId]
}

function ownerOf(row: AttachmentRow): AttachmentOwner {
  return row.owner_kind === 'case' ? { kind: 'case', caseId: row.case_id as string } : { kind: 'poolMember', userId: row.owner_user_id as string }
}

/** {@link AttachmentStorage} on either backend. */
export function createAttachmentStore({ db, atRest }: StoreContext): AttachmentStorage {
  const keyring = atRest.keyring

  /** Rows with their details opened; a row whose key was destroyed (deleted, its row not yet) is left out. */
  async function open(rows: readonly AttachmentRow[]): Promise<AttachmentRecord[]> {
    const keys = await keyring.dataKeys(rows.map((row) => attachmentKeyOwner(row.id)), { create: false, skipDestroyed: true })
    return rows.flatMap((row) => {
      const key = keys.get(attachmentKeyOwner(row.id))
      if (key === undefined) {
        return []
      }
      const details = JSON.parse(openAttachmentDetails(key, row.id, row.details)) as AttachmentDetails
      const sizeBytes = Number(row.size_bytes)
      const chunkCount = Number(row.chunk_count)
      if (details.sizeBytes !== sizeBytes || details.chunkCount !== chunkCount) {
        // The plain columns were changed outside Fallbuch: trust the sealed totals only.
        throw new Error(`attachment ${row.id}: stored size or chunk count differs from its sealed details`)
      }
      return [
        {
          id: row.id,
          owner: ownerOf(row),
          category: row.category,
          mediaType: row.media_type,
          name: details.name,
          createdAt: row.created_at,
          createdBy: row.created_by,
          createdByName: row.created_by_name,
          sizeBytes,
          chunkCount,
          completedAt: row.completed_at,
        },
      ]
    })
  }

  return {
    async beginAttachment(attachment: NewAttachment) {
      const key = await keyring.dataKey(attachmentKeyOwner(attachment.id))
      const details = sealAttachmentDetails(key, attachment.id, JSON.stringify({ name: attachment.name } satisfies AttachmentDetails))
      const [caseId, userId] = ownerColumns(attachment.owner)
      await db.transaction(() =>
        run(SQL_INSERT, attachment.id, attachment.owner.kind, caseId, userId, attachment.category, attachment.mediaType, details, attachment.createdAt, attachment.createdBy),
      )
    },

    async appendAttachmentChunk(attachmentId, seq, chunk) {
      const key = await keyring.existingDataKey(attachmentKeyOwner(attachmentId))
      const sealed = sealAttachmentChunk(key, attachmentId, seq, chunk)
      await db.transaction(() => run(SQL_INSERT_CHUNK, attachmentId, seq, sealed))
    },

    async completeAttachment(attachment, { sizeBytes, chunkCount, completedAt }, audit) {
      const key = await keyring.existingDataKey(attachmentKeyOwner(attachment.id))
      const details = sealAttachmentDetails(key, attachment.id, JSON.stringify({ name: attachment.name, sizeBytes, chunkCount } satisfies AttachmentDetails))
      return db.transaction(function* () {
        const result = yield* run(SQL_COMPLETE, sizeBytes, chunkCount, details, completedAt, attachment.id)
        if (result.changes !== 1) {
          return false
        }
        yield* insertAuditOf(audit, undefined)
        return true
      })
    },

    listAttachments: async (owner) =>
      open(await db.query(all<AttachmentRow>(owner.kind === 'case' ? SQL_LIST_OF_CASE : SQL_LIST_OF_USER, owner.kind === 'case' ? owner.caseId : owner.userId))),

    async findAttachment(owner, attachmentId) {
      const row = await db.query(
        get<AttachmentRow>(owner.kind === 'case' ? SQL_FIND_OF_CASE : SQL_FIND_OF_USER, attachmentId, owner.kind === 'case' ? owner.caseId : owner.userId),
      )
      return row === undefined ? null : ((await open([row]))[0] ?? null)
    },

    async *readAttachment(attachment) {
      const key = await keyring.existingDataKey(attachmentKeyOwner(attachment.id))
      for (let seq = 0; seq < attachment.chunkCount; seq += 1) {
        const row = await db.query(get<{ data: Uint8Array }>(SQL_CHUNK, attachment.id, seq))
        if (row === undefined) {
          throw new Error(`attachment ${attachment.id}: chunk ${seq} of ${attachment.chunkCount} is missing`)
        }
        yield openAttachmentChunk(key, attachment.id, seq, row.data)
      }
    },

    deleteAttachment: async (attachmentId, audit) =>
      db.transaction(function* () {
        const result = yield* run(SQL_DELETE, attachmentId)
        if (result.changes === 0) {
          return false
        }
        yield* insertAuditOf(audit, undefined)
        return true
      }),

    attachmentIdsOf: async (owner) =>
      (await db.query(all<{ id: string }>(owner.kind === 'case' ? SQL_IDS_OF_CASE : SQL_IDS_OF_USER, owner.kind === 'case' ? owner.caseId : owner.userId))).map(
        (row) => row.id,
      ),

    abandonedUploads: async (before) => (await db.query(all<{ id: string }>(SQL_ABANDONED, before))).map((row) => row.id),
  }
}
