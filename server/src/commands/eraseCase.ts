/**
 * Erasure of a case (issue 10, contract §5 `DELETE /api/cases/:id`): on
 * request of a coach or an admin, or when the retention period ends. One
 * storage transaction removes every room's log and every row of the case and
 * leaves a tombstone; then every process closes the case's open connections
 * with 4404 (the clients delete their local copies and stop reconnecting)
 * and ends its event streams. A stale client that connects later gets 4404
 * too, and nothing it sends is stored.
 */
import { caseKeyOwner } from '../crypto/keyOwners.js'
import { destroyAttachmentKeysOf } from './attachments.js'
import { approvalBillingRecords } from './billingApprovals.js'
import { billingRecordsOf } from './billingRecords.js'
import type { Services } from '../services/Services.js'
import type { AttachmentStorage } from '../storage/attachments/AttachmentStorage.js'
import type { ErasureReason, ErasureStorage } from '../storage/erasure/ErasureStorage.js'
import type { FundingStorage } from '../storage/funding/FundingStorage.js'

/**
 * Erases a case; false when there was no such case. The hours of its hours
 * log and its funding approvals stay behind as minimised billing records
 * for `billingRetentionYears` (issue 16): the duty to keep accounting
 * records (§ 147 AO) limits the right to erasure (Art. 17(3)(b) GDPR), on
 * request as after retention.
 */
export async function eraseCase(
  services: Services<ErasureStorage & Pick<FundingStorage, 'listApprovals' | 'listCaseFunding'> & Pick<AttachmentStorage, 'attachmentIdsOf'>>,
  caseId: string,
  reason: ErasureReason,
  erasedBy: string | null,
  billingRetentionYears: number,
): Promise<boolean> {
  const erasedAt = services.clock().toISOString()
  // Read as committed, before the erasure removes the log (an hour booked in between is the coach's own race).
  const hours = await services.documents.readDocument({ kind: 'notes', caseId }, (notes) => billingRecordsOf(notes, caseId, erasedAt, billingRetentionYears))
  // The approvals' rows are sealed with the case key: read before it is destroyed.
  const [approvals, funding] = await Promise.all([services.storage.listApprovals(caseId), services.storage.listCaseFunding(caseId)])
  const retained = [...approvalBillingRecords(approvals, funding, caseId, erasedAt, billingRetentionYears), ...hours]
  // The files' keys go first (issue 20): their rows go with the case's row
  // (ON DELETE CASCADE), and no backup of a chunk stays readable even if the
  // process dies before the case's transaction.
  await destroyAttachmentKeysOf(services, { kind: 'case', caseId })
  const erased = await services.storage.eraseCase({ caseId, erasedAt, reason, erasedBy }, retained)
  if (!erased) {
    return false
  }
  // Crypto-shredding (encryption at rest): database backups taken before now
  // still hold the case's sealed rows; without its data key they stay unreadable.
  await services.keyring.destroyCaseKey(caseId)
  await services.accessChanged({ kind: 'erased', caseId })
  // Ids only: the case's title and content are gone and never logged.
  services.logger.info({ caseId, reason, by: erasedBy }, 'case erased')
  return true
}

/**
 * Destroys the data keys of erased cases that still have one: a crash
 * between the erasure's transaction and the key's destruction leaves the
 * key live, and old backups readable. Runs at start and with every
 * retention sweep; resolves with the number of keys destroyed.
 */
export async function finishInterruptedErasures(services: Services<ErasureStorage>): Promise<number> {
  const erased = await services.storage.erasedCaseIds()
  const owners = new Map(erased.map((caseId) => [caseKeyOwner(caseId), caseId]))
  let destroyed = 0
  for (const owner of await services.keyring.liveOwners([...owners.keys()])) {
    const caseId = owners.get(owner)
    if (caseId !== undefined && (await services.keyring.destroyCaseKey(caseId))) {
      destroyed += 1
      services.logger.warn({ caseId }, 'destroyed the data key of a case whose erasure was interrupted')
    }
  }
  return destroyed
}
