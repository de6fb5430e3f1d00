/**
 * What the relay needs from persistence, as Promise-returning methods
 * (contract §6): `sqlite/SqliteStorage` is the embedded default,
 * `postgres/PostgresStorage` the scaled-out one. Both pass the one suite in
 * test/integration/storage.test.ts; a resolved Promise means "committed".
 */
import type { CaseRole } from '../../../shared/src/policy/access.js'
import type { CaseType } from '../../../shared/src/api/cases.js'
import type { AccountKind } from '../../../shared/src/api/users.js'
import type { AuditEventType } from '../../../shared/src/api/audit.js'
import type { ConfidentialField } from '../../../shared/src/caseDocument/confidential.js'
import type { Keyring } from '../crypto/Keyring.js'
import type { VersionDoc, VersionReason } from '../../../shared/src/api/versions.js'

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
  /** Absolute end (SESSION_MAX_AGE_HOURS after the login). */
  expiresAt: string
  /** Last request seen (touched at most once a minute), for idle expiry. */
  lastSeenAt: string
}

/** A case row. */
export interface CaseRecord {
  id: string
  title: string
  type: CaseType
  employerCanEdit: boolean
  createdAt: string
  createdBy: string
  /** When a coach closed the case (read-only from then on; retention runs from here), or null. */
  closedAt: string | null
  closedBy: string | null
}

/** Why a case was erased. */
export type ErasureReason = 'request' | 'retention'

/** The tombstone an erasure leaves: no content, only that the id is gone. */
export interface ErasedCase {
  caseId: string
  erasedAt: string
  reason: ErasureReason
  /** The user who asked for it; null for the retention sweep. */
  erasedBy: string | null
}

