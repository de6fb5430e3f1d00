/** An attachment as the API lists it (shared/src/api/attachments.ts). */
import type { Attachment } from '../../../shared/src/api/attachments.js'
import type { AttachmentRecord } from '../storage/attachments/AttachmentStorage.js'

/** Where an attachment's bytes are downloaded. */
export function attachmentContentUrl(record: Pick<AttachmentRecord, 'id' | 'owner'>): string {
  const base = record.owner.kind === 'case' ? `/api/cases/${record.owner.caseId}` : `/api/pool-members/${record.owner.userId}`
  return `${base}/attachments/${record.id}/content`
}

export function toApiAttachment(record: AttachmentRecord, mayDelete: boolean): Attachment {
  return {
    id: record.id,
    category: record.category,
    name: record.name,
    mediaType: record.mediaType,
    sizeBytes: record.sizeBytes,
    uploadedAt: record.completedAt,
    uploadedBy: record.createdBy,
    uploadedByName: record.createdByName,
    contentUrl: attachmentContentUrl(record),
    mayDelete,
  }
}
