/** Funding records (issue 18) as the API shows them (shared/src/api/funding.ts). */
import type { Approval, CaseFundingRecord, FundingBody } from '../../../shared/src/api/funding.js'
import type { ApprovalWithNames, CaseFundingWithNames, FundingBodyRecord } from '../storage/funding/FundingStorage.js'

export function toApiFundingBody(record: FundingBodyRecord): FundingBody {
  return { ...record }
}

export function toApiCaseFunding(record: CaseFundingWithNames): CaseFundingRecord {
  return {
    id: record.id,
    fundingBodyId: record.fundingBodyId,
    fundingBodyName: record.fundingBodyName,
    fundingBodyKind: record.fundingBodyKind,
    fileNumber: record.fileNumber,
    referringBody: record.referringBody,
    recordedAt: record.recordedAt,
    recordedBy: record.recordedBy,
    recordedByName: record.recordedByName,
  }
}

/** A case's approval records, each marked when a later record corrects it. */
export function toApiApprovals(records: readonly ApprovalWithNames[]): Approval[] {
  const corrected = new Set(records.flatMap((record) => (record.correctsId === null ? [] : [record.correctsId])))
  return records.map(({ caseId: _caseId, ...record }) => ({ ...record, corrected: corrected.has(record.id) }))
}