/** A write to a room of an erased case: refused, never stored. */
export class CaseErasedError extends Error {
  override name = 'CaseErasedError'
  constructor(readonly caseId: string) {
    super('the case was erased')
  }
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

/** One row of a room's update log. */
export interface StoredUpdate {
  /**
   * Position in the room's log, increasing with every append. On PostgreSQL
   * the numbers of a room have no holes (1, 2, 3, …), so a process that
   * follows a room through Redis sees a lost message as a gap. A compacted
   * row keeps the highest number it replaced.
   */
  seq: number
  data: Uint8Array
}

/** What {@link RoomStorage.appendUpdates} committed. */
export interface AppendResult {
  /** The rows' numbers, in the order of the updates. */
  seqs: number[]
  /** The room's row count afterwards (compaction threshold). */
  rows: number
}

/** The append-only update log of the Yjs rooms. */
export interface RoomStorage {
  /** Stored updates of a room, oldest first; only those numbered above `afterSeq` when given. */
  loadUpdates(room: string, afterSeq?: number): Promise<StoredUpdate[]>
  /** Durably appends updates in one transaction; resolves only after commit. */
  appendUpdates(room: string, updates: readonly Uint8Array[]): Promise<AppendResult>
  /**
   * Replaces the rows a room has now with one update of their
   * garbage-collected state, in one transaction. Rows appended meanwhile (by
   * another process) are kept; on PostgreSQL a second compactor of the same
   * room skips instead of waiting.
   */
  compact(room: string): Promise<void>
  /**
   * The highest row number of each of `rooms` that has rows (one query), so
   * a process can see that it missed rows whose fan-out message was lost.
   */
  roomHeads(rooms: readonly string[]): Promise<Map<string, number>>
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
   * Changes an account. Refused with 'lastAdmin' (nothing written) when no
   * active admin would remain.
   */
  updateUser(id: string, changes: UserChanges): Promise<'updated' | 'notFound' | 'lastAdmin'>
  /** Sets a new password hash and deletes every session of the account, in one transaction; false for an unknown id. */
  setPasswordHash(id: string, passwordHash: string): Promise<boolean>
}

/** What `PATCH /api/users/:id` may change. */
export interface UserChanges {
  name?: string
  active?: boolean
  isAdmin?: boolean
}

/** Login sessions. */
export interface SessionStorage {
  createSession(session: SessionRecord): Promise<void>
  /**
   * The session and its user when the session is unexpired (before its
   * absolute end, and last seen after `idleSince`) and the user active.
   */
  findActiveSession(tokenHash: string, now: Date, idleSince: Date): Promise<{ session: SessionRecord; user: UserRecord } | null>
  /** Records activity of a session (idle expiry). */
  touchSession(tokenHash: string, now: Date): Promise<void>
  deleteSession(tokenHash: string): Promise<void>
  /** Deletes every session of an account (deactivation, password reset). */
  deleteSessionsOfUser(userId: string): Promise<void>
  /** Deletes sessions past their absolute end or last seen before `idleSince`. */
  deleteExpiredSessions(now: Date, idleSince: Date): Promise<void>
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
  /** Closes a case; false when it is closed already or missing. */
  closeCase(id: string, at: string, by: string): Promise<boolean>
  /** Ids of cases closed before `closedBefore` (their retention period ended). */
  casesClosedBefore(closedBefore: string): Promise<string[]>
  /**
   * Erases a case in one transaction: every room's log and client id
   * bindings, every row of the case (members, invitations, agreements,
   * document versions, consents, audit events), its unreleased supervision copies with their
   * rooms, and the case row; leaves the tombstone (released copies stay,
   * their link to the case set to null). Appends
   * to its rooms from then on throw {@link CaseErasedError}. Afterwards the
   * freed storage is overwritten as far as the backend allows. False when
   * there was no such case (nothing written).
   */
  eraseCase(tombstone: ErasedCase): Promise<boolean>
  /** Whether the case id is tombstoned. */
  isCaseErased(caseId: string): Promise<boolean>
  /** Every tombstoned case id (to finish erasures a crash interrupted). */
  erasedCaseIds(): Promise<string[]>
}

/** An invitation link; the token itself is never stored, only its SHA-256. */
export interface InvitationRecord {
  id: string
  caseId: string
  tokenHash: string
  role: CaseRole
  createdAt: string
  /** User id of the coach who created it. */
  createdBy: string
  expiresAt: string
  acceptedAt: string | null
  /** User id of the account that used it. */
  acceptedBy: string | null
  revokedAt: string | null
}

/** An invitation with the names of its creator and of the person who used it. */
export interface InvitationWithNames extends InvitationRecord {
  createdByName: string
  acceptedByName: string | null
}

/** Outcome of {@link InvitationStorage.acceptInvitation}. */
export type AcceptOutcome = 'accepted' | 'invalid' | 'emailTaken' | 'alreadyMember'

/** Invitation links. */
export interface InvitationStorage {
  createInvitation(invitation: InvitationRecord): Promise<void>
  /** A case's invitations, newest first. */
  listInvitations(caseId: string): Promise<InvitationWithNames[]>
  findInvitationByTokenHash(tokenHash: string): Promise<InvitationWithNames | null>
  /** Withdraws an open invitation; 'used' when it was accepted already (a withdrawn one stays withdrawn). */
  revokeInvitation(caseId: string, invitationId: string, now: string): Promise<'revoked' | 'notFound' | 'used'>
  /**
   * In one transaction: creates `newUser` (when given), marks the invitation
   * used (only if it is still open at `now`) and adds the member. Nothing is
   * written unless all of it succeeds, so of two concurrent accepts exactly
   * one wins.
   */
  acceptInvitation(input: { invitationId: string; now: string; newUser: UserRecord | null; member: MemberRecord }): Promise<AcceptOutcome>
}

/** An agreement of a member to the plan as it stood. */
export interface AgreementRecord {
  id: string
  caseId: string
  userId: string
  role: CaseRole
  /** Hex SHA-256 of planContentHashInput. */
  planHash: string
  at: string
}

/** Agreements to the measure plan. */
export interface AgreementStorage {
  addAgreement(agreement: AgreementRecord): Promise<void>
  /** A case's agreements with the agreeing user's name, newest first. */
  listAgreements(caseId: string): Promise<Array<AgreementRecord & { userName: string }>>
}

/** A snapshot of the plan or the notes (contract §8.4); its Yjs state is stored sealed beside it. */
export interface DocumentVersionRecord {
  id: string
  caseId: string
  doc: VersionDoc
  at: string
  reason: VersionReason
  /** User ids of who changed the document since the version before. */
  authors: string[]
  /** The agreement this version was taken for (reason `agreement`), else null. */
  agreementId: string | null
}

/** Versions of plan and notes; erased with their case. */
export interface VersionStorage {
  /** Stores a version and its state (`Y.encodeStateAsUpdate` of a garbage-collected doc), sealed with the case key. */
  addDocumentVersion(version: DocumentVersionRecord, state: Uint8Array): Promise<void>
  /** A document's versions, newest first (without their state). */
  listDocumentVersions(caseId: string, doc: VersionDoc): Promise<DocumentVersionRecord[]>
  /** One version with its opened state, or null. */
  findDocumentVersion(caseId: string, doc: VersionDoc, id: string): Promise<{ version: DocumentVersionRecord; state: Uint8Array } | null>
}

/** Values allowed in audit details (never content, tokens or passwords). */
export type AuditDetails = Record<string, string | number | boolean | null>

/** One audit event to write. */
export interface AuditRecord {
  /** The case, or null for an account's event (login). */
  caseId: string | null
  at: string
  type: AuditEventType
  actorId: string | null
  details: AuditDetails
}

/** A stored audit event with its id and the actor's name. */
export interface StoredAuditEvent extends AuditRecord {
  id: string
  actorName: string | null
}

/** The audit log. */
export interface AuditStorage {
  appendAudit(events: readonly AuditRecord[]): Promise<void>
  /**
   * A case's events newest first: the case's own, plus the logins of its
   * current members since they joined.
   */
  listCaseAudit(caseId: string, limit: number): Promise<StoredAuditEvent[]>
}

/**
 * Yjs client id bindings (issue 9): a client id belongs to the account that
 * first wrote with it in a room, on every process sharing the storage.
 */
export interface ClientIdStorage {
  /**
   * Binds the unbound ids of `clientIds` in `room` to `userId`, in one
   * transaction, and resolves with the ids bound to another account. When
   * that list is not empty nothing was bound. Of two accounts binding the
   * same id at once, exactly one gets it.
   */
  bindClientIds(room: string, userId: string, clientIds: readonly number[]): Promise<number[]>
  /** The account a client id is bound to in a room, or null. */
  clientIdOwner(room: string, clientId: number): Promise<string | null>
}

/** A consent grant (contract §4): the coachee lets one member read one confidential field. */
export interface ConsentRecord {
  id: string
  caseId: string
  field: ConfidentialField
  /** The recipient's membership. */
  memberId: string
  recipientUserId: string
  recipientRole: CaseRole
  purpose: string
  evidence: 'inApp' | 'signedForm'
  /** ISO date a paper form was signed (signedForm only). */
  signedOn: string | null
  grantedAt: string
  grantedBy: string
  /** Last ISO day the grant holds (inclusive), or null. */
  validUntil: string | null
  revokedAt: string | null
  revokedBy: string | null
  /** When the consent sweeper recorded that validUntil passed. */
  lapsedAt: string | null
}

/** A grant with the names the list shows. */
export interface ConsentWithNames extends ConsentRecord {
  recipientName: string
  grantedByName: string
  revokedByName: string | null
}

/** A grant whose validUntil passed, as {@link ConsentStorage.recordLapsedConsents} marks it. */
export type LapsedConsent = Pick<ConsentRecord, 'id' | 'caseId' | 'field' | 'memberId'>

/** Consent grants; stored here, never in a CRDT (contract §4). */
export interface ConsentStorage {
  /** Inserts a grant; false (nothing written) when the member already has an unended grant for the field. */
  addConsent(grant: ConsentRecord): Promise<boolean>
  /** A case's grants, newest first. */
  listConsents(caseId: string): Promise<ConsentWithNames[]>
  /** Revokes an unended grant; 'ended' when it was revoked or lapsed already. */
  revokeConsent(caseId: string, grantId: string, at: string, by: string): Promise<'revoked' | 'notFound' | 'ended'>
  /** Revokes every unended grant of a member (the member leaves the case); returns them. */
  revokeConsentsOfMember(caseId: string, memberId: string, at: string, by: string): Promise<LapsedConsent[]>
  /** Fields a member may read by consent on `today` (ISO date): not revoked, not lapsed, validUntil not passed. */
  activeConsentFields(caseId: string, memberId: string, today: string): Promise<ConfidentialField[]>
  /** Marks unended grants whose validUntil is before `today` as lapsed at `at`; returns them. */
  recordLapsedConsents(today: string, at: string): Promise<LapsedConsent[]>
}

/** A supervision or intervision group (issue 6), created by an admin. */
export interface SupervisionGroupRecord {
  id: string
  name: string
  createdAt: string
  createdBy: string
}

/** A member of a supervision group (a staff account: supervisor or coach), with name and e-mail. */
export interface SupervisionGroupMemberRecord {
  groupId: string
  userId: string
  addedAt: string
  name: string
  email: string
}

/**
 * A supervision copy (contract §7). Its content lives only in the room
 * `supervision/<id>` (one stored update, written from plain content); the row
 * holds who made it, from which case, where it was released, and the
 * author's redactions until the release.
 */
export interface SupervisionCopyRecord {
  id: string
  /** The source case; null once the case was erased (the copy stays, unlinked). */
  sourceCaseId: string | null
  authorId: string
  createdAt: string
  /** The anonymised title (what lists show without opening the room). */
  title: string
  releasedGroupId: string | null
  releasedAt: string | null
  /** Texts the author marked for redaction; emptied at release (the copy is frozen then). */
  redactions: string[]
}

/** A copy with the names lists show. */
export interface SupervisionCopyWithNames extends SupervisionCopyRecord {
  authorName: string
  releasedGroupName: string | null
}

/** Supervision groups and copies (issue 6). */
export interface SupervisionStorage {
  createSupervisionGroup(group: SupervisionGroupRecord): Promise<void>
  findSupervisionGroup(id: string): Promise<SupervisionGroupRecord | null>
  /** Every group by name (admins). */
  listSupervisionGroups(): Promise<SupervisionGroupRecord[]>
  /** The groups a user is a member of, by name. */
  listSupervisionGroupsOfUser(userId: string): Promise<SupervisionGroupRecord[]>
  /** Members of the given groups, by name. */
  listSupervisionGroupMembers(groupIds: readonly string[]): Promise<SupervisionGroupMemberRecord[]>
  /** Adds a member; false when the user is one already. */
  addSupervisionGroupMember(groupId: string, userId: string, addedAt: string): Promise<boolean>
  /** Removes a member; false when the user was none. */
  removeSupervisionGroupMember(groupId: string, userId: string): Promise<boolean>
  isSupervisionGroupMember(groupId: string, userId: string): Promise<boolean>
  /** Inserts a copy and its room's one update (`room`), in one transaction. */
  createSupervisionCopy(copy: SupervisionCopyRecord, room: RoomSeed): Promise<void>
  /**
   * In one transaction: deletes the unreleased copy `replacedId` with its
   * room's log and client id bindings (copy and discussion room), and inserts
   * `copy` with its room's update. 'released' or 'notFound' (nothing
   * written) when the old copy is frozen or gone.
   */
  replaceSupervisionCopy(replacedId: string, copy: SupervisionCopyRecord, room: RoomSeed): Promise<'replaced' | 'released' | 'notFound'>
  findSupervisionCopy(id: string): Promise<SupervisionCopyWithNames | null>
  /** Copies a user wrote, or that were released to a group the user is a member of; newest first. */
  listSupervisionCopiesForUser(userId: string): Promise<SupervisionCopyWithNames[]>
  /** Releases an unreleased copy to a group and empties its redactions; false when it is released already or gone. */
  releaseSupervisionCopy(id: string, groupId: string, at: string): Promise<boolean>
}

/** Everything the relay stores. */
export interface Storage
  extends RoomStorage,
    UserStorage,
    SessionStorage,
    CaseStorage,
    InvitationStorage,
    AgreementStorage,
    VersionStorage,
    AuditStorage,
    ClientIdStorage,
    ConsentStorage,
    SupervisionStorage {
  /**
   * The data keys that seal room updates, case titles and consent purposes
   * at rest. `keyring.destroyCaseKey(caseId)` crypto-shreds a case (its rows
   * and every backup of them become unreadable).
   */
  readonly keyring: Keyring
  /** Closes the database (and its keystore); no call may follow. */
  close(): Promise<void>
}
