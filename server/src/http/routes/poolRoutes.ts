/**
 * The Jobcoach pool (issue 20, shared/src/api/pool.ts). A staff account
 * reads and edits only its own application (`/api/pool/me…`: the caller's
 * id, never one from the path); the coordination office (coordinator flag)
 * checks, classifies and admits; the Integrationsamt (its flag) reads the
 * applications and gives the second approval; matching and proposals are
 * the office's, answers the proposed coach's own.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import {
  AddEvidenceBody,
  AddSupervisionBody,
  AddTrainingBody,
  AnswerProposalBody,
  ApproveBody,
  ClassifyBody,
  ConfirmEvidenceBody,
  DeclineApplicationBody,
  MatchNeeds,
  MeetingBody,
  ProposeBody,
  SaveOwnApplicationBody,
  SetEvidenceFileBody,
  type AnswerProposalReply,
  type ApplicationReply,
  type ApplicationsReply,
  type MatchingReply,
  type Proposal,
  type ProposalPreviewsReply,
  type ProposalsReply,
} from '../../../../shared/src/api/pool.js'
import { isOpaqueId } from '../../../../shared/src/ids.js'
import type { Action } from '../../../../shared/src/policy/actions.js'
import {
  addEvidence,
  addSupervision,
  addTraining,
  approveAdmission,
  classifyApplication,
  confirmEvidence,
  declineApplication,
  eraseApplication,
  erasePoolData,
  loadApplication,
  ownApplication,
  removeEvidence,
  removeRecord,
  saveMeeting,
  saveOwnApplication,
  setEvidenceFile,
  submitApplication,
} from '../../commands/pool/applications.js'
import { answerProposal, previewsOf, proposeCoaches, rankForRequest, setMatchNeeds } from '../../commands/pool/matching.js'
import { qualifiedNow, toApiApplication, toApiSummary } from '../../commands/pool/view.js'
import { loadRequest } from '../../commands/requests.js'
import type { ApplicationWithName, ProposalWithName, Storage, UserRecord } from '../../storage/Storage.js'
import type { AppContext } from '../AppContext.js'
import { assertMay } from '../assertMay.js'
import { authenticate } from '../authenticate.js'
import { conflict, notFound } from '../errors.js'
import { parseBody } from '../parseBody.js'

function toApiProposal(proposal: ProposalWithName): Proposal {
  return { id: proposal.id, requestId: proposal.requestId, userId: proposal.userId, name: proposal.name, status: proposal.status, proposedAt: proposal.proposedAt, answeredAt: proposal.answeredAt }
}

export function registerPoolRoutes(app: FastifyInstance, ctx: AppContext<Storage>): void {
  /** The caller, once the policy lets them do `action` (403 otherwise). */
  const caller = async (request: FastifyRequest, action: Action): Promise<UserRecord> => {
    const { user } = await authenticate(ctx, request)
    assertMay(null, action, { isStaff: user.kind === 'staff', isCoordinator: user.isCoordinator === true, isIntegrationsamt: user.isIntegrationsamt === true })
    return user
  }
  const applicationOf = (id: string): Promise<ApplicationWithName> => {
    if (!isOpaqueId(id)) {
      throw notFound('applicationNotFound', 'No such application')
    }
    return loadApplication(ctx, id)
  }
  const requestOf = (id: string) => {
    if (!isOpaqueId(id)) {
      throw notFound('requestNotFound', 'No such request')
    }
    return loadRequest(ctx, id)
  }
  const own = async (request: FastifyRequest): Promise<ApplicationWithName> => ownApplication(ctx, await caller(request, 'pool.own'))
  const reply = async (application: ApplicationWithName): Promise<ApplicationReply> => ({ application: await toApiApplication(ctx, application) })

  // ---- the applicant's own application ----
  app.get('/api/pool/me', async (request) => reply(await own(request)))

  app.patch('/api/pool/me', async (request) => {
    const application = await own(request)
    return reply(await saveOwnApplication(ctx, application, parseBody(SaveOwnApplicationBody, request.body)))
  })

  app.post('/api/pool/me/submit', async (request) => reply(await submitApplication(ctx, await own(request))))

  app.post('/api/pool/me/evidence', async (request, response) => {
    const application = await own(request)
    const body = parseBody(AddEvidenceBody, request.body)
    response.code(201)
    return reply(await addEvidence(ctx, application, body))
  })

  app.delete<{ Params: { evidenceId: string } }>('/api/pool/me/evidence/:evidenceId', async (request) =>
    reply(await removeEvidence(ctx, await own(request), request.params.evidenceId, false)),
  )

  // The file of an item: an upload of the caller's own (POST /api/pool-members/:userId/attachments), checked by the command.
  app.post<{ Params: { evidenceId: string } }>('/api/pool/me/evidence/:evidenceId/file', async (request) => {
    const application = await own(request)
    const body = parseBody(SetEvidenceFileBody, request.body)
    return reply(await setEvidenceFile(ctx, application, request.params.evidenceId, body.attachmentId))
  })

  app.post('/api/pool/me/trainings', async (request, response) => {
    const application = await own(request)
    const body = parseBody(AddTrainingBody, request.body)
    response.code(201)
    return reply(await addTraining(ctx, application, body))
  })

  app.post('/api/pool/me/supervisions', async (request, response) => {
    const application = await own(request)
    const body = parseBody(AddSupervisionBody, request.body)
    response.code(201)
    return reply(await addSupervision(ctx, application, body))
  })

  app.delete<{ Params: { kind: string; id: string } }>('/api/pool/me/:kind/:id', async (request) => {
    const kind = request.params.kind
    if (kind !== 'trainings' && kind !== 'supervisions') {
      throw notFound('evidenceNotFound', 'No such entry')
    }
    return reply(await removeRecord(ctx, await own(request), kind, request.params.id))
  })

  // The person's own pool data (GDPR Art. 15/20): the application as the API shows it and the proposals made to them.
  app.get('/api/pool/me/export', async (request, response) => {
    const user = await caller(request, 'pool.own')
    const application = await ctx.storage.findApplicationOfUser(user.id)
    const proposals = (await ctx.storage.listProposalsOfUser(user.id)).map(toApiProposal)
    // The invitation the account was made with (issue 20 point 1): who invited and when; the row holds nothing else of theirs once used.
    const invited = await ctx.storage.findPoolInvitationAcceptedBy(user.id)
    const invitation = invited === null ? null : { invitedBy: invited.createdByName, invitedAt: invited.createdAt, acceptedAt: invited.acceptedAt }
    response.header('content-disposition', 'attachment; filename="jobcoach-pool.json"')
    return { exportedAt: ctx.clock().toISOString(), application: application === null ? null : await toApiApplication(ctx, application), proposals, invitation }
  })

  // "Bewerbung zurückziehen und Daten löschen": the member's application, profile, evidence files and keeping-qualified records.
  app.delete('/api/pool/me', async (request, response) => {
    const user = await caller(request, 'pool.own')
    await erasePoolData(ctx, user.id, 'member', user)
    return response.code(204).send()
  })

  // An admin erases the pool data of a deactivated account (an active member withdraws it themselves).
  app.delete<{ Params: { userId: string } }>('/api/users/:userId/pool-data', async (request, response) => {
    const { user } = await authenticate(ctx, request)
    assertMay(null, 'accounts.manage', { isAdmin: user.isAdmin }, 'Only an admin can erase the pool data of an account')
    const target = isOpaqueId(request.params.userId) ? await ctx.storage.findUserById(request.params.userId) : null
    if (target === null) {
      throw notFound('userNotFound', 'No such user')
    }
    if (target.active) {
      throw conflict('accountStillActive', 'Deactivate the account first; an active member withdraws the application themselves')
    }
    await erasePoolData(ctx, target.id, 'admin', user)
    return response.code(204).send()
  })

  // ---- proposals to the caller ----
  app.get('/api/pool/proposals', async (request): Promise<ProposalPreviewsReply> => {
    const user = await caller(request, 'pool.own')
    return { proposals: await previewsOf(ctx, user.id) }
  })

  app.post<{ Params: { id: string } }>('/api/pool/proposals/:id/answer', async (request): Promise<AnswerProposalReply> => {
    const user = await caller(request, 'pool.own')
    const body = parseBody(AnswerProposalBody, request.body)
    return answerProposal(ctx, request.params.id, user, body.answer, ctx.config.billingRetentionYears)
  })

  // ---- the coordination office and the Integrationsamt ----
  app.get('/api/pool/applications', async (request): Promise<ApplicationsReply> => {
    await caller(request, 'pool.review')
    const applications = await ctx.storage.listApplications()
    return {
      applications: await Promise.all(
        applications.map(async (application) => ({ ...toApiSummary(application), qualified: application.status === 'admitted' ? await qualifiedNow(ctx, application) : null })),
      ),
    }
  })

  app.get<{ Params: { id: string } }>('/api/pool/applications/:id', async (request) => {
    await caller(request, 'pool.review')
    return reply(await applicationOf(request.params.id))
  })

  app.post<{ Params: { id: string; evidenceId: string } }>('/api/pool/applications/:id/evidence/:evidenceId/confirm', async (request) => {
    await caller(request, 'pool.coordinate')
    const body = parseBody(ConfirmEvidenceBody, request.body)
    return reply(await confirmEvidence(ctx, await applicationOf(request.params.id), request.params.evidenceId, body.confirmed))
  })

  app.post<{ Params: { id: string } }>('/api/pool/applications/:id/classify', async (request) => {
    const user = await caller(request, 'pool.coordinate')
    const body = parseBody(ClassifyBody, request.body)
    return reply(await classifyApplication(ctx, await applicationOf(request.params.id), body, user))
  })

  app.post<{ Params: { id: string } }>('/api/pool/applications/:id/approve', async (request) => {
    const body = parseBody(ApproveBody, request.body)
    const user = await caller(request, body.as === 'office' ? 'pool.coordinate' : 'pool.approveAsIntegrationsamt')
    return reply(await approveAdmission(ctx, await applicationOf(request.params.id), body.as, user))
  })

  app.post<{ Params: { id: string } }>('/api/pool/applications/:id/decline', async (request) => {
    const user = await caller(request, 'pool.coordinate')
    const body = parseBody(DeclineApplicationBody, request.body)
    return reply(await declineApplication(ctx, await applicationOf(request.params.id), body.note, user))
  })

  app.patch<{ Params: { id: string } }>('/api/pool/applications/:id/meeting', async (request) => {
    await caller(request, 'pool.coordinate')
    const body = parseBody(MeetingBody, request.body)
    return reply(await saveMeeting(ctx, await applicationOf(request.params.id), body))
  })

  app.delete<{ Params: { id: string } }>('/api/pool/applications/:id', async (request, response) => {
    const user = await caller(request, 'pool.coordinate')
    await eraseApplication(ctx, await applicationOf(request.params.id), 'office', user)
    return response.code(204).send()
  })

  // ---- matching a request ----
  app.patch<{ Params: { id: string } }>('/api/pool/requests/:id/needs', async (request, response) => {
    await caller(request, 'pool.coordinate')
    const body = parseBody(MatchNeeds, request.body)
    await setMatchNeeds(ctx, await requestOf(request.params.id), body)
    return response.code(204).send()
  })

  app.get<{ Params: { id: string } }>('/api/pool/requests/:id/matching', async (request): Promise<MatchingReply> => {
    await caller(request, 'pool.coordinate')
    const intake = await requestOf(request.params.id)
    const needs = await ctx.storage.findMatchNeeds(intake.id)
    return {
      needs,
      ranking: needs === null ? [] : await rankForRequest(ctx, needs),
      proposals: (await ctx.storage.listProposalsOfRequest(intake.id)).map(toApiProposal),
      caseId: intake.caseId,
    }
  })

  app.post<{ Params: { id: string } }>('/api/pool/requests/:id/proposals', async (request, response): Promise<ProposalsReply> => {
    const user = await caller(request, 'pool.coordinate')
    const body = parseBody(ProposeBody, request.body)
    const proposals = await proposeCoaches(ctx, await requestOf(request.params.id), body.userIds, user)
    response.code(201)
    return { proposals: proposals.map(toApiProposal) }
  })
}
