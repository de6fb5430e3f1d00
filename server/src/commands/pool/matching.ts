/**
 * Matching a request to pool coaches (issue 20 point 6): the office records
 * what the request needs, reads the ranked list (shared/src/pool/matching.ts),
 * proposes a tandem; each proposed coach sees only a preview without the
 * person's name, the requester, the reason or any specialisation need, and
 * accepts or declines. Once every coach still proposed has accepted, the
 * request becomes a case through the intake's accept command, with them as
 * its coaches.
 */
import type { MatchNeeds, ProposalPreview, RankedCoach } from '../../../../shared/src/api/pool.js'
import { groupStillValid } from '../../../../shared/src/pool/groups.js'
import { rankCandidates, type MatchCandidate } from '../../../../shared/src/pool/matching.js'
import { caseload } from '../../../../shared/src/process/caseload.js'
import { requestStepRefusal } from '../../../../shared/src/process/requestFlow.js'
import { isoDay } from '../../clock.js'
import { newId } from '../../ids.js'
import type { Services } from '../../services/Services.js'
import type { CaseStorage } from '../../storage/cases/CaseStorage.js'
import type { ErasureStorage } from '../../storage/erasure/ErasureStorage.js'
import type { FundingStorage } from '../../storage/funding/FundingStorage.js'
import type { MemberStorage } from '../../storage/members/MemberStorage.js'
import type { PoolStorage, ProposalWithName } from '../../storage/pool/PoolStorage.js'
import type { RequestStorage, RequestWithNames } from '../../storage/requests/RequestStorage.js'
import type { UserRecord, UserStorage } from '../../storage/users/UserStorage.js'
import type { AttachmentStorage } from '../../storage/attachments/AttachmentStorage.js'
import { ConflictError, NotFoundError } from '../errors.js'
import { addMember } from '../members.js'
import { acceptRequest } from '../requests.js'

type MatchServices = Services<PoolStorage & RequestStorage & CaseStorage & MemberStorage & UserStorage & FundingStorage & ErasureStorage & Pick<AttachmentStorage, 'attachmentIdsOf'>>

function assertOpenRequest(request: RequestWithNames): void {
  if (requestStepRefusal(request, 'clarify') !== null) {
    throw new ConflictError('requestDecided', 'This request has been decided already')
  }
}

export async function setMatchNeeds(services: Services<PoolStorage>, request: RequestWithNames, needs: MatchNeeds): Promise<void> {
  assertOpenRequest(request)
  await services.storage.setMatchNeeds(request.id, needs, services.clock().toISOString())
}

/** The weighted caseload of a coach (shared/src/process/caseload.ts). */
async function loadOf(services: Services<CaseStorage & MemberStorage>, user: UserRecord): Promise<number> {
  const coached = (await services.storage.listCasesOfUser(user.id)).filter(({ role }) => role === 'coach')
  const cases = await Promise.all(
    coached.map(async ({ record }) => ({
      type: record.type,
      closed: record.closedAt !== null,
      coaches: (await services.storage.listMembers(record.id)).filter((member) => member.role === 'coach').length,
    })),
  )
  return caseload(cases, { staffShare: user.staffSharePercent / 100 }).load
}

/** Admitted members whose group still stands today, active accounts only, ranked for `needs`. */
export async function rankForRequest(services: MatchServices, needs: MatchNeeds): Promise<RankedCoach[]> {
  const today = isoDay(services.clock())
  const admitted = (await services.storage.listApplications()).filter((entry) => entry.status === 'admitted' && entry.group !== null && groupStillValid(entry.group, today))
  const candidates: MatchCandidate[] = []
  for (const application of admitted) {
    const user = await services.storage.findUserById(application.userId)
    if (user === null || !user.active || application.group === null) {
      continue
    }
    candidates.push({
      userId: user.id,
      name: user.name,
      group: application.group,
      profile: application.profile,
      load: await loadOf(services, user),
      meetingHeld: application.meeting.heldOn !== null,
    })
  }
  return rankCandidates(needs, candidates)
}

/**
 * Proposes coaches for an open request whose needs are recorded and whose
 * person consented to the cooperation; an open proposal of a coach not in
 * the new set is withdrawn.
 */
