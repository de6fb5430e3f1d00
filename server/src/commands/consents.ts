/**
 * Consent grants (contract §4): granting, revoking, and recording that a
 * grant's validUntil passed. Each change and its audit entry commit in one
 * transaction; then the readers' open connections are re-checked at once (a
 * revoked reader's sockets to the field's room close with 4403, on every
 * process).
 */
import type { GrantConsentBody } from '../../../shared/src/api/consents.js'
import { readsByConsent } from '../../../shared/src/policy/access.js'
import { isoDay } from '../clock.js'
import { newId } from '../ids.js'
import type { Services } from '../services/Services.js'
import type { CaseRecord } from '../storage/cases/CaseStorage.js'
import type { ConsentRecord, ConsentStorage, ConsentWithNames, LapsedConsent } from '../storage/consents/ConsentStorage.js'
import type { MemberStorage } from '../storage/members/MemberStorage.js'
import type { UserRecord } from '../storage/users/UserStorage.js'
import { auditEntry } from './audit.js'
import { assertCaseOpenFor } from './cases.js'
import { assertEvidenceDates } from './evidenceDates.js'
import { ConflictError, InvalidInputError, NotFoundError } from './errors.js'

/**
 * Records a consent grant (who may grant with which evidence is checked
 * before: the coachee in the app, a coach from a signed form). Resolves with
 * the grant as the list shows it.
 */
export async function grantConsent(
  services: Services<ConsentStorage & MemberStorage>,
  record: CaseRecord,
  body: GrantConsentBody,
  grantedBy: Pick<UserRecord, 'id' | 'name'>,
): Promise<ConsentWithNames> {
  assertCaseOpenFor(record, 'consent.grant')
  const now = services.clock()
  const today = isoDay(now)
  assertEvidenceDates(body, today)
  const recipient = (await services.storage.listMembers(record.id)).find((candidate) => candidate.id === body.memberId)
  if (!recipient) {
    throw new NotFoundError('memberNotFound', 'No such member')
  }
  if (!readsByConsent(recipient.role)) {
    throw new InvalidInputError('recipient', `memberId: a ${recipient.role} of the case reads the confidential fields without consent`)
  }
  // A grant that ended yesterday must not block a new one today.
  await lapseConsents(services)
  const grant: ConsentRecord = {
    id: newId(),
    caseId: record.id,
    field: body.field,
    memberId: recipient.id,
    recipientUserId: recipient.userId,
    recipientRole: recipient.role,
    purpose: body.purpose,
    evidence: body.evidence,
    signedOn: body.signedOn ?? null,
    grantedAt: now.toISOString(),
    grantedBy: grantedBy.id,
    validUntil: body.validUntil ?? null,
    revokedAt: null,
    revokedBy: null,
    lapsedAt: null,
  }
  const audit = [
    auditEntry(record.id, 'consentGranted', grantedBy.id, now, { grantId: grant.id, field: grant.field, memberId: grant.memberId, evidence: grant.evidence }),
  ]
  if (!(await services.storage.addConsent(grant, audit))) {
    throw new ConflictError('consentExists', 'This person may read this field already; revoke that consent first to change it')
  }
  await services.accessChanged({ kind: 'consent', caseId: record.id, field: grant.field, userId: recipient.userId })
  services.logger.info({ caseId: record.id, grantId: grant.id, by: grantedBy.id }, 'consent granted')
  return { ...grant, recipientName: recipient.name, grantedByName: grantedBy.name, revokedByName: null }
}

/** Revokes a grant at once (the coachee or a coach; checked before). Resolves with the revoked grant. */
export async function revokeConsent(services: Services<ConsentStorage>, record: CaseRecord, grantId: string, actorId: string): Promise<ConsentWithNames> {
  const now = services.clock()
  const result = await services.storage.revokeConsent(record.id, grantId, now.toISOString(), actorId, (grant) => [
    auditEntry(record.id, 'consentRevoked', actorId, now, { grantId: grant.id, field: grant.field, memberId: grant.memberId }),
  ])
  if (result === 'notFound') {
    throw new NotFoundError('consentNotFound', 'No such consent')
  }
  if (result === 'ended') {
    throw new ConflictError('consentEnded', 'This consent has ended already')
  }
  const revoked = (await services.storage.listConsents(record.id)).find((grant) => grant.id === grantId)
  if (!revoked) {
    throw new NotFoundError('consentNotFound', 'No such consent')
  }
  // Closes the reader's open connections to the field's room with 4403, on every process.
  await services.accessChanged({ kind: 'consent', caseId: record.id, field: revoked.field, userId: revoked.recipientUserId })
  services.logger.info({ caseId: record.id, grantId: revoked.id, by: actorId }, 'consent revoked')
  return revoked
}

/**
 * Records every grant whose validUntil day has passed as lapsed (the
 * upgrade refuses them from that day on anyway), with a `consentLapsed`
 * entry each, and closes their readers' open connections. Resolves with them.
 */
export async function lapseConsents(services: Services<ConsentStorage & Pick<MemberStorage, 'listMembers'>>): Promise<LapsedConsent[]> {
  const now = services.clock()
  const lapsed = await services.storage.recordLapsedConsents(isoDay(now), now.toISOString(), (grants) =>
    grants.map((grant) => auditEntry(grant.caseId, 'consentLapsed', null, now, { grantId: grant.id, field: grant.field, memberId: grant.memberId })),
  )
  if (lapsed.length === 0) {
    return lapsed
  }
  // Each lapsed grant closes its reader's sockets to that field's room (4403), on every process.
  for (const caseId of new Set(lapsed.map((grant) => grant.caseId))) {
    const accounts = new Map((await services.storage.listMembers(caseId)).map((member) => [member.id, member.userId]))
    for (const grant of lapsed.filter((entry) => entry.caseId === caseId)) {
      const userId = accounts.get(grant.memberId)
      if (userId !== undefined) {
        await services.accessChanged({ kind: 'consent', caseId, field: grant.field, userId })
      }
    }
  }
  services.logger.info({ grants: lapsed.length }, 'consent grants lapsed')
  return lapsed
}
