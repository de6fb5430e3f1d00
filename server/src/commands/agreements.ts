/**
 * Agreements to the measure plan (contract §5). The server hashes the plan
 * as the relay holds it committed (pending commits included), never a copy
 * the client sends.
 */
import * as Y from 'yjs'
import { planContentHashInput } from '../../../shared/src/caseDocument/planContent.js'
import type { CaseRole } from '../../../shared/src/policy/access.js'
import { newId, sha256Hex } from '../ids.js'
import type { Services } from '../services/Services.js'
import type { AgreementRecord, AgreementStorage } from '../storage/agreements/AgreementStorage.js'
import type { CaseRecord } from '../storage/cases/CaseStorage.js'
import { auditEntry } from './audit.js'
import { assertCaseOpenFor } from './cases.js'

/** Hex SHA-256 of the committed plan's canonical content. */
export async function currentPlanHash(services: Pick<Services, 'documents'>, caseId: string): Promise<string> {
  return services.documents.readDocument({ kind: 'plan', caseId }, (doc) => sha256Hex(planContentHashInput(doc)))
}

/**
 * Records that a member (who may read the plan; checked before) agrees to
 * the plan as it stands now. Resolves with the agreement and the plan's
 * state it signs (read at once with the hash: the version the server keeps
 * of it, contract §8.4).
 */
export async function agreeToPlan(
  services: Services<AgreementStorage>,
  record: CaseRecord,
  agreeing: { userId: string; role: CaseRole },
): Promise<{ agreement: AgreementRecord; planState: Uint8Array }> {
  assertCaseOpenFor(record, 'agreement.agree')
  const now = services.clock()
  const plan = await services.documents.readDocument({ kind: 'plan', caseId: record.id }, (doc) => ({
    planHash: sha256Hex(planContentHashInput(doc)),
    state: Y.encodeStateAsUpdate(doc),
  }))
  const agreement: AgreementRecord = {
    id: newId(),
    caseId: record.id,
    userId: agreeing.userId,
    role: agreeing.role,
    planHash: plan.planHash,
    at: now.toISOString(),
  }
  await services.storage.addAgreement(agreement, [
    auditEntry(record.id, 'agreementGiven', agreeing.userId, now, { agreementId: agreement.id, planHash: agreement.planHash }),
  ])
  services.events.notify(record.id, 'agreements')
  return { agreement, planState: plan.state }
}
