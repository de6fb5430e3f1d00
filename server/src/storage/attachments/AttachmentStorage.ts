/** Attachments (issue 20 point 2): records and port. */
import type { AttachmentCategory } from '../../../../shared/src/api/attachments.js'
import type { AttachmentMediaType } from '../../../../shared/src/attachments/sniff.js'
import type { AuditOf } from '../audit/AuditStorage.js'

/** Whose file it is: a case's, or a pool member's (their account). */
export type AttachmentOwner = { kind: 'case'; caseId: string } | { kind: 'poolMember'; userId: string }

/** What an upload starts with (the bytes follow chunk by chunk). */
export interface NewAttachment {
  id: string
  owner: AttachmentOwner
  category: AttachmentCategory
  mediaType: AttachmentMediaType
  /** The file name as uploaded (sealed at rest). */
  name: string
  createdAt: string
  createdBy: string
}

/** A finished attachment as listed. */
export interface AttachmentRecord extends NewAttachment {
  sizeBytes: number
  chunkCount: number
  completedAt: string
  createdByName: string
}

/** Attachments: one row each, the file in sealed chunks. */
export interface AttachmentStorage {
  /**
   * Starts an upload: creates the attachment's data key and a row that no
   * list shows until {@link completeAttachment}.
   */
  beginAttachment(attachment: NewAttachment): Promise<void>
  /** Seals and stores chunk `seq` (0, 1, …) of an upload in progress. */
  appendAttachmentChunk(attachmentId: string, seq: number, chunk: Uint8Array): Promise<void>
  /**
   * Finishes an upload with its size and chunk count (sealed with the
   * name, so a missing chunk is noticed when read), with `audit`; false when
   * the upload is gone (erased meanwhile).
   */
  completeAttachment(attachment: NewAttachment, totals: { sizeBytes: number; chunkCount: number; completedAt: string }, audit?: AuditOf): Promise<boolean>
  /** The owner's finished attachments, newest first (those whose key is destroyed are left out). */
  listAttachments(owner: AttachmentOwner): Promise<AttachmentRecord[]>
  /** One finished attachment of the owner, or null. */
  findAttachment(owner: AttachmentOwner, attachmentId: string): Promise<AttachmentRecord | null>
  /**
   * The file's bytes, opened chunk by chunk as the consumer reads (one
   * chunk in memory at a time); throws when a chunk is missing, altered or
   * moved.
   */
  readAttachment(attachment: AttachmentRecord): AsyncGenerator<Buffer, void, undefined>
  /** Deletes an attachment (finished or not) with its chunks, and `audit`; false when there was none. */
  deleteAttachment(attachmentId: string, audit?: AuditOf): Promise<boolean>
  /** Ids of every attachment of the owner, unfinished ones included (erasure destroys their keys). */
  attachmentIdsOf(owner: AttachmentOwner): Promise<string[]>
  /** Ids of uploads begun before `before` and never finished (a crash or a dropped connection). */
  abandonedUploads(before: string): Promise<string[]>
}
