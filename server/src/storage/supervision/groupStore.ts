/** Supervision groups and their members (issue 6) on either backend. */
import type { Dialect } from '../sql/Dialect.js'
import { all, get, list, run } from '../sql/query.js'
import type { StoreContext } from '../StoreContext.js'
import type { SupervisionGroupMemberRecord, SupervisionGroupRecord, SupervisionGroupStorage } from './SupervisionStorage.js'

const SQL_INSERT_GROUP = 'INSERT INTO supervision_groups (id, name, created_at, created_by) VALUES (?, ?, ?, ?)'
const SQL_GROUP_BY_ID = 'SELECT * FROM supervision_groups WHERE id = ?'
const SQL_ALL_GROUPS = 'SELECT * FROM supervision_groups ORDER BY lower(name), id'
const SQL_GROUPS_OF_USER = `SELECT g.* FROM supervision_groups g JOIN supervision_group_members m ON m.group_id = g.id
  WHERE m.user_id = ? ORDER BY lower(g.name), g.id`
const SQL_GROUP_MEMBERS = (d: Dialect): string => `SELECT m.group_id, m.user_id, m.added_at, u.name, u.email
  FROM supervision_group_members m JOIN users u ON u.id = m.user_id
  WHERE ${d.inList('m.group_id', 'text')} ORDER BY lower(u.name), u.id`
const SQL_INSERT_GROUP_MEMBER = 'INSERT INTO supervision_group_members (group_id, user_id, added_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING'
const SQL_DELETE_GROUP_MEMBER = 'DELETE FROM supervision_group_members WHERE group_id = ? AND user_id = ?'
const SQL_IS_GROUP_MEMBER = 'SELECT 1 AS member FROM supervision_group_members WHERE group_id = ? AND user_id = ?'

interface SupervisionGroupRow {
  id: string
  name: string
  created_at: string
  created_by: string
}

interface SupervisionGroupMemberRow {
  group_id: string
  user_id: string
  added_at: string
  name: string
  email: string
}

function toSupervisionGroup(row: SupervisionGroupRow): SupervisionGroupRecord {
  return { id: row.id, name: row.name, createdAt: row.created_at, createdBy: row.created_by }
}

function toSupervisionGroupMember(row: SupervisionGroupMemberRow): SupervisionGroupMemberRecord {
  return { groupId: row.group_id, userId: row.user_id, addedAt: row.added_at, name: row.name, email: row.email }
}

/** {@link SupervisionGroupStorage} on either backend. */
export function createSupervisionGroupStore({ db }: StoreContext): SupervisionGroupStorage {
  return {
    async createSupervisionGroup(group) {
      await db.query(run(SQL_INSERT_GROUP, group.id, group.name, group.createdAt, group.createdBy))
    },

    async findSupervisionGroup(id) {
      const row = await db.query(get<SupervisionGroupRow>(SQL_GROUP_BY_ID, id))
      return row ? toSupervisionGroup(row) : null
    },

    listSupervisionGroups: async () => (await db.query(all<SupervisionGroupRow>(SQL_ALL_GROUPS))).map(toSupervisionGroup),

    listSupervisionGroupsOfUser: async (userId) => (await db.query(all<SupervisionGroupRow>(SQL_GROUPS_OF_USER, userId))).map(toSupervisionGroup),

    async listSupervisionGroupMembers(groupIds) {
      if (groupIds.length === 0) {
        return []
      }
      return (await db.query(all<SupervisionGroupMemberRow>(SQL_GROUP_MEMBERS, list(groupIds)))).map(toSupervisionGroupMember)
    },

    addSupervisionGroupMember: async (groupId, userId, addedAt) => (await db.query(run(SQL_INSERT_GROUP_MEMBER, groupId, userId, addedAt))).changes === 1,

    removeSupervisionGroupMember: async (groupId, userId) => (await db.query(run(SQL_DELETE_GROUP_MEMBER, groupId, userId))).changes === 1,

    isSupervisionGroupMember: async (groupId, userId) => (await db.query(get(SQL_IS_GROUP_MEMBER, groupId, userId))) !== undefined,
  }
}
