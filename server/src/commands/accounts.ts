/**
 * Accounts: the first account (setup), staff accounts made by an admin,
 * changes (deactivate, set admin, rename) and password resets. A change is
 * written as `accountChanged` into the log of every case the account is a
 * member of, in the change's transaction; ending an account's sessions
 * closes its open connections (4401) at once.
 */
import { hashPassword } from '../auth/passwords.js'
import { newId } from '../ids.js'
import type { Services } from '../services/Services.js'
import type { AuditRecord } from '../storage/audit/AuditStorage.js'
import type { CaseStorage } from '../storage/cases/CaseStorage.js'
import type { UserChanges, UserRecord, UserStorage } from '../storage/users/UserStorage.js'
import { auditEntry } from './audit.js'
import { ConflictError, NotFoundError } from './errors.js'

/** What an account is made from. */
export interface NewAccount {
  name: string
  email: string
  password: string
}

async function newUser(services: Services, input: NewAccount, kind: UserRecord['kind'], isAdmin: boolean): Promise<UserRecord> {
  return {
    id: newId(),
    name: input.name,
    email: input.email,
    passwordHash: await hashPassword(input.password),
    kind,
    isAdmin,
    active: true,
    createdAt: services.clock().toISOString(),
    isLead: false,
    staffSharePercent: 100,
    isBilling: false,
    coachRate: null,
  }
}

/** Makes the first account: staff with the admin flag. Refused once any account exists (also a racing setup). */
export async function createFirstUser(services: Services<UserStorage>, input: NewAccount): Promise<UserRecord> {
  const user = await newUser(services, input, 'staff', true)
  // Checked again inside the insert's transaction: two racing setups make one account.
  if (!(await services.storage.createFirstUser(user))) {
    throw new ConflictError('alreadySetUp', 'Fallbuch is already set up')
  }
  services.logger.info({ userId: user.id }, 'first account created')
  return user
}

/** Makes a staff account (an admin; checked before). */
export async function createUser(
  services: Services<UserStorage>,
  input: NewAccount & { isAdmin?: boolean; isLead?: boolean; staffSharePercent?: number },
  actorId: string,
): Promise<UserRecord> {
  const user = { ...(await newUser(services, input, 'staff', input.isAdmin ?? false)), isLead: input.isLead ?? false, staffSharePercent: input.staffSharePercent ?? 100 }
  if (!(await services.storage.createUser(user))) {
    throw new ConflictError('emailTaken', 'An account with this e-mail address exists already')
  }
  services.logger.info({ userId: user.id, by: actorId }, 'account created')
  return user
}

/** `accountChanged` entries for every case of `userId`, and the cases to tell. */
async function accountChangeEntries(
  services: Services<CaseStorage>,
  actorId: string,
  userId: string,
  details: Record<string, boolean>,
): Promise<{ caseIds: string[]; audit: AuditRecord[] }> {
  const now = services.clock()
  const caseIds = (await services.storage.listCasesOfUser(userId)).map(({ record }) => record.id)
  return { caseIds, audit: caseIds.map((caseId) => auditEntry(caseId, 'accountChanged', actorId, now, { userId, ...details })) }
}

/**
 * Changes an account (an admin; checked before). A deactivation ends every
 * session of the account and closes its open connections (4401); no admin
 * may deactivate themselves, and one active admin always remains.
 */
export async function updateUser(services: Services<UserStorage & CaseStorage>, target: UserRecord, changes: UserChanges, actorId: string): Promise<UserRecord> {
  if (target.id === actorId && changes.active === false) {
    throw new ConflictError('ownAccount', 'You cannot deactivate your own account')
  }
  // Which settings change; never the name itself (the audit log holds no content).
  const details: Record<string, boolean> = {}
  if (changes.active !== undefined && changes.active !== target.active) {
    details.active = changes.active
  }
  if (changes.isAdmin !== undefined && changes.isAdmin !== target.isAdmin) {
    details.isAdmin = changes.isAdmin
  }
  if (changes.name !== undefined && changes.name !== target.name) {
    details.name = true
  }
  if (changes.isLead !== undefined && changes.isLead !== target.isLead) {
    details.isLead = changes.isLead
  }
  if (changes.staffSharePercent !== undefined && changes.staffSharePercent !== target.staffSharePercent) {
    details.staffShare = true
  }
  if (changes.isBilling !== undefined && changes.isBilling !== target.isBilling) {
    details.isBilling = changes.isBilling
  }
  if (changes.isCoordinator !== undefined && changes.isCoordinator !== (target.isCoordinator ?? false)) {
    details.isCoordinator = changes.isCoordinator
  }
  if (changes.isIntegrationsamt !== undefined && changes.isIntegrationsamt !== (target.isIntegrationsamt ?? false)) {
    details.isIntegrationsamt = changes.isIntegrationsamt
  }
  if (changes.coachRate !== undefined && JSON.stringify(changes.coachRate) !== JSON.stringify(target.coachRate)) {
    details.coachRate = true
  }
  const changed = Object.keys(details).length > 0
  const { caseIds, audit } = changed ? await accountChangeEntries(services, actorId, target.id, details) : { caseIds: [], audit: [] }
  const result = await services.storage.updateUser(target.id, changes, audit)
  if (result === 'notFound') {
    throw new NotFoundError('userNotFound', 'No such user')
  }
  if (result === 'lastAdmin') {
    throw new ConflictError('lastAdmin', 'Fallbuch needs at least one active admin')
  }
  const updated = (await services.storage.findUserById(target.id)) ?? target
  if (target.active && !updated.active) {
    // Contract: deactivation ends every session (deleted with the change) and closes every open connection at once.
    await services.accessChanged({ kind: 'account', userId: target.id })
  }
  for (const caseId of caseIds) {
    services.events.notify(caseId, 'members')
  }
  services.logger.info({ userId: target.id, by: actorId, ...details }, 'account changed')
  return updated
}

/** Sets a new password (an admin; checked before); the account's sessions end with the old one. */
export async function resetPassword(services: Services<UserStorage & CaseStorage>, target: UserRecord, password: string, actorId: string): Promise<void> {
  const { caseIds, audit } = await accountChangeEntries(services, actorId, target.id, { passwordReset: true })
  if (!(await services.storage.setPasswordHash(target.id, await hashPassword(password), audit))) {
    throw new NotFoundError('userNotFound', 'No such user')
  }
  // The old sessions are deleted with the new hash; their sockets and streams end now.
  await services.accessChanged({ kind: 'account', userId: target.id })
  for (const caseId of caseIds) {
    services.events.notify(caseId, 'members')
  }
  services.logger.info({ userId: target.id, by: actorId }, 'password reset')
}
