/** Case rows on either backend (titles sealed with the case's data key). */
import type { CaseRole } from '../../../../shared/src/policy/access.js'
import { caseKeyOwner, keyOwnerOfRoom } from '../../crypto/keyOwners.js'
import { insertAuditOf } from '../audit/auditStore.js'
import { insertMember } from '../members/memberStore.js'
import { all, get, run } from '../sql/query.js'
import type { StoreContext } from '../StoreContext.js'
import type { CaseRecord, CaseStorage } from './CaseStorage.js'

const SQL_INSERT_CASE = `INSERT INTO cases (id, title, type, employer_can_edit, created_at, created_by)
  VALUES (?, ?, ?, ?, ?, ?)`
/** Also used by the erasure, which deletes the row. */
export const SQL_CASE_BY_ID = 'SELECT * FROM cases WHERE id = ?'
const SQL_CASES_OF_USER = `SELECT c.*, m.role AS my_role FROM cases c JOIN members m ON m.case_id = c.id
  WHERE m.user_id = ? ORDER BY c.created_at DESC, c.id`
const SQL_ALL_CASES = 'SELECT * FROM cases ORDER BY created_at DESC, id'
const SQL_UPDATE_CASE = `UPDATE cases SET title = COALESCE(?, title), type = COALESCE(?, type),
  employer_can_edit = COALESCE(?, employer_can_edit) WHERE id = ?`
const SQL_SET_CASE_FLOW = 'UPDATE cases SET flow = ? WHERE id = ?'
const SQL_CLOSE_CASE = 'UPDATE cases SET closed_at = ?, closed_by = ? WHERE id = ? AND closed_at IS NULL'
const SQL_CASES_CLOSED_BEFORE = 'SELECT id FROM cases WHERE closed_at IS NOT NULL AND closed_at < ? ORDER BY closed_at'

/** A cases row (booleans are 0/1 on SQLite). */
interface CaseRow {
  id: string
  title: string
  type: CaseRecord['type']
  employer_can_edit: boolean | number
  created_at: string
  created_by: string
  closed_at: string | null
  closed_by: string | null
  flow: CaseRecord['flow']
}

function toCase(row: CaseRow): CaseRecord {
  return {
    id: row.id,
    title: row.title,
    type: row.type,
    employerCanEdit: Boolean(row.employer_can_edit),
    createdAt: row.created_at,
    createdBy: row.created_by,
    closedAt: row.closed_at,
    closedBy: row.closed_by,
    flow: row.flow ?? null,
  }
}

/** {@link CaseStorage} on either backend. */
export function createCaseStore({ db, atRest, roomLog }: StoreContext): CaseStorage {
  return {
    async createCase(record, firstMember, seeds) {
      const now = new Date().toISOString()
      const owner = caseKeyOwner(record.id)
      const keyOf = await atRest.keys([owner, ...seeds.map((seed) => keyOwnerOfRoom(seed.room))], { create: true })
      const title = atRest.sealCaseTitleWith(keyOf(owner), record.id, record.title)
      const sealedSeeds = seeds.map((seed) => ({ room: seed.room, data: atRest.sealUpdate(keyOf(keyOwnerOfRoom(seed.room)), seed.room, seed.update) }))
      await db.transaction(function* () {
        yield* run(SQL_INSERT_CASE, record.id, title, record.type, record.employerCanEdit, record.createdAt, record.createdBy)
        yield* insertMember(firstMember)
        for (const seed of sealedSeeds) {
          yield* roomLog.append(seed.room, [seed.data], now)
        }
      })
    },

    async findCase(id) {
      const row = await db.query(get<CaseRow>(SQL_CASE_BY_ID, id))
      const [opened] = row ? await atRest.openCaseRows([row]) : []
      return opened ? toCase(opened) : null
    },

    listAllCases: async () => (await atRest.openCaseRows(await db.query(all<CaseRow>(SQL_ALL_CASES)))).map(toCase),

    async listCasesOfUser(userId): Promise<Array<{ record: CaseRecord; role: CaseRole }>> {
      const rows = await atRest.openCaseRows(await db.query(all<CaseRow & { my_role: CaseRole }>(SQL_CASES_OF_USER, userId)))
      return rows.map((row) => ({ record: toCase(row), role: row.my_role }))
    },

    async updateCase(id, changes, audit) {
      const title = changes.title === undefined ? null : await atRest.sealCaseTitle(id, changes.title)
      await db.transaction(function* () {
        yield* run(SQL_UPDATE_CASE, title, changes.type ?? null, changes.employerCanEdit ?? null, id)
        yield* insertAuditOf(audit, undefined)
      })
    },

    setCaseFlow: (id, flow, audit) =>
      db.transaction(function* () {
        yield* run(SQL_SET_CASE_FLOW, flow, id)
        yield* insertAuditOf(audit, undefined)
      }),

    closeCase: (id, at, by, audit) =>
      db.transaction(function* () {
        if ((yield* run(SQL_CLOSE_CASE, at, by, id)).changes !== 1) {
          return false
        }
        yield* insertAuditOf(audit, undefined)
        return true
      }),

    casesClosedBefore: async (closedBefore) => (await db.query(all<{ id: string }>(SQL_CASES_CLOSED_BEFORE, closedBefore))).map((row) => row.id),
  }
}
