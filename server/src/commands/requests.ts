/**
 * Requests and intake (issue 19): record a request, clarify the order (A1),
 * accept it (it becomes a case through the usual case creation, with the
 * request's person, funding and rough goals) or decline it with a reason
 * and a referral. The flow's rules are shared (shared/src/process/requestFlow.ts).
 */
import type { PoolApplicantLookup } from '../storage/pool/PoolInvitationStorage.js'
import { isPoolOnly } from './pool/invitations.js'
import type { ClarifyRequestBody, CreateRequestFields, DeclineRequestBody } from '../../../shared/src/api/requests.js'
import { addGoal, emptyGoal, setGoalField } from '../../../shared/src/caseDocument/plan.js'
import { requestLabels } from '../../../shared/src/labels/requestLabels.js'
import { requestRetentionCutoffs, requestStepRefusal, type RequestStep } from '../../../shared/src/process/requestFlow.js'
import { newId } from '../ids.js'
import type { Services } from '../services/Services.js'
import type { CaseRecord, CaseStorage } from '../storage/cases/CaseStorage.js'
import type { FundingStorage } from '../storage/funding/FundingStorage.js'
import type { RequestRecord, RequestStorage, RequestWithNames } from '../storage/requests/RequestStorage.js'
import type { SupervisionGroupStorage } from '../storage/supervision/SupervisionStorage.js'
import type { UserRecord } from '../storage/users/UserStorage.js'
import type { ErasureStorage } from '../storage/erasure/ErasureStorage.js'
import type { AttachmentStorage } from '../storage/attachments/AttachmentStorage.js'
import { auditEntry } from './audit.js'
import { createCase } from './cases.js'
import { eraseCase } from './eraseCase.js'
import { ConflictError, NotFoundError } from './errors.js'
import { setCaseFunding } from './funding.js'

type Actor = Pick<UserRecord, 'id' | 'name'>

/**
 * Whether an account takes requests (the action policy's `takesIntake`):
 * staff, except an account that only supervises — in a supervision group,
 * coach of no case, neither lead nor admin.
 */
export async function takesIntake(storage: CaseStorage & SupervisionGroupStorage & PoolApplicantLookup, user: UserRecord): Promise<boolean> {
  if (user.kind !== 'staff') {
    return false
  }
  // An invited pool applicant takes no requests until matched to a case (issue 20).
  if (await isPoolOnly(storage, user)) {
    return false
  }
  if (user.isAdmin || user.isLead) {
    return true
  }
  if ((await storage.listSupervisionGroupsOfUser(user.id)).length === 0) {
    return true
  }
  return (await storage.listCasesOfUser(user.id)).some(({ role }) => role === 'coach')
}

/** Throws the conflict a refused step means. */
function assertStep(request: RequestRecord, step: RequestStep): void {
  const refusal = requestStepRefusal(request, step)
  if (refusal === 'decided') {
    throw new ConflictError('requestDecided', 'This request has been decided already')
  }
  if (refusal === 'consentMissing') {
    throw new ConflictError('requestConsentMissing', "Record the person's consent to the cooperation before accepting")
  }
}

/** The request by id, or 404. */
export async function loadRequest(services: Services<RequestStorage>, id: string): Promise<RequestWithNames> {
  const request = await services.storage.findRequest(id)
  if (request === null) {
    throw new NotFoundError('requestNotFound', 'No such request')
  }
  return request
}

/** Saves an open request; a decision meanwhile is a conflict. */
async function saveOpen(services: Services<RequestStorage>, record: RequestRecord): Promise<RequestWithNames> {
  if (!(await services.storage.saveOpenRequest(record))) {
    throw new ConflictError('requestDecided', 'This request has been decided already')
  }
  return loadRequest(services, record.id)
}

async function assertFundingBodyChoosable(services: Services<FundingStorage>, fundingBodyId: string | null, current: string | null): Promise<void> {
  if (fundingBodyId === null || fundingBodyId === current) {
    return
  }
  const body = await services.storage.findFundingBody(fundingBodyId)
  if (body === null) {
    throw new NotFoundError('fundingBodyNotFound', 'No such funding body')
  }
  if (!body.active) {
    throw new ConflictError('fundingBodyInactive', 'This funding body is no longer active')
  }
}

/** Records a new, open request. */
export async function recordRequest(services: Services<RequestStorage>, body: CreateRequestFields, actor: Actor): Promise<RequestWithNames> {
  const at = services.clock().toISOString()
  const record: RequestRecord = {
    id: newId(),
    status: 'open',
    fundingBodyId: null,
    caseId: null,
    ...body,
    roughGoals: [],
    consentOn: null,
    declineReason: '',
    referral: '',
    createdAt: at,
    createdBy: actor.id,
    updatedAt: at,
    decidedAt: null,
    decidedBy: null,
  }
  await services.storage.addRequest(record)
  // Ids only: the request names a person.
  services.logger.info({ requestId: record.id, by: actor.id }, 'request recorded')
  return loadRequest(services, record.id)
}

