/**
 * Files over HTTP (issue 20): an upload is the raw request body
 * (`Content-Type: application/octet-stream`), handed to the command as a
 * stream — fastify's parser never buffers it; a download is streamed from
 * storage chunk by chunk, as an attachment with the sniffed type and
 * `nosniff`, never rendered inline on our origin.
 */
import { Readable } from 'node:stream'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { AttachmentName, AttachmentNameHeader } from '../../../shared/src/api/attachments.js'
import { extensionOf } from '../../../shared/src/attachments/sniff.js'
import { attachmentTooLarge } from '../commands/attachments.js'
import type { AttachmentRecord } from '../storage/attachments/AttachmentStorage.js'
import { HttpError, commandErrorToHttp, invalidRequest } from './errors.js'
import { parseBody } from './parseBody.js'

/** The route option that lets the CSRF guard accept a raw body on this route (csrfGuard.ts). */
export const RawUploadRoute = { config: { rawUpload: true } } as const

/** Whether a route accepts a raw upload body. */
export function acceptsRawUpload(request: FastifyRequest): boolean {
  return (request.routeOptions.config as { rawUpload?: boolean } | undefined)?.rawUpload === true
}

/** Registers the parser that passes an octet-stream body on unread (once per server). */
export function registerRawBodyParser(app: FastifyInstance): void {
  if (!app.hasContentTypeParser('application/octet-stream')) {
    app.addContentTypeParser('application/octet-stream', (_request, payload, done) => done(null, payload))
  }
}

/**
 * The upload's body as a stream. A declared length over the limit is
 * refused before a byte is read (413, and the connection closed so the
 * rest is not read either); an undeclared one is counted as it arrives.
 */
export function uploadBody(request: FastifyRequest, maxBytes: number): AsyncIterable<Uint8Array> {
  const declared = Number(request.headers['content-length'] ?? Number.NaN)
  if (Number.isFinite(declared) && declared > maxBytes) {
    const refusal = commandErrorToHttp(attachmentTooLarge(maxBytes)) as HttpError
    throw new HttpError(refusal.status, refusal.code, refusal.message, { connection: 'close' }, refusal.reason, refusal.params)
  }
  const body = request.body
  if (body === undefined || body === null || typeof (body as AsyncIterable<Uint8Array>)[Symbol.asyncIterator] !== 'function') {
    // No body at all (or not sent as application/octet-stream): an empty file.
    return (async function* () {})()
  }
  return body as AsyncIterable<Uint8Array>
}

/** The upload's file name from its header (percent-encoded UTF-8), validated; 400 when missing or unfit. */
export function uploadName(request: FastifyRequest): string {
  const raw = request.headers[AttachmentNameHeader]
  let name: unknown
  try {
    name = typeof raw === 'string' ? decodeURIComponent(raw) : undefined
  } catch {
    throw invalidRequest(`${AttachmentNameHeader}: must be percent-encoded UTF-8`)
  }
  return parseBody(AttachmentName, name)
}

/** An ASCII stand-in for old clients; the real name goes in filename* (RFC 6266 / 8187). */
function dispositionOf(name: string, extension: string): string {
  const withExtension = name.toLowerCase().endsWith(extension) ? name : `${name}${extension}`
  const ascii = withExtension.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_')
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(withExtension)}`
}

/** Sends an attachment's bytes as they are read from storage. */
export function sendAttachment(reply: FastifyReply, attachment: AttachmentRecord, chunks: AsyncIterable<Buffer>): FastifyReply {
  return reply
    .header('content-type', attachment.mediaType)
    .header('content-length', String(attachment.sizeBytes))
    .header('content-disposition', dispositionOf(attachment.name, extensionOf[attachment.mediaType]))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .send(Readable.from(chunks))
}
