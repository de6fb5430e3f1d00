/**
 * A case's attachments (issue 20 point 2): scanned consent forms and
 * releases from confidentiality, work aids and checklists. Everyone lists
 * and downloads what the shared rule lets them read
 * (shared/src/policy/attachments.ts); coaches upload and delete while the
 * case is open. An attachment the caller may not read is "not found", so a
 * confidential scan does not even show that it exists. Uploads, downloads
 * and deletions are in the case's audit log with id and category, never a
 * file name.
 *
 *   GET    /api/cases/:id/attachments
 *   POST   /api/cases/:id/attachments?category=…   (application/octet-stream, the name in x-attachment-name)
 *   GET    /api/cases/:id/attachments/:attachmentId/content
 *   DELETE /api/cases/:id/attachments/:attachmentId
 */
import type { FastifyInstance } from 'fastify'
import { CaseAttachmentCategories, CaseUploadQuery, type AttachmentReply, type AttachmentsReply, type CaseAttachmentCategory } from '../../../../shared/src/api/attachments.js'
import { caseAttachmentAccess } from '../../../../shared/src/policy/attachments.js'
import { caseAttachmentAccessOf } from '../../access/caseAttachmentAccess.js'
import { toApiAttachment } from '../../api/toApiAttachment.js'
import { deleteAttachment, storeAttachment } from '../../commands/attachments.js'
import { auditEntry } from '../../commands/audit.js'
import { ConflictError } from '../../commands/errors.js'
import type { AttachmentOwner, AttachmentRecord, AttachmentStorage } from '../../storage/attachments/AttachmentStorage.js'
import type { AuditStorage } from '../../storage/audit/AuditStorage.js'
import type { CaseRecord, CaseStorage } from '../../storage/cases/CaseStorage.js'
import type { ConsentStorage } from '../../storage/consents/ConsentStorage.js'
import type { MemberRecord, MemberStorage } from '../../storage/members/MemberStorage.js'
import type { SessionStorage } from '../../storage/sessions/SessionStorage.js'
import type { AppContext } from '../AppContext.js'
import { authenticate } from '../authenticate.js'
import { forbidden, notFound } from '../errors.js'
import { RawUploadRoute, registerRawBodyParser, sendAttachment, uploadBody, uploadName } from '../fileTransfer.js'
import { parseBody } from '../parseBody.js'
import { loadCaseOfMember } from './caseAccess.js'

/** The storage ports this module uses. */
type Ports = AttachmentStorage & AuditStorage & CaseStorage & ConsentStorage & MemberStorage & SessionStorage

type Params = { Params: { id: string } }
type AttachmentParams = { Params: { id: string; attachmentId: string } }

const ownerOf = (caseId: string): AttachmentOwner => ({ kind: 'case', caseId })

/** 409 for a coach in a closed case, 403 for anyone else who may not add or delete `category`. */
function assertMayWrite(record: CaseRecord, member: MemberRecord, category: CaseAttachmentCategory, access: ReturnType<typeof caseAttachmentAccess>): void {
  if (access === 'write') {
    return
  }
  if (caseAttachmentAccess(category, member.role, { caseClosed: false, hasReleaseConsent: false }) === 'write' && record.closedAt !== null) {
    throw new ConflictError('caseClosed', 'This case is closed and can no longer be changed')
  }
  throw forbidden('attachmentsNotAllowed', 'Only the coaches of this case add or delete its attachments')
}

export function registerAttachmentRoutes(app: FastifyInstance, ctx: AppContext<Ports>): void {
  registerRawBodyParser(app)

  /** The case, the caller's membership and their access per category. */
  async function load(request: Parameters<typeof authenticate>[1], caseId: string) {
    const { user } = await authenticate(ctx, request)
    const { record, member } = await loadCaseOfMember(ctx, caseId, user.id)
    const accessOf = await caseAttachmentAccessOf(ctx.storage, record, member, ctx.clock)
    return { user, record, member, accessOf }
  }

  /** One attachment the caller may read; 404 otherwise (whether or not it exists). */
  async function readable(caseId: string, attachmentId: string, accessOf: (category: CaseAttachmentCategory) => string): Promise<AttachmentRecord> {
    const found = await ctx.storage.findAttachment(ownerOf(caseId), attachmentId)
    if (found === null || accessOf(found.category as CaseAttachmentCategory) === 'none') {
      throw notFound('attachmentNotFound', 'No such attachment')
    }
    return found
  }

  app.get<Params>('/api/cases/:id/attachments', async (request): Promise<AttachmentsReply> => {
    const { record, accessOf } = await load(request, request.params.id)
    const attachments = (await ctx.storage.listAttachments(ownerOf(record.id))).filter((found) => accessOf(found.category as CaseAttachmentCategory) !== 'none')
    return {
      attachments: attachments.map((found) => toApiAttachment(found, accessOf(found.category as CaseAttachmentCategory) === 'write')),
      mayUpload: CaseAttachmentCategories.filter((category) => accessOf(category) === 'write'),
      maxBytes: ctx.config.attachmentMaxBytes,
    }
  })

  app.post<Params>('/api/cases/:id/attachments', RawUploadRoute, async (request, reply): Promise<AttachmentReply> => {
    const { user, record, member, accessOf } = await load(request, request.params.id)
    const query = parseBody(CaseUploadQuery, request.query)
    assertMayWrite(record, member, query.category, accessOf(query.category))
    const body = uploadBody(request, ctx.config.attachmentMaxBytes)
    const stored = await storeAttachment(
      ctx,
      {
        owner: ownerOf(record.id),
        category: query.category,
        name: uploadName(request),
        uploadedBy: user.id,
        maxBytes: ctx.config.attachmentMaxBytes,
        audit: (attachment) => [auditEntry(record.id, 'attachmentUploaded', user.id, ctx.clock(), { attachmentId: attachment.id, category: attachment.category })],
      },
      body,
    )
    reply.code(201)
    return { attachment: toApiAttachment(stored, true) }
  })

  app.get<AttachmentParams>('/api/cases/:id/attachments/:attachmentId/content', async (request, reply) => {
    const { user, record, accessOf } = await load(request, request.params.id)
    const found = await readable(record.id, request.params.attachmentId, accessOf)
    await ctx.storage.appendAudit([auditEntry(record.id, 'attachmentDownloaded', user.id, ctx.clock(), { attachmentId: found.id, category: found.category })])
    return sendAttachment(reply, found, ctx.storage.readAttachment(found))
  })

  app.delete<AttachmentParams>('/api/cases/:id/attachments/:attachmentId', async (request, reply) => {
    const { user, record, member, accessOf } = await load(request, request.params.id)
    const found = await readable(record.id, request.params.attachmentId, accessOf)
    const category = found.category as CaseAttachmentCategory
    assertMayWrite(record, member, category, accessOf(category))
    await deleteAttachment(ctx, ownerOf(record.id), found.id, [auditEntry(record.id, 'attachmentDeleted', user.id, ctx.clock(), { attachmentId: found.id, category })])
    return reply.code(204).send()
  })
}
