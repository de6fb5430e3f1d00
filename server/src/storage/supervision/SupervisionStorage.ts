/** Supervision groups and copies (issue 6): records and ports. */
import type { AuditOf } from '../audit/AuditStorage.js'
import type { RoomSeed } from '../rooms/RoomStorage.js'

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

/** Supervision groups and their members (issue 6). */
export interface SupervisionGroupStorage {
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
}

/** Supervision copies (contract §7). */
export interface SupervisionCopyStorage {
  /** Inserts a copy and its room's one update (`room`), with `audit`, in one transaction. */
  createSupervisionCopy(copy: SupervisionCopyRecord, room: RoomSeed, audit?: AuditOf): Promise<void>
  /**
   * In one transaction: deletes the unreleased copy `replacedId` with its
   * room's log and client id bindings (copy and discussion room), and inserts
   * `copy` with its room's update, and writes `audit`. 'released' or
   * 'notFound' (nothing written) when the old copy is frozen or gone.
   */
  replaceSupervisionCopy(replacedId: string, copy: SupervisionCopyRecord, room: RoomSeed, audit?: AuditOf): Promise<'replaced' | 'released' | 'notFound'>
  findSupervisionCopy(id: string): Promise<SupervisionCopyWithNames | null>
  /** Copies a user wrote, or that were released to a group the user is a member of; newest first. */
  listSupervisionCopiesForUser(userId: string): Promise<SupervisionCopyWithNames[]>
  /** Releases an unreleased copy to a group and empties its redactions, with `audit`; false (nothing written) when it is released already or gone. */
  releaseSupervisionCopy(id: string, groupId: string, at: string, audit?: AuditOf): Promise<boolean>
}

/** Supervision groups and copies (issue 6). */
export interface SupervisionStorage extends SupervisionGroupStorage, SupervisionCopyStorage {}
