/** Agreements to the measure plan on either backend. */
import { insertAuditOf } from '../audit/auditStore.js'
import type { Dialect } from '../sql/Dialect.js'
import { all, run } from '../sql/query.js'
import type { StoreContext } from '../StoreContext.js'
import type { AgreementRecord, AgreementStorage } from './AgreementStorage.js'

const SQL_INSERT_AGREEMENT = 'INSERT INTO agreements (id, case_id, user_id, role, plan_hash, at) VALUES (?, ?, ?, ?, ?, ?)'
// Insertion order breaks ties between agreements made in the same millisecond.
const SQL_AGREEMENTS_OF_CASE = (d: Dialect): string => `SELECT a.*, u.name AS user_name FROM agreements a JOIN users u ON u.id = a.user_id
  WHERE a.case_id = ? ORDER BY a.at DESC, ${d.insertionOrder('a')} DESC`

interface AgreementRow {
  id: string
  case_id: string
  user_id: string
  role: AgreementRecord['role']
  plan_hash: string
  at: string
  user_name: string
}

/** {@link AgreementStorage} on either backend. */
export function createAgreementStore({ db }: StoreContext): AgreementStorage {
  return {
    async addAgreement(a, audit) {
      await db.transaction(function* () {
        yield* run(SQL_INSERT_AGREEMENT, a.id, a.caseId, a.userId, a.role, a.planHash, a.at)
        yield* insertAuditOf(audit, undefined)
      })
    },

    async listAgreements(caseId) {
      const rows = await db.query(all<AgreementRow>(SQL_AGREEMENTS_OF_CASE, caseId))
      return rows.map((row) => ({ id: row.id, caseId: row.case_id, userId: row.user_id, role: row.role, planHash: row.plan_hash, at: row.at, userName: row.user_name }))
    },
  }
}
