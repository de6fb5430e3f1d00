/**
 * What the relay needs from persistence, as Promise-returning methods so a
 * PostgreSQL implementation can slot in later (contract §6). SQLite is the
 * embedded default ({@link SqliteStorage}).
 */
import type { CaseRole } from '../../../shared/src/policy/access.js'
import type { CaseType } from '../../../shared/src/api/cases.js'
import type { AccountKind } from '../../../shared/src/api/users.js'

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
}

/** A login session; the token itself is never stored, only its SHA-256. */
export interface SessionRecord {
  tokenHash: string
  userId: string
  createdAt: string
  expiresAt: string
}

/** A case row. */
export interface CaseRecord {
  id: string
  title: string
  type: CaseType
  employerCanEdit: boolean
  createdAt: string
  createdBy: string
}

/** A membership of a user in a case. */
export interface MemberRecord {
  id: string
  caseId: string
  userId: string
  role: CaseRole
  addedAt: string
}

/** A member with the user's name and e-mail, as the API lists them. */
export interface MemberWithUser extends MemberRecord {
  name: string
  email: string
}

/** The first stored update of a new room (seeded documents). */
export interface RoomSeed {
  room: string
  update: Uint8Array
}

/** The append-only update log of the Yjs rooms. */
export interface RoomStorage {
  /** All stored updates of a room, oldest first. */
  loadUpdates(room: string): Promise<Uint8Array[]>
  /** Durably appends updates in one transaction; resolves only after commit. Returns the room's row count afterwards. */
  appendUpdates(room: string, updates: readonly Uint8Array[]): Promise<number>
  /** Replaces a room's log with one update of its garbage-collected state, in one transaction. */
  compact(room: string): Promise<void>
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
}

/** Login sessions. */
export interface SessionStorage {
  createSession(session: SessionRecord): Promise<void>
  /** The session and its user when the session is unexpired and the user active. */
  findActiveSession(tokenHash: string, now: Date): Promise<{ session: SessionRecord; user: UserRecord } | null>
  deleteSession(tokenHash: string): Promise<void>
  deleteExpiredSessions(now: Date): Promise<void>
}

/** Cases and their members. */
export interface CaseStorage {
  /** Creates a case, its first member and its seeded rooms in one transaction. */
  createCase(record: CaseRecord, firstMember: MemberRecord, seeds: readonly RoomSeed[]): Promise<void>
  findCase(id: string): Promise<CaseRecord | null>
  /** Cases the user is a member of, with the user's role, newest first. */
  listCasesOfUser(userId: string): Promise<Array<{ record: CaseRecord; role: CaseRole }>>
  updateCase(id: string, changes: Partial<Pick<CaseRecord, 'title' | 'type' | 'employerCanEdit'>>): Promise<void>
  findMember(caseId: string, userId: string): Promise<MemberRecord | null>
  listMembers(caseId: string): Promise<MemberWithUser[]>
  /** Inserts a member; false when the user already is one. */
  addMember(member: MemberRecord): Promise<boolean>
  /** Removes a member unless it is the case's last coach. */
  removeMember(caseId: string, memberId: string): Promise<'removed' | 'notFound' | 'lastCoach'>
}

/** Everything the relay stores. */
export interface Storage extends RoomStorage, UserStorage, SessionStorage, CaseStorage {
  /** Closes the database; no call may follow. */
  close(): Promise<void>
}
