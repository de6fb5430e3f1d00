/**
 * Supervision copies (contract §7) on either backend. Title and redactions
 * are sealed with the copy's own data key; the copy's content is one row in
 * its room `supervision/<id>`.
 */
import type { KeyObject } from 'node:crypto'
import type { AtRest } from '../AtRest.js'
import { insertAuditOf } from '../audit/auditStore.js'
import { deleteClientIds } from '../rooms/clientIdStore.js'
import type { RoomLog } from '../sql/RoomLog.js'
import { storedRoomsOfCopy } from '../rooms/roomNames.js'
import type { RoomSeed } from '../rooms/RoomStorage.js'
import type { Dialect } from '../sql/Dialect.js'
import { all, get, run, type Query } from '../sql/query.js'
import type { StoreContext } from '../StoreContext.js'
import type { SupervisionCopyRecord, SupervisionCopyStorage, SupervisionCopyWithNames } from './SupervisionStorage.js'

/** Columns of an insert into supervision_copies, in the order of {@link sealedCopyValues}. */
export const SUPERVISION_COPY_COLUMNS = 'id, source_case_id, author_id, created_at, title, released_group_id, released_at, redactions'

const SQL_INSERT_COPY = `INSERT INTO supervision_copies (${SUPERVISION_COPY_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
const SQL_COPIES_WITH_NAMES = `SELECT c.*, u.name AS author_name, g.name AS released_group_name
  FROM supervision_copies c JOIN users u ON u.id = c.author_id LEFT JOIN supervision_groups g ON g.id = c.released_group_id`
const SQL_COPY_BY_ID = `${SQL_COPIES_WITH_NAMES} WHERE c.id = ?`
/** Locked, so a release and a replacement of the same copy cannot both win. */
const SQL_LOCK_COPY = (d: Dialect): string => `SELECT released_at FROM supervision_copies WHERE id = ?${d.forUpdate}`
const SQL_DELETE_COPY = 'DELETE FROM supervision_copies WHERE id = ?'
const SQL_COPIES_FOR_USER = `${SQL_COPIES_WITH_NAMES}
  WHERE c.author_id = ? OR (c.released_group_id IS NOT NULL AND EXISTS (
    SELECT 1 FROM supervision_group_members m WHERE m.group_id = c.released_group_id AND m.user_id = ?))
  ORDER BY c.created_at DESC, c.id`
const SQL_RELEASE_COPY = `UPDATE supervision_copies SET released_group_id = ?, released_at = ?, redactions = ?
  WHERE id = ? AND released_at IS NULL`

interface SupervisionCopyRow {
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

function parseRedactions(json: string): string[] {
  try {
    const parsed: unknown = JSON.parse(json)
    return Array.isArray(parsed) ? parsed.filter((entry): entry is string => typeof entry === 'string') : []
  } catch {
    return []
  }
}

function toSupervisionCopy(row: SupervisionCopyRow): SupervisionCopyWithNames {
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

/** Deletes a copy's row, its rooms' logs and client id bindings (inside an operation). */
export function* deleteCopy(roomLog: RoomLog, copyId: string): Query<void> {
  const rooms = storedRoomsOfCopy(copyId)
  yield* roomLog.delete(rooms)
  yield* deleteClientIds(rooms)
  yield* run(SQL_DELETE_COPY, copyId)
}

/** Inserts a copy (title and redactions sealed) and its room's first update, sealed (inside an operation). */
function* insertCopy(atRest: AtRest, roomLog: RoomLog, copy: SupervisionCopyRecord, room: RoomSeed, key: KeyObject): Query<void> {
  yield* run(
    SQL_INSERT_COPY,
    copy.id,
    copy.sourceCaseId,
    copy.authorId,
    copy.createdAt,
    atRest.sealCopyText(key, copy.id, 'title', copy.title),
    copy.releasedGroupId,
    copy.releasedAt,
    atRest.sealCopyText(key, copy.id, 'redactions', JSON.stringify(copy.redactions)),
  )
  yield* roomLog.append(room.room, [atRest.sealUpdate(key, room.room, room.update)], new Date().toISOString())
}

/** {@link SupervisionCopyStorage} on either backend. */
export function createSupervisionCopyStore({ db, atRest, roomLog }: StoreContext): SupervisionCopyStorage {
  const openCopies = async (rows: readonly SupervisionCopyRow[]) => (await atRest.openCopyRows(rows)).map(toSupervisionCopy)
  return {
    async createSupervisionCopy(copy, room, audit) {
      const key = await atRest.copyKey(copy.id)
      await db.transaction(function* () {
        yield* insertCopy(atRest, roomLog, copy, room, key)
        yield* insertAuditOf(audit, undefined)
      })
    },

    async replaceSupervisionCopy(replacedId, copy, room, audit) {
      const key = await atRest.copyKey(copy.id)
      const outcome = await db.transaction(
        function* () {
          const old = yield* get<{ released_at: string | null }>(SQL_LOCK_COPY, replacedId)
          if (old === undefined) {
            return 'notFound' as const
          }
          if (old.released_at !== null) {
            return 'released' as const
          }
          yield* deleteCopy(roomLog, replacedId)
          yield* insertCopy(atRest, roomLog, copy, room, key)
          yield* insertAuditOf(audit, undefined)
          return 'replaced' as const
        },
        { immediate: true },
      )
      if (outcome === 'replaced') {
        // The replaced copy's rows are gone; its key goes too (old backups).
        await atRest.keyring.destroyCopyKey(replacedId)
      }
      return outcome
    },

    async findSupervisionCopy(id) {
      const row = await db.query(get<SupervisionCopyRow>(SQL_COPY_BY_ID, id))
      return row ? ((await openCopies([row]))[0] ?? null) : null
    },

    listSupervisionCopiesForUser: async (userId) => openCopies(await db.query(all<SupervisionCopyRow>(SQL_COPIES_FOR_USER, userId, userId))),

    async releaseSupervisionCopy(id, groupId, at, audit) {
      // Released copies are frozen: their redactions are emptied.
      const empty = atRest.sealCopyText(await atRest.copyKey(id), id, 'redactions', '[]')
      return db.transaction(function* () {
        if ((yield* run(SQL_RELEASE_COPY, groupId, at, empty, id)).changes !== 1) {
          return false
        }
        yield* insertAuditOf(audit, undefined)
        return true
      })
    },
  }
}
