/**
 * A pool member's evidence (issue 20 point 2): certificates, references
 * (Arbeitszeugnis), the questionnaire and anonymised final reports of an
 * application, kept with the applicant's own account. Who may do what is
 * one shared rule (shared/src/policy/attachments.ts mayAccessPoolEvidence):
 * the applicant everything, an admin reads and deletes.
 *
 *   GET    /api/pool-members/:userId/attachments
 *   POST   /api/pool-members/:userId/attachments?category=…   (application/octet-stream, the name in x-attachment-name)
 *   GET    /api/pool-members/:userId/attachments/:attachmentId/content
 *   DELETE /api/pool-members/:userId/attachments/:attachmentId
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { PoolEvidenceCategories, PoolEvidenceUploadQuery, type AttachmentReply, type AttachmentsReply } from '../../../../shared/src/api/attachments.js'
import { isOpaqueId } from '../../../../shared/src/ids.js'
import { mayAccessPoolEvidence, type PoolEvidenceAction, type PoolEvidenceCaller } from '../../../../shared/src/policy/attachments.js'
import { toApiAttachment } from '../../api/toApiAttachment.js'
import { deleteAttachment, storeAttachment } from '../../commands/attachments.js'
import type { AttachmentOwner, AttachmentStorage } from '../../storage/attachments/AttachmentStorage.js'
import type { SessionStorage } from '../../storage/sessions/SessionStorage.js'
import type { UserStorage } from '../../storage/users/UserStorage.js'
import type { AppContext } from '../AppContext.js'
import { authenticate, type Caller } from '../authenticate.js'
import { forbidden, notFound } from '../errors.js'
import { RawUploadRoute, registerRawBodyParser, sendAttachment, uploadBody, uploadName } from '../fileTransfer.js'
import { parseBody } from '../parseBody.js'

/** The storage ports this module uses. */
type Ports = AttachmentStorage & SessionStorage & UserStorage

type Params = { Params: { userId: string } }
type AttachmentParams = { Params: { userId: string; attachmentId: string } }

export function registerPoolEvidenceRoutes(app: FastifyInstance, ctx: AppContext<Ports>): void {
  registerRawBodyParser(app)

  /** The caller, when the rule lets them do `action` with the evidence of the account `userId` (which must exist). */
  async function authorise(request: FastifyRequest, userId: string, action: PoolEvidenceAction): Promise<{ caller: Caller; owner: AttachmentOwner }> {
    const caller = await authenticate(ctx, request)
    if (!mayAccessPoolEvidence(evidenceCaller(caller.user), userId, action)) {
      throw forbidden('attachmentsNotAllowed', 'Only the applicant, or an admin, sees and deletes this evidence; only the applicant adds to it')
    }
    if (!isOpaqueId(userId) || (await ctx.storage.findUserById(userId)) === null) {
      throw notFound('userNotFound', 'No such user')
    }
    return { caller, owner: { kind: 'poolMember', userId } }
  }

  app.get<Params>('/api/pool-members/:userId/attachments', async (request): Promise<AttachmentsReply> => {
    const { caller, owner } = await authorise(request, request.params.userId, 'read')
    const mayDelete = mayAccessPoolEvidence(evidenceCaller(caller.user), request.params.userId, 'delete')
    const mayUpload = mayAccessPoolEvidence(evidenceCaller(caller.user), request.params.userId, 'upload')
    return {
      attachments: (await ctx.storage.listAttachments(owner)).map((found) => toApiAttachment(found, mayDelete)),
      mayUpload: mayUpload ? [...PoolEvidenceCategories] : [],
      maxBytes: ctx.config.attachmentMaxBytes,
    }
  })

  app.post<Params>('/api/pool-members/:userId/attachments', RawUploadRoute, async (request, reply): Promise<AttachmentReply> => {
    const { caller, owner } = await authorise(request, request.params.userId, 'upload')
    const query = parseBody(PoolEvidenceUploadQuery, request.query)
    const body = uploadBody(request, ctx.config.attachmentMaxBytes)
    const stored = await storeAttachment(ctx, { owner, category: query.category, name: uploadName(request), uploadedBy: caller.user.id, maxBytes: ctx.config.attachmentMaxBytes }, body)
    reply.code(201)
    return { attachment: toApiAttachment(stored, true) }
  })

  app.get<AttachmentParams>('/api/pool-members/:userId/attachments/:attachmentId/content', async (request, reply) => {
    const { owner } = await authorise(request, request.params.userId, 'read')
    const found = await ctx.storage.findAttachment(owner, request.params.attachmentId)
    if (found === null) {
      throw notFound('attachmentNotFound', 'No such attachment')
    }
    return sendAttachment(reply, found, ctx.storage.readAttachment(found))
  })

  app.delete<AttachmentParams>('/api/pool-members/:userId/attachments/:attachmentId', async (request, reply) => {
    const { owner } = await authorise(request, request.params.userId, 'delete')
    await deleteAttachment(ctx, owner, request.params.attachmentId)
    return reply.code(204).send()
  })
}

/** The caller as the evidence rule sees them. */
function evidenceCaller(user: { id: string; isAdmin: boolean; isCoordinator?: boolean; isIntegrationsamt?: boolean }): PoolEvidenceCaller {
  return { userId: user.id, isAdmin: user.isAdmin, isCoordinator: user.isCoordinator === true, isIntegrationsamt: user.isIntegrationsamt === true }
}
