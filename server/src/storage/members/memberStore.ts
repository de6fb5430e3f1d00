/** Members of cases on either backend: the members table, its row and its SQL. */
import { insertAuditOf } from '../audit/auditStore.js'
import { revokeConsentsOf } from '../consents/consentStore.js'
import { all, get, run, type Query } from '../sql/query.js'
import type { Dialect } from '../sql/Dialect.js'
import type { StoreContext } from '../StoreContext.js'
import type { MemberRecord, MemberStorage, MemberWithUser } from './MemberStorage.js'

const SQL_INSERT_MEMBER = `INSERT INTO members (id, case_id, user_id, role, added_at)
  VALUES (?, ?, ?, ?, ?) ON CONFLICT (case_id, user_id) DO NOTHING`
const SQL_MEMBER_BY_USER = 'SELECT * FROM members WHERE case_id = ? AND user_id = ?'
const SQL_MEMBERS_OF_CASE = `SELECT m.*, u.name, u.email FROM members m JOIN users u ON u.id = m.user_id
  WHERE m.case_id = ? ORDER BY m.added_at, m.id`
const SQL_MEMBERS_WITH_ROLE = `SELECT m.*, u.name, u.email FROM members m JOIN users u ON u.id = m.user_id
  WHERE m.role = ? ORDER BY m.case_id, m.added_at, m.id`
/** Locks the case's member rows, so two removals cannot both leave the other coach alone. */
const SQL_LOCK_MEMBERS = (d: Dialect): string => `SELECT * FROM members WHERE case_id = ?${d.forUpdate}`
const SQL_DELETE_MEMBER = 'DELETE FROM members WHERE id = ?'

/** A members row. */
interface MemberRow {
  id: string
  case_id: string
  user_id: string
  role: MemberRecord['role']
  added_at: string
}

function toMember(row: MemberRow): MemberRecord {
  return { id: row.id, caseId: row.case_id, userId: row.user_id, role: row.role, addedAt: row.added_at }
}

/** Inserts a member unless the user is one already; whether it did (inside an operation). */
export function* insertMember(member: MemberRecord): Query<boolean> {
  return (yield* run(SQL_INSERT_MEMBER, member.id, member.caseId, member.userId, member.role, member.addedAt)).changes === 1
}

/** {@link MemberStorage} on either backend. */
export function createMemberStore({ db }: StoreContext): MemberStorage {
  return {
    async findMember(caseId, userId) {
      const row = await db.query(get<MemberRow>(SQL_MEMBER_BY_USER, caseId, userId))
      return row ? toMember(row) : null
    },

    async listMembers(caseId): Promise<MemberWithUser[]> {
      const rows = await db.query(all<MemberRow & { name: string; email: string }>(SQL_MEMBERS_OF_CASE, caseId))
      return rows.map((row) => ({ ...toMember(row), name: row.name, email: row.email }))
    },

    async listMembersWithRole(role): Promise<MemberWithUser[]> {
      const rows = await db.query(all<MemberRow & { name: string; email: string }>(SQL_MEMBERS_WITH_ROLE, role))
      return rows.map((row) => ({ ...toMember(row), name: row.name, email: row.email }))
    },

    addMember: (member, audit) =>
      db.transaction(function* () {
        if (!(yield* insertMember(member))) {
          return false
        }
        yield* insertAuditOf(audit, undefined)
        return true
      }),

    removeMember: (caseId, memberId, ended, audit) =>
      db.transaction(function* () {
        const members = yield* all<MemberRow>(SQL_LOCK_MEMBERS, caseId)
        const member = members.find((row) => row.id === memberId)
        if (!member) {
          return 'notFound' as const
        }
        if (member.role === 'coach' && members.filter((row) => row.role === 'coach').length <= 1) {
          return 'lastCoach' as const
        }
        yield* run(SQL_DELETE_MEMBER, memberId)
        const revokedConsents = yield* revokeConsentsOf(caseId, memberId, ended.at, ended.by)
        yield* insertAuditOf(audit, { member: toMember(member), revokedConsents })
        return 'removed' as const
      }),

    assignCoach: (coach, replacedMemberId, ended, audit) =>
      db.transaction(function* () {
        const members = yield* all<MemberRow>(SQL_LOCK_MEMBERS, coach.caseId)
        const replaced = replacedMemberId === null ? null : members.find((row) => row.id === replacedMemberId && row.role === 'coach')
        if (replaced === undefined) {
          return 'notFound' as const
        }
        if (!(yield* insertMember(coach))) {
          return 'alreadyMember' as const
        }
        if (replaced === null) {
          yield* insertAuditOf(audit, null)
          return 'assigned' as const
        }
        yield* run(SQL_DELETE_MEMBER, replaced.id)
        const revokedConsents = yield* revokeConsentsOf(coach.caseId, replaced.id, ended.at, ended.by)
        yield* insertAuditOf(audit, { member: toMember(replaced), revokedConsents })
        return 'assigned' as const
      }),
  }
}
