/**
 * Invitations (contract §5): coaches create one-time links; the link's
 * holder accepts it with a new external account (employer, coachee) or as
 * the logged-in account. Only the token's SHA-256 is stored; the token is
 * returned once, to the creator.
 */
import { InvitationAcceptLimit, InvitationLifetimeDays } from '../../../shared/src/api/invitations.js'
import type { CaseRole } from '../../../shared/src/policy/access.js'
import { hashPassword } from '../auth/passwords.js'
import { newId, newSecretToken, sha256Hex } from '../ids.js'
import type { Services } from '../services/Services.js'
import type { CaseRecord, CaseStorage } from '../storage/cases/CaseStorage.js'
import type { InvitationRecord, InvitationStorage, InvitationWithNames } from '../storage/invitations/InvitationStorage.js'
import type { MemberRecord } from '../storage/members/MemberStorage.js'
import type { UserRecord } from '../storage/users/UserStorage.js'
import { auditEntry } from './audit.js'
import { assertCaseOpenFor } from './cases.js'
import { ConflictError, NotFoundError } from './errors.js'

/** One answer for unknown, used, withdrawn and expired links: the holder learns nothing more. */
const InvalidLinkMessage = 'This invitation link is not valid (any more). Ask the coach for a new one.'

/**
 * One answer for every refused accept of an open link, whether the e-mail
 * has an account (active or deactivated) or the logged-in account is a
 * member already (contract §8.5: answers never reveal whether an address has
 * an account). It says what a person with an account should do without
 * confirming that this address has one.
 */
const NotAcceptedMessage =
  'The invitation could not be accepted with these details. If you have a Fallbuch account already, log in and accept the invitation as yourself; otherwise ask the coach who invited you.'

/** Tokens are 43 characters; anything far longer is not one (and is not hashed). */
const MaxTokenLength = 100

/** Creates an invitation to a case with `role`; resolves with it and its token (shown once). */
export async function createInvitation(
  services: Services<InvitationStorage>,
  record: CaseRecord,
  role: CaseRole,
  actorId: string,
): Promise<{ invitation: InvitationRecord; token: string }> {
  assertCaseOpenFor(record, 'invitations.create')
  const token = newSecretToken()
  const now = services.clock()
  const invitation: InvitationRecord = {
    failedAccepts: 0,
    failedAcceptsSince: null,
    id: newId(),
    caseId: record.id,
    tokenHash: sha256Hex(token),
    role,
    createdAt: now.toISOString(),
    createdBy: actorId,
    expiresAt: new Date(now.getTime() + InvitationLifetimeDays * 86_400_000).toISOString(),
    acceptedAt: null,
    acceptedBy: null,
    revokedAt: null,
  }
  await services.storage.createInvitation(invitation, [
    auditEntry(record.id, 'invitationCreated', actorId, now, { invitationId: invitation.id, role: invitation.role }),
  ])
  services.events.notify(record.id, 'invitations')
  services.logger.info({ caseId: record.id, invitationId: invitation.id, by: actorId }, 'invitation created')
  return { invitation, token }
}

/** Withdraws an open invitation. */
export async function revokeInvitation(services: Services<InvitationStorage>, record: CaseRecord, invitationId: string, actorId: string): Promise<void> {
  const now = services.clock()
  const result = await services.storage.revokeInvitation(record.id, invitationId, now.toISOString(), [
    auditEntry(record.id, 'invitationRevoked', actorId, now, { invitationId }),
  ])
  if (result === 'notFound') {
    throw new NotFoundError('invitationNotFound', 'No such invitation')
  }
  if (result === 'used') {
    throw new ConflictError('invitationUsed', 'This invitation was used already; remove the member instead')
  }
  services.events.notify(record.id, 'invitations')
}

export { acceptLimitedUntil } from '../../../shared/src/policy/invitationAccept.js'

/**
 * Counts a refused accept of an open link (it stays usable) and logs it in
 * the case's audit log, without the e-mail address tried, so the coaches
 * see a link being probed.
 */
export async function recordFailedAccept(services: Services<InvitationStorage>, invitation: InvitationRecord): Promise<void> {
  const now = services.clock()
  const windowStart = new Date(now.getTime() - InvitationAcceptLimit.windowMs).toISOString()
  const { failedAccepts } = await services.storage.recordFailedAccept(invitation.id, now.toISOString(), windowStart, [
    auditEntry(invitation.caseId, 'invitationAcceptFailed', null, now, { invitationId: invitation.id }),
  ])
  if (failedAccepts === InvitationAcceptLimit.maxFailures) {
    services.events.notify(invitation.caseId, 'invitations')
    services.logger.warn({ caseId: invitation.caseId, invitationId: invitation.id }, 'invitation limited after failed accepts')
  }
}