export async function proposeCoaches(services: MatchServices, request: RequestWithNames, userIds: readonly string[], actor: Pick<UserRecord, 'id'>): Promise<ProposalWithName[]> {
  if (requestStepRefusal(request, 'accept') === 'consentMissing') {
    throw new ConflictError('requestConsentMissing', "Record the person's consent to the cooperation before proposing coaches")
  }
  assertOpenRequest(request)
  if ((await services.storage.findMatchNeeds(request.id)) === null) {
    throw new ConflictError('matchNeedsMissing', "Record the request's needs first")
  }
  const today = isoDay(services.clock())
  for (const userId of userIds) {
    const application = await services.storage.findApplicationOfUser(userId)
    if (application === null || application.status !== 'admitted' || application.group === null || !groupStillValid(application.group, today)) {
      throw new ConflictError('coachNotAdmitted', 'Only admitted pool members can be proposed')
    }
  }
  const at = services.clock().toISOString()
  for (const open of (await services.storage.listProposalsOfRequest(request.id)).filter((entry) => entry.status === 'proposed' && !userIds.includes(entry.userId))) {
    await services.storage.answerProposal(open.id, 'withdrawn', at)
  }
  await services.storage.proposeCoaches(userIds.map((userId) => ({ id: newId(), requestId: request.id, userId, status: 'proposed', proposedAt: at, proposedBy: actor.id, answeredAt: null })))
  services.logger.info({ requestId: request.id, proposed: userIds.length, by: actor.id }, 'pool coaches proposed')
  return services.storage.listProposalsOfRequest(request.id)
}

/** A proposal as its coach sees it before accepting: no name, requester, reason or specialisation. */
export async function previewsOf(services: Services<PoolStorage & RequestStorage>, userId: string): Promise<ProposalPreview[]> {
  const previews: ProposalPreview[] = []
  for (const proposal of await services.storage.listProposalsOfUser(userId)) {
    if (proposal.status === 'withdrawn') {
      continue
    }
    const [request, needs] = await Promise.all([services.storage.findRequest(proposal.requestId), services.storage.findMatchNeeds(proposal.requestId)])
    if (request === null || needs === null) {
      continue
    }
    previews.push({
      proposalId: proposal.id,
      requestId: request.id,
      status: proposal.status,
      proposedAt: proposal.proposedAt,
      postcodeArea: needs.postcode.slice(0, 3),
      caseType: needs.caseType,
      hoursPerWeek: needs.hoursPerWeek,
      languages: needs.languages,
      roughGoals: request.roughGoals,
      caseId: proposal.status === 'accepted' ? request.caseId : null,
    })
  }
  return previews
}

/**
 * A proposed coach's answer. When every coach still proposed for the
 * request has accepted, the request becomes a case: the first to accept is
 * its creator (first coach), the others join as coaches.
 */
export async function answerProposal(
  services: MatchServices,
  proposalId: string,
  user: UserRecord,
  answer: 'accept' | 'decline',
  billingRetentionYears: number,
): Promise<{ caseId: string | null }> {
  const proposal = await services.storage.findProposal(proposalId)
  if (proposal === null || proposal.userId !== user.id) {
    throw new NotFoundError('proposalNotFound', 'No such proposal')
  }
  const request = await services.storage.findRequest(proposal.requestId)
  if (request === null) {
    throw new NotFoundError('proposalNotFound', 'No such proposal')
  }
  assertOpenRequest(request)
  if (!(await services.storage.answerProposal(proposal.id, answer === 'accept' ? 'accepted' : 'declined', services.clock().toISOString()))) {
    throw new ConflictError('proposalAnswered', 'This proposal has been answered already')
  }
  if (answer === 'decline') {
    return { caseId: null }
  }
  const current = (await services.storage.listProposalsOfRequest(request.id)).filter((entry) => entry.status === 'proposed' || entry.status === 'accepted')
  if (current.some((entry) => entry.status === 'proposed')) {
    return { caseId: null }
  }
  const [first, ...others] = [...current].sort((a, b) => (a.answeredAt ?? '').localeCompare(b.answeredAt ?? ''))
  const creator = first === undefined ? undefined : await services.storage.findUserById(first.userId)
  if (creator === null || creator === undefined) {
    return { caseId: null }
  }
  const { caseRecord } = await acceptRequest(services, request, creator, billingRetentionYears)
  for (const other of others) {
    await addMember(services, caseRecord, { userId: other.userId, role: 'coach' }, user.id)
  }
  services.logger.info({ requestId: request.id, caseId: caseRecord.id }, 'pool tandem accepted; request became a case')
  return { caseId: caseRecord.id }
}