/** The order clarification (A1) and corrections, while the request is open. */
export async function clarifyRequest(
  services: Services<RequestStorage & FundingStorage>,
  request: RequestWithNames,
  body: ClarifyRequestBody,
): Promise<RequestWithNames> {
  assertStep(request, 'clarify')
  if (body.fundingBodyId !== undefined) {
    await assertFundingBodyChoosable(services, body.fundingBodyId, request.fundingBodyId)
  }
  const defined = Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined)) as Partial<RequestRecord>
  return saveOpen(services, { ...request, ...defined, updatedAt: services.clock().toISOString() })
}

/** Declines an open request with a reason and a referral elsewhere. */
export async function declineRequest(services: Services<RequestStorage>, request: RequestWithNames, body: DeclineRequestBody, actor: Actor): Promise<RequestWithNames> {
  assertStep(request, 'decline')
  const at = services.clock().toISOString()
  const declined = await saveOpen(services, {
    ...request,
    status: 'declined',
    declineReason: body.reason,
    referral: body.referral,
    updatedAt: at,
    decidedAt: at,
    decidedBy: actor.id,
  })
  services.logger.info({ requestId: request.id, by: actor.id }, 'request declined')
  return declined
}

/**
 * Accepts an open request: creates the case (the actor becomes its coach),
 * records its funding, writes the rough goals into the plan as starting
 * points, and marks the request accepted with its case. The request's
 * details move under the case's key, its own key is destroyed: from now on
 * it goes with the case.
 */
export async function acceptRequest(
  services: Services<RequestStorage & CaseStorage & FundingStorage & ErasureStorage & Pick<AttachmentStorage, 'attachmentIdsOf'>>,
  request: RequestWithNames,
  actor: Actor,
  billingRetentionYears: number,
): Promise<{ request: RequestWithNames; caseRecord: CaseRecord }> {
  assertStep(request, 'accept')
  await assertFundingBodyChoosable(services, request.fundingBodyId, null)
  const caseRecord = await createCase(services, { title: request.personName, type: request.roughGoals.includes('jobRetention') ? 'retention' : 'placement', creatorId: actor.id })
  const now = services.clock()
  const at = now.toISOString()
  const accepted: RequestRecord = { ...request, status: 'accepted', caseId: caseRecord.id, updatedAt: at, decidedAt: at, decidedBy: actor.id }
  if (!(await services.storage.saveOpenRequest(accepted, [auditEntry(caseRecord.id, 'requestAccepted', actor.id, now, { requestId: request.id })]))) {
    // Another staff member decided it a moment ago: the request is not taken twice, and the
    // empty case made for it goes again (nothing was written into it yet), so the loser is
    // left with no stray case named after the person.
    await eraseCase(services, caseRecord.id, 'request', actor.id, billingRetentionYears)
    throw new ConflictError('requestDecided', 'This request has been decided already')
  }
  await services.keyring.destroyRequestKey(request.id)
  if (request.fundingBodyId !== null || request.referringBody !== '') {
    await setCaseFunding(services, caseRecord, { fundingBodyId: request.fundingBodyId, fileNumber: '', referringBody: request.referringBody }, actor)
  }
  if (request.roughGoals.length > 0) {
    const words = requestLabels('de').roughGoal
    await services.documents.changeDocument({ kind: 'plan', caseId: caseRecord.id }, (doc) => {
      for (const goal of request.roughGoals) {
        const id = newId()
        addGoal(doc, emptyGoal(id))
        setGoalField(doc, id, 'title', words[goal])
      }
    })
  }
  services.logger.info({ requestId: request.id, caseId: caseRecord.id, by: actor.id }, 'request accepted')
  return { request: await loadRequest(services, request.id), caseRecord }
}

/**
 * The retention sweep of requests that did not become a case
 * (shared/src/process/requestFlow.ts): deletes each row, then destroys its
 * key (old backups stay unreadable). Resolves with the erased ids.
 */
export async function sweepRequestRetention(services: Services<RequestStorage>): Promise<string[]> {
  const due = await services.storage.requestsDueForErasure(requestRetentionCutoffs(services.clock()))
  const erased: string[] = []
  for (const id of due) {
    if (await services.storage.deleteRequest(id)) {
      await services.keyring.destroyRequestKey(id)
      erased.push(id)
    }
  }
  if (erased.length > 0) {
    services.logger.info({ erased: erased.length }, 'requests past their retention erased')
  }
  return erased
}
