/**
 * Uploading one file to an attachment route (issue 20): the file itself as
 * the body (`application/octet-stream`, the browser streams it from disk),
 * its name percent-encoded in a header, never in the address. Shared by
 * the case's attachments and a pool member's evidence.
 */
import { AttachmentNameHeader, AttachmentReply, type Attachment, type AttachmentCategory } from '../../../shared/src/api/attachments.js'
import { InvalidReplyError, NetworkError, parseErrorReply } from './errors.js'

/** Posts `file` to `attachmentsUrl` (a `…/attachments` route) as `category`; resolves with the stored attachment. */
export async function uploadAttachment(attachmentsUrl: string, category: AttachmentCategory, file: Blob, name: string): Promise<Attachment> {
  const query = new URLSearchParams({ category })
  let response: Response
  try {
    response = await fetch(`${attachmentsUrl}?${query}`, {
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
  let parsed: ReturnType<typeof AttachmentReply.safeParse>
  try {
    parsed = AttachmentReply.safeParse(JSON.parse(text))
  } catch {
    throw new InvalidReplyError(`${attachmentsUrl}: the reply is no JSON`)
  }
  if (!parsed.success) {
    throw new InvalidReplyError(`${attachmentsUrl}: the reply is no attachment`)
  }
  return parsed.data.attachment
}