/**
 * Gives an open invitation a new token and end date and clears its failed
 * accepts (a coach renews a limited or lost link); the old link stops
 * working. Resolves with the invitation and its new token (shown once).
 */
export async function renewInvitation(
  services: Services<InvitationStorage>,
  record: CaseRecord,
  invitationId: string,
  actorId: string,
): Promise<{ token: string; expiresAt: string }> {
  assertCaseOpenFor(record, 'invitations.renew')
  const token = newSecretToken()
  const now = services.clock()
  const expiresAt = new Date(now.getTime() + InvitationLifetimeDays * 86_400_000).toISOString()
  const result = await services.storage.renewInvitation({
    caseId: record.id,
    invitationId,
    tokenHash: sha256Hex(token),
    expiresAt,
    audit: [auditEntry(record.id, 'invitationRenewed', actorId, now, { invitationId })],
  })
  switch (result) {
    case 'notFound':
      throw new NotFoundError('invitationNotFound', 'No such invitation')
    case 'used':
      throw new ConflictError('invitationUsed', 'This invitation was used already')
    case 'revoked':
      throw new ConflictError('invitationWithdrawn', 'This invitation was withdrawn; create a new one')
    case 'renewed':
      break
  }
  services.events.notify(record.id, 'invitations')
  services.logger.info({ caseId: record.id, invitationId, by: actorId }, 'invitation renewed')
  return { token, expiresAt }
}

/** The invitation behind a token while it is open (not used, withdrawn or expired), with its case. */
export async function findOpenInvitation(
  services: Services<InvitationStorage & CaseStorage>,
  token: string,
): Promise<{ invitation: InvitationWithNames; caseRecord: CaseRecord }> {
  const invitation = token.length <= MaxTokenLength ? await services.storage.findInvitationByTokenHash(sha256Hex(token)) : null
  if (!invitation || invitation.acceptedAt !== null || invitation.revokedAt !== null || Date.parse(invitation.expiresAt) <= services.clock().getTime()) {
    throw new NotFoundError('invalidLink', InvalidLinkMessage)
  }
  const caseRecord = await services.storage.findCase(invitation.caseId)
  if (!caseRecord) {
    throw new NotFoundError('invalidLink', InvalidLinkMessage)
  }
  return { invitation, caseRecord }
}

/** Who accepts: the logged-in account, or a new external account. */
export type Acceptor = { kind: 'existing'; user: UserRecord } | { kind: 'new'; name: string; email: string; password: string }

/**
 * Accepts an open invitation (who may accept a coach invitation is checked
 * before): creates the new account if any, uses the invitation and adds the
 * member, all in one transaction with the audit entries. Resolves with the
 * account and the membership.
 */
export async function acceptInvitation(
  services: Services<InvitationStorage>,
  invitation: InvitationRecord,
  acceptor: Acceptor,
): Promise<{ user: UserRecord; member: MemberRecord }> {
  const now = services.clock()
  const user: UserRecord =
    acceptor.kind === 'existing'
      ? acceptor.user
      : {
          id: newId(),
          name: acceptor.name,
          email: acceptor.email,
          passwordHash: await hashPassword(acceptor.password),
          kind: 'external',
          isAdmin: false,
          active: true,
          createdAt: now.toISOString(),
          isLead: false,
          staffSharePercent: 100,
          isBilling: false,
          coachRate: null,
        }
  const member: MemberRecord = { id: newId(), caseId: invitation.caseId, userId: user.id, role: invitation.role, addedAt: now.toISOString() }
  const outcome = await services.storage.acceptInvitation({
    invitationId: invitation.id,
    now: now.toISOString(),
    newUser: acceptor.kind === 'new' ? user : null,
    member,
    audit: [
      auditEntry(invitation.caseId, 'invitationAccepted', user.id, now, { invitationId: invitation.id, role: invitation.role, memberId: member.id }),
      auditEntry(invitation.caseId, 'memberAdded', user.id, now, { memberId: member.id, userId: user.id, role: member.role }),
    ],
  })
  switch (outcome) {
    case 'invalid':
      throw new NotFoundError('invalidLink', InvalidLinkMessage)
    case 'emailTaken':
      throw new ConflictError('invitationNotAccepted', NotAcceptedMessage)
    case 'alreadyMember':
      throw new ConflictError('invitationNotAccepted', NotAcceptedMessage)
    case 'accepted':
      break
  }
  await services.accessChanged({ kind: 'membership', caseId: invitation.caseId, userId: user.id })
  services.events.notify(invitation.caseId, 'invitations')
  services.logger.info({ caseId: invitation.caseId, invitationId: invitation.id, userId: user.id }, 'invitation accepted')
  return { user, member }
}
