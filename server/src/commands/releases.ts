/**
 * Releases from confidentiality (Schweigepflichtentbindung, issue 16):
 * recording, revoking, and recording that a release's last day passed. A
 * release is the coachee's (given by them, or by their legal guardian for
 * them); each change and its audit entry commit in one transaction. The
 * audit never holds the names or the purpose (they are sealed in the row).
 */
import type { RecordReleaseBody } from '../../../shared/src/api/releases.js'
import { isoDay } from '../clock.js'
import { newId } from '../ids.js'
import type { Services } from '../services/Services.js'
import type { CaseRecord } from '../storage/cases/CaseStorage.js'
import type { MemberStorage } from '../storage/members/MemberStorage.js'
import type { LapsedRelease, ReleaseRecord, ReleaseStorage, ReleaseWithNames } from '../storage/releases/ReleaseStorage.js'
import type { UserRecord } from '../storage/users/UserStorage.js'
import { auditEntry } from './audit.js'
import { assertCaseOpenFor } from './cases.js'
import { assertEvidenceDates } from './evidenceDates.js'
import { ConflictError, InvalidInputError, NotFoundError } from './errors.js'

/**
 * Records a release. A coach records one given on paper (or for a
 * releasor who confirmed it in the app with them); a coachee or guardian
 * gives their own in the app (`releasorMemberId` must be their own
 * membership; checked by the route). The releasor must be the case's
 * coachee or a guardian; a recipient member must be a member of the case.
 */
export async function recordRelease(
  services: Services<ReleaseStorage & MemberStorage>,
  record: CaseRecord,
  body: RecordReleaseBody,
  recordedBy: Pick<UserRecord, 'id' | 'name'>,
): Promise<ReleaseWithNames> {
  assertCaseOpenFor(record, 'releases.manage')
  const now = services.clock()
  const today = isoDay(now)
  assertEvidenceDates(body, today)
  const members = await services.storage.listMembers(record.id)
  const releasor = members.find((member) => member.id === body.releasorMemberId)
  if (releasor === undefined || (releasor.role !== 'coachee' && releasor.role !== 'guardian')) {
    throw new InvalidInputError('releasor', 'releasorMemberId: the coachee or a legal guardian of the case gives a release')
  }
  if (body.recipientMemberId !== undefined && !members.some((member) => member.id === body.recipientMemberId)) {
    throw new InvalidInputError('participantNotMember', 'recipientMemberId: not a member of the case')
  }
  const release: ReleaseRecord = {
    id: newId(),
    caseId: record.id,
    releasorMemberId: releasor.id,
    releasorUserId: releasor.userId,
    releasorRole: releasor.role,
    releasedParty: body.releasedParty,
    recipientKind: body.recipientKind,
    recipientName: body.recipientName,
    recipientMemberId: body.recipientMemberId ?? null,
    purpose: body.purpose,
    validFrom: body.validFrom,
    validUntil: body.validUntil ?? null,
    evidence: body.evidence,
    signedOn: body.signedOn ?? null,
    recordedAt: now.toISOString(),
    recordedBy: recordedBy.id,
    revokedAt: null,
    revokedBy: null,
    lapsedAt: null,
  }
  await services.storage.addRelease(release, [
    auditEntry(record.id, 'releaseRecorded', recordedBy.id, now, { releaseId: release.id, evidence: release.evidence, memberId: releasor.id }),
  ])
  services.events.notify(record.id, 'consents')
  services.logger.info({ caseId: record.id, releaseId: release.id, by: recordedBy.id }, 'release from confidentiality recorded')
  return { ...release, releasorName: releasor.name, recordedByName: recordedBy.name, revokedByName: null }
}

/** Revokes a release at once (who may is checked before). Resolves with it as revoked. */
export async function revokeRelease(services: Services<ReleaseStorage>, record: CaseRecord, releaseId: string, actorId: string): Promise<ReleaseWithNames> {
  const now = services.clock()
  const result = await services.storage.revokeRelease(record.id, releaseId, now.toISOString(), actorId, (release) => [
    auditEntry(record.id, 'releaseRevoked', actorId, now, { releaseId: release.id }),
  ])
  if (result === 'notFound') {
    throw new NotFoundError('releaseNotFound', 'No such release')
  }
  if (result === 'ended') {
    throw new ConflictError('releaseEnded', 'This release has ended already')
  }
  const revoked = (await services.storage.listReleases(record.id)).find((release) => release.id === releaseId)
  if (revoked === undefined) {
    throw new NotFoundError('releaseNotFound', 'No such release')
  }
  services.events.notify(record.id, 'consents')
  services.logger.info({ caseId: record.id, releaseId, by: actorId }, 'release from confidentiality revoked')
  return revoked
}

/** Records every release whose last day has passed as lapsed, with a `releaseLapsed` entry each (run by the consent sweep). */
export async function lapseReleases(services: Services<ReleaseStorage>): Promise<LapsedRelease[]> {
  const now = services.clock()
  const lapsed = await services.storage.recordLapsedReleases(isoDay(now), now.toISOString(), (releases) =>
    releases.map((release) => auditEntry(release.caseId, 'releaseLapsed', null, now, { releaseId: release.id })),
  )
  for (const caseId of new Set(lapsed.map((release) => release.caseId))) {
    services.events.notify(caseId, 'consents')
  }
  return lapsed
}
