/**
 * Invitations of freelance job coaches to the pool (issue 20 point 1).
 * The coordination office invites by name and address (who may is checked
 * by the route); the link's token is made here, stored only as its
 * SHA-256 and never logged. Accepting makes a staff account with a draft
 * application (employment: freelance) in one transaction; the account does
 * no case work until it coaches a case ({@link isPoolOnly}).
 */
import { PoolForm, PoolProfile } from '../../../../shared/src/api/pool.js'
import { PoolInvitationLifetimeDays, type AcceptPoolInvitationBody, type CreatePoolInvitationBody, type PoolInvitation } from '../../../../shared/src/api/poolInvitations.js'
import { hashPassword } from '../../auth/passwords.js'
import { newId, newSecretToken, sha256Hex } from '../../ids.js'
import type { Services } from '../../services/Services.js'
import type { CaseStorage } from '../../storage/cases/CaseStorage.js'
import type { PoolApplicantLookup, PoolInvitationRecord, PoolInvitationStorage, PoolInvitationWithNames } from '../../storage/pool/PoolInvitationStorage.js'
import type { UserRecord } from '../../storage/users/UserStorage.js'
import { auditEntry } from '../audit.js'
import { ConflictError, NotAllowedError, NotFoundError } from '../errors.js'
import { emptyApplication } from './applications.js'

type Actor = Pick<UserRecord, 'id' | 'name'>

/** Longer is no token of ours: not even hashed. */
const MaxTokenLength = 100
const InvalidLinkMessage = 'This invitation link is not valid (any more). Ask the coordination office for a new one.'

/** An invitation as the office sees it on `now`. */
export function toApiPoolInvitation(invitation: PoolInvitationWithNames, now: Date): PoolInvitation {
  const status =
    invitation.acceptedAt !== null ? 'accepted' : invitation.revokedAt !== null ? 'withdrawn' : invitation.expiresAt <= now.toISOString() ? 'expired' : 'open'
  return {
    id: invitation.id,
    status,
    name: invitation.acceptedByName ?? invitation.invitee?.name ?? null,
    email: invitation.invitee?.email ?? null,
    createdAt: invitation.createdAt,
    createdByName: invitation.createdByName,
    expiresAt: invitation.expiresAt,
    acceptedAt: invitation.acceptedAt,
  }
}

/** Creates an invitation; resolves with it and the token (for the link, never stored). */
export async function createPoolInvitation(
  services: Services<PoolInvitationStorage>,
  body: CreatePoolInvitationBody,
  actor: Actor,
): Promise<{ invitation: PoolInvitationWithNames; token: string }> {
  const token = newSecretToken()
  const now = services.clock()
  const invitation: PoolInvitationRecord = {
    id: newId(),
    tokenHash: sha256Hex(token),
    invitee: { name: body.name, email: body.email.toLowerCase() },
    createdBy: actor.id,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + PoolInvitationLifetimeDays * 86_400_000).toISOString(),
    acceptedAt: null,
    acceptedBy: null,
    revokedAt: null,
  }
  await services.storage.createPoolInvitation(invitation, [auditEntry(null, 'poolInvitationCreated', actor.id, now, { invitationId: invitation.id })])
  services.logger.info({ invitationId: invitation.id }, 'pool invitation created')
  return { invitation: { ...invitation, createdByName: actor.name, acceptedByName: null }, token }
}

/** Withdraws an open invitation; its invitee's name and address go with its key. */
export async function revokePoolInvitation(services: Services<PoolInvitationStorage>, id: string, actor: Actor): Promise<void> {
  const now = services.clock()
  const outcome = await services.storage.revokePoolInvitation(id, now.toISOString(), [auditEntry(null, 'invitationRevoked', actor.id, now, { invitationId: id })])
  if (outcome === 'notFound') {
    throw new NotFoundError('invitationNotFound', 'No such invitation')
  }
  if (outcome === 'used') {
    throw new ConflictError('invitationUsed', 'This invitation has been accepted already')
  }
  await services.keyring.destroyPoolInvitationKey(id)
}

/** How long the office still sees whom an unused link was for after it expired (to invite again), before the name and address are forgotten. */
export const ExpiredInviteeKeptDays = 30

