/** Rows of the supervision tables (issue 6), shared by both dialects. */
import type { KeyObject } from 'node:crypto'
import { formatRoomName } from '../../../shared/src/protocol/roomName.js'
import { openCopyText, sealCopyText } from '../crypto/atRest.js'
import type { SupervisionCopyRecord, SupervisionCopyWithNames, SupervisionGroupMemberRecord, SupervisionGroupRecord } from './Storage.js'

export interface SupervisionGroupRow {
  id: string
  name: string
  created_at: string
  created_by: string
}

export interface SupervisionGroupMemberRow {
  group_id: string
  user_id: string
  added_at: string
  name: string
  email: string
}

export interface SupervisionCopyRow {
  id: string
  source_case_id: string | null
  author_id: string
  created_at: string
  title: string
  released_group_id: string | null
  released_at: string | null
  redactions: string
  author_name: string
  released_group_name: string | null
}

/** Columns of an insert into supervision_copies, in the order of {@link supervisionCopyValues}. */
export const SUPERVISION_COPY_COLUMNS = 'id, source_case_id, author_id, created_at, title, released_group_id, released_at, redactions'

/** A copy row with the author's and the group's names (append WHERE / ORDER BY). */
export const SQL_SUPERVISION_COPIES_WITH_NAMES = `SELECT c.*, u.name AS author_name, g.name AS released_group_name
  FROM supervision_copies c JOIN users u ON u.id = c.author_id LEFT JOIN supervision_groups g ON g.id = c.released_group_id`

export function supervisionCopyValues(copy: SupervisionCopyRecord): unknown[] {
  return [copy.id, copy.sourceCaseId, copy.authorId, copy.createdAt, copy.title, copy.releasedGroupId, copy.releasedAt, JSON.stringify(copy.redactions)]
}

/**
 * The values of an insert with title and redactions sealed by the copy's
 * data key (encryption at rest: the redactions are the case's own words).
 */
export function sealedSupervisionCopyValues(copy: SupervisionCopyRecord, key: KeyObject): unknown[] {
  const values = supervisionCopyValues(copy)
  values[4] = sealCopyText(key, copy.id, 'title', copy.title)
  values[7] = sealCopyText(key, copy.id, 'redactions', JSON.stringify(copy.redactions))
  return values
}

/** A row with title and redactions opened with the copy's data key. */
export function openSupervisionCopyRow<T extends Pick<SupervisionCopyRow, 'id' | 'title' | 'redactions'>>(row: T, key: KeyObject): T {
  return { ...row, title: openCopyText(key, row.id, 'title', row.title), redactions: openCopyText(key, row.id, 'redactions', row.redactions) }
}

/** The sealed redactions of a released copy (none). */
export function sealedEmptyRedactions(copyId: string, key: KeyObject): string {
  return sealCopyText(key, copyId, 'redactions', '[]')
}

export function toSupervisionGroup(row: SupervisionGroupRow): SupervisionGroupRecord {
  return { id: row.id, name: row.name, createdAt: row.created_at, createdBy: row.created_by }
}

export function toSupervisionGroupMember(row: SupervisionGroupMemberRow): SupervisionGroupMemberRecord {
  return { groupId: row.group_id, userId: row.user_id, addedAt: row.added_at, name: row.name, email: row.email }
}

function parseRedactions(json: string): string[] {
  try {
    const parsed: unknown = JSON.parse(json)
    return Array.isArray(parsed) ? parsed.filter((entry): entry is string => typeof entry === 'string') : []
  } catch {
    return []
  }
}

export function toSupervisionCopy(row: SupervisionCopyRow): SupervisionCopyWithNames {
  return {
    id: row.id,
    sourceCaseId: row.source_case_id,
    authorId: row.author_id,
    createdAt: row.created_at,
    title: row.title,
    releasedGroupId: row.released_group_id,
    releasedAt: row.released_at,
    redactions: parseRedactions(row.redactions),
    authorName: row.author_name,
    releasedGroupName: row.released_group_name,
  }
}

/** The stored room names of a copy: the copy and its discussion. */
export function storedRoomsOfCopy(copyId: string): string[] {
  return [formatRoomName({ kind: 'supervisionCopy', copyId }), formatRoomName({ kind: 'supervisionDiscussion', copyId })]
}
