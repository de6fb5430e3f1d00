/**
 * A case's flow (contract §8.3, issue 19 point 9): the German phases or the
 * Swiss placement flow. A case follows the installation's SERVICE_COUNTRY
 * unless a coach set its own; the flow decides who must agree to the plan
 * (agreements' `complete`) and which report templates the client offers.
 */
import type { CaseFlow } from '../../../shared/src/api/cases.js'
import type { ServiceCountry } from '../../../shared/src/api/service.js'
import type { Services } from '../services/Services.js'
import type { CaseRecord, CaseStorage } from '../storage/cases/CaseStorage.js'
import { auditEntry } from './audit.js'
import { assertCaseOpenFor } from './cases.js'

/** The installation's default flow: its country's. */
export function installationFlow(country: ServiceCountry): CaseFlow {
  return country === 'CH' ? 'ch' : 'de'
}

/** The flow a case follows: its own, else the installation's. */
export function flowOfCase(record: Pick<CaseRecord, 'flow'>, country: ServiceCountry): CaseFlow {
  return record.flow ?? installationFlow(country)
}

/**
 * Sets a case's own flow (null: back to the installation's), audited as a
 * case change naming the new setting. Members re-read the case, so an open
 * agreement panel counts the right signatures at once.
 */
export async function setCaseFlow(services: Services<CaseStorage>, record: CaseRecord, flow: CaseFlow | null, actorId: string): Promise<CaseRecord> {
  assertCaseOpenFor(record, 'case.setFlow')
  if (flow === record.flow) {
    return record
  }
  await services.storage.setCaseFlow(record.id, flow, [auditEntry(record.id, 'caseUpdated', actorId, services.clock(), { flow })])
  await services.accessChanged({ kind: 'details', caseId: record.id })
  return { ...record, flow }
}
