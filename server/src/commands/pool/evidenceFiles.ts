/**
 * The files of evidence items (issue 20 point 2): an item links one of the
 * applicant's own uploads (attachment owner `poolMember`, the applicant's
 * account). The link is checked here, on the server: the attachment must
 * belong to the application's owner and to no other item; a file that is
 * unlinked (item removed, file replaced) is deleted, key first.
 */
import type { ApiEvidenceItem } from '../../../../shared/src/api/pool.js'
import { attachmentContentUrl } from '../../api/toApiAttachment.js'
import type { Services } from '../../services/Services.js'
import type { AttachmentOwner, AttachmentStorage } from '../../storage/attachments/AttachmentStorage.js'
import type { ApplicationRecord } from '../../storage/pool/PoolStorage.js'
import { deleteAttachment } from '../attachments.js'
import { ConflictError, NotFoundError } from '../errors.js'

/** Whose files an application's evidence may link: its applicant's. */
export function evidenceOwner(application: Pick<ApplicationRecord, 'userId'>): AttachmentOwner {
  return { kind: 'poolMember', userId: application.userId }
}

/**
 * Throws unless `attachmentId` is a finished upload of the applicant's own
 * and no item but `forItemId` links it (one file serves one item, so
 * removing one item never takes another item's file with it).
 */
export async function assertLinkableFile(
  services: Services<AttachmentStorage>,
  application: Pick<ApplicationRecord, 'userId' | 'evidence'>,
  attachmentId: string,
  forItemId: string | null,
): Promise<void> {
  // Another person's id answers exactly like a missing one: nothing about their files leaks.
  if ((await services.storage.findAttachment(evidenceOwner(application), attachmentId)) === null) {
    throw new NotFoundError('attachmentNotFound', 'The applicant has no such attachment')
  }
  if (application.evidence.some((item) => item.id !== forItemId && item.attachmentId === attachmentId)) {
    throw new ConflictError('evidenceFileInUse', 'This attachment belongs to another evidence item')
  }
}

/** Deletes a file no item links any more; one the applicant deleted already is fine. */
export async function discardEvidenceFile(services: Services<AttachmentStorage>, application: Pick<ApplicationRecord, 'userId'>, attachmentId: string | null): Promise<void> {
  if (attachmentId === null) {
    return
  }
  try {
    await deleteAttachment(services, evidenceOwner(application), attachmentId)
  } catch (err) {
    if (!(err instanceof NotFoundError)) {
      throw err
    }
  }
}

/** The evidence items with their files, as the API shows them (a file deleted meanwhile shows as none). */
export async function evidenceWithFiles(services: Services<AttachmentStorage>, application: Pick<ApplicationRecord, 'userId' | 'evidence'>): Promise<ApiEvidenceItem[]> {
  const linked = application.evidence.some((item) => item.attachmentId !== null)
  const files = new Map(linked ? (await services.storage.listAttachments(evidenceOwner(application))).map((record) => [record.id, record]) : [])
  return application.evidence.map((item) => {
    const record = item.attachmentId === null ? undefined : files.get(item.attachmentId)
    return {
      ...item,
      file: record === undefined ? null : { name: record.name, mediaType: record.mediaType, sizeBytes: record.sizeBytes, contentUrl: attachmentContentUrl(record) },
    }
  })
}
