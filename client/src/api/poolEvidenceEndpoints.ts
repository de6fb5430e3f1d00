/**
 * A pool member's evidence files (issue 20 point 2): the attachment store
 * under the applicant's own account. An item of the application links a
 * file through poolApi.setEvidenceFile once it is uploaded.
 */
import { AttachmentsReply, type Attachment, type PoolEvidenceCategory } from '../../../shared/src/api/attachments.js'
import { uploadAttachment } from './attachmentUpload.js'
import { request } from './http.js'

const attachmentsUrl = (userId: string): string => `/api/pool-members/${encodeURIComponent(userId)}/attachments`

export const poolEvidenceApi = {
  /** The member's files and the upload limit. */
  list: (userId: string) => request(attachmentsUrl(userId), { reply: AttachmentsReply }),

  remove: (userId: string, attachmentId: string) => request(`${attachmentsUrl(userId)}/${encodeURIComponent(attachmentId)}`, { method: 'DELETE' }),

  upload: (userId: string, category: PoolEvidenceCategory, file: Blob, name: string): Promise<Attachment> => uploadAttachment(attachmentsUrl(userId), category, file, name),
}