/**
 * Forgets the invitee of every link that expired unused more than
 * {@link ExpiredInviteeKeptDays} ago: the details are emptied and the key
 * destroyed, as when a link is withdrawn (data minimisation, Art. 5 DSGVO).
 * Run by the retention sweep; resolves with how many were forgotten.
 */
export async function forgetExpiredPoolInvitees(services: Services<Pick<PoolInvitationStorage, 'forgetExpiredPoolInvitees'>>): Promise<number> {
  const cutoff = new Date(services.clock().getTime() - ExpiredInviteeKeptDays * 24 * 60 * 60 * 1000)
  const ids = await services.storage.forgetExpiredPoolInvitees(cutoff.toISOString())
  for (const id of ids) {
    await services.keyring.destroyPoolInvitationKey(id)
  }
  return ids.length
}

/** The open invitation of a token; a used, withdrawn, expired or unknown one is the same 404. */
export async function findOpenPoolInvitation(services: Services<PoolInvitationStorage>, token: string): Promise<PoolInvitationWithNames & { invitee: NonNullable<PoolInvitationWithNames['invitee']> }> {
  const invitation = token.length <= MaxTokenLength ? await services.storage.findPoolInvitationByTokenHash(sha256Hex(token)) : null
  if (invitation === null || invitation.invitee === null || invitation.acceptedAt !== null || invitation.revokedAt !== null || invitation.expiresAt <= services.clock().toISOString()) {
    throw new NotFoundError('invalidLink', InvalidLinkMessage)
  }
  return { ...invitation, invitee: invitation.invitee }
}

/**
 * Makes the invitee's account (staff, no flags) with a draft application
 * marked freelance, uses the link and drops the invitee's details, in one
 * transaction; then destroys the invitation's key.
 */
export async function acceptPoolInvitation(
  services: Services<PoolInvitationStorage>,
  invitation: PoolInvitationWithNames,
  body: AcceptPoolInvitationBody,
): Promise<{ user: UserRecord; applicationId: string }> {
  const now = services.clock()
  const user: UserRecord = {
    id: newId(),
    name: body.name,
    email: body.email.toLowerCase(),
    passwordHash: await hashPassword(body.password),
    kind: 'staff',
    isAdmin: false,
    active: true,
    createdAt: now.toISOString(),
    isLead: false,
    staffSharePercent: 100,
    isBilling: false,
    coachRate: null,
    isCoordinator: false,
    isIntegrationsamt: false,
  }
  const application = { ...emptyApplication(user.id, now.toISOString()), form: PoolForm.parse({}), profile: PoolProfile.parse({ employment: 'freelance' }) }
  const outcome = await services.storage.acceptPoolInvitation({
    invitationId: invitation.id,
    now: now.toISOString(),
    user,
    application,
    audit: [auditEntry(null, 'poolInvitationAccepted', user.id, now, { invitationId: invitation.id, applicationId: application.id })],
  })
  if (outcome === 'invalid') {
    throw new NotFoundError('invalidLink', InvalidLinkMessage)
  }
  if (outcome === 'emailTaken') {
    throw new ConflictError('emailTaken', 'An account with this e-mail address exists already; log in with it or use another address')
  }
  await services.keyring.destroyPoolInvitationKey(invitation.id)
  services.logger.info({ invitationId: invitation.id, userId: user.id }, 'pool invitation accepted')
  return { user, applicationId: application.id }
}

/**
 * Whether `user` is an invited applicant who coaches no case yet: such an
 * account works only on its application (no new cases, no requests, no
 * joining a case) until the office's match makes it a case's coach.
 */
export async function isPoolOnly(storage: PoolApplicantLookup & CaseStorage, user: Pick<UserRecord, 'id' | 'kind'>): Promise<boolean> {
  if (user.kind !== 'staff' || !(await storage.isInvitedPoolApplicant(user.id))) {
    return false
  }
  return !(await storage.listCasesOfUser(user.id)).some(({ role }) => role === 'coach')
}

/** Throws unless `user` may do case work ({@link isPoolOnly}). */
export async function assertNotPoolOnly(storage: PoolApplicantLookup & CaseStorage, user: Pick<UserRecord, 'id' | 'kind'>): Promise<void> {
  if (await isPoolOnly(storage, user)) {
    throw new NotAllowedError('poolApplicantOnly', 'An invited pool applicant works on the application until the coordination office matches them to a case')
  }
}
