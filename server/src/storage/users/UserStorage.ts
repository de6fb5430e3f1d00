/** Accounts: record and port. */
import type { AccountKind } from '../../../../shared/src/api/users.js'
import type { CoachRate } from '../../../../shared/src/billing/rates.js'
import type { AuditOf } from '../audit/AuditStorage.js'

/** A user row; `passwordHash` never leaves the server. */
export interface UserRecord {
  id: string
  name: string
  /** Lower-cased e-mail address, unique. */
  email: string
  passwordHash: string
  kind: AccountKind
  isAdmin: boolean
  active: boolean
  createdAt: string
  /** Team lead (issue 22). */
  isLead: boolean
  /** Part-time share (Stellenanteil), whole percent 1-100. */
  staffSharePercent: number
  /** Billing flag (issue 18): invoices of every case, no case content. */
  isBilling: boolean
  /** The coach's own rate (freelance pool coaches), used where no approval names one. */
  coachRate: CoachRate | null
  /** Coordination office of the Jobcoach pool (issue 20); absent counts as false. */
  isCoordinator?: boolean
  /** Integrationsamt: second approver of pool admissions (issue 20); absent counts as false. */
  isIntegrationsamt?: boolean
}

/** Accounts. */
export interface UserStorage {
  countUsers(): Promise<number>
  /** Inserts the first account; false (and nothing written) when any account exists. */
  createFirstUser(user: UserRecord): Promise<boolean>
  /** Inserts a user; false when the e-mail is taken. */
  createUser(user: UserRecord): Promise<boolean>
  findUserByEmail(email: string): Promise<UserRecord | null>
  findUserById(id: string): Promise<UserRecord | null>
  listActiveStaff(): Promise<UserRecord[]>
  /** Every account, active or not, staff and external (admins' list). */
  listAllUsers(): Promise<UserRecord[]>
  /**
   * Changes an account, with `audit`; a deactivation deletes the account's
   * sessions in the same transaction. Refused with 'lastAdmin' (nothing
   * written) when no active admin would remain.
   */
  updateUser(id: string, changes: UserChanges, audit?: AuditOf): Promise<'updated' | 'notFound' | 'lastAdmin'>
  /** Sets a new password hash and deletes every session of the account, with `audit`, in one transaction; false for an unknown id. */
  setPasswordHash(id: string, passwordHash: string, audit?: AuditOf): Promise<boolean>
}

/** What `PATCH /api/users/:id` may change. */
export interface UserChanges {
  name?: string
  active?: boolean
  isAdmin?: boolean
  isLead?: boolean
  staffSharePercent?: number
  isBilling?: boolean
  /** The coach's own rate; null clears it. */
  coachRate?: CoachRate | null
  isCoordinator?: boolean
  isIntegrationsamt?: boolean
}
