/**
 * Attachments of a case (issue 20): list, upload, delete. An upload sends
 * the file itself as the body (`application/octet-stream`, the browser
 * streams it from disk); the reply is checked like every other.
 */
import { AttachmentNameHeader, AttachmentReply, AttachmentsReply, type Attachment, type CaseAttachmentCategory } from '../../../shared/src/api/attachments.js'
import { InvalidReplyError, NetworkError, parseErrorReply } from './errors.js'
import { request } from './http.js'

const attachmentsUrl = (caseId: string): string => `/api/cases/${encodeURIComponent(caseId)}/attachments`

export const attachmentApi = {
  list: (caseId: string) => request(attachmentsUrl(caseId), { reply: AttachmentsReply }),

  remove: (caseId: string, attachmentId: string) => request(`${attachmentsUrl(caseId)}/${encodeURIComponent(attachmentId)}`, { method: 'DELETE' }),

  async upload(caseId: string, category: CaseAttachmentCategory, file: Blob, name: string): Promise<Attachment> {
    const query = new URLSearchParams({ category })
    let response: Response
    try {
      response = await fetch(`${attachmentsUrl(caseId)}?${query}`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { accept: 'application/json', 'content-type': 'application/octet-stream', [AttachmentNameHeader]: encodeURIComponent(name) },
        body: file,
      })
    } catch (err) {
      throw new NetworkError(err instanceof Error ? err.message : 'network error')
    }
    const text = await response.text()
    if (!response.ok) {
      throw parseErrorReply(response.status, text)
    }
    const parsed = AttachmentReply.safeParse(JSON.parse(text))
    if (!parsed.success) {
      throw new InvalidReplyError(`${attachmentsUrl(caseId)}: the reply is no attachment`)
    }
    return parsed.data.attachment
  },
}
