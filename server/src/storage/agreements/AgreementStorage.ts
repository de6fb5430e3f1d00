/** Agreements to the measure plan: record and port. */
import type { CaseRole } from '../../../../shared/src/policy/access.js'
import type { AuditOf } from '../audit/AuditStorage.js'

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
  /** Inserts an agreement with `audit`. */
  addAgreement(agreement: AgreementRecord, audit?: AuditOf): Promise<void>
  /** A case's agreements with the agreeing user's name, newest first. */
  listAgreements(caseId: string): Promise<Array<AgreementRecord & { userName: string }>>
}
