/**
 * Attachments of a case (issue 20): list, upload, delete. An upload sends
 * the file itself as the body (attachmentUpload.ts); the reply is checked
 * like every other.
 */
import { AttachmentsReply, type Attachment, type CaseAttachmentCategory } from '../../../shared/src/api/attachments.js'
import { uploadAttachment } from './attachmentUpload.js'
import { request } from './http.js'

const attachmentsUrl = (caseId: string): string => `/api/cases/${encodeURIComponent(caseId)}/attachments`

export const attachmentApi = {
  list: (caseId: string) => request(attachmentsUrl(caseId), { reply: AttachmentsReply }),

  remove: (caseId: string, attachmentId: string) => request(`${attachmentsUrl(caseId)}/${encodeURIComponent(attachmentId)}`, { method: 'DELETE' }),

  upload: (caseId: string, category: CaseAttachmentCategory, file: Blob, name: string): Promise<Attachment> => uploadAttachment(attachmentsUrl(caseId), category, file, name),
}
