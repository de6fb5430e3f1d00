/**
 * Retention (issue 10): a closed case is kept for RETENTION_YEARS after it was
 * closed and then erased automatically. The sweep runs every
 * RETENTION_SWEEP_MS and erases every case whose period ended (and first
 * finishes erasures a crash interrupted). The same sweep erases requests
 * that never became a case once their shorter retention ended (issue 19),
 * and forgets the invitees of pool invitations that expired unused (issue 20).
 */
import { sweepAbandonedUploads } from '../commands/attachments.js'
import { eraseCase, finishInterruptedErasures } from '../commands/eraseCase.js'
import { forgetExpiredPoolInvitees } from '../commands/pool/invitations.js'
import { sweepRequestRetention } from '../commands/requests.js'
import { startPeriodicSweep } from '../periodicSweep.js'
import type { Services } from '../services/Services.js'
import type { AttachmentStorage } from '../storage/attachments/AttachmentStorage.js'
import type { CaseStorage } from '../storage/cases/CaseStorage.js'
import type { ErasureStorage } from '../storage/erasure/ErasureStorage.js'
import type { FundingStorage } from '../storage/funding/FundingStorage.js'
import type { PoolInvitationStorage } from '../storage/pool/PoolInvitationStorage.js'
import type { RequestStorage } from '../storage/requests/RequestStorage.js'

/** The storage ports this module uses (funding: the approvals an erasure keeps as billing records). */
type Ports = CaseStorage & ErasureStorage & RequestStorage & AttachmentStorage & Pick<PoolInvitationStorage, 'forgetExpiredPoolInvitees'> & Pick<FundingStorage, 'listApprovals' | 'listCaseFunding'>

/** The latest closing instant whose retention period has ended at `now`. */
function closedBeforeCutoff(now: Date, years: number): string {
  const cutoff = new Date(now)
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - years)
  return cutoff.toISOString()
}

/** One sweep: erases the cases whose retention period (`retentionYears`) ended; resolves with their ids. */
export async function sweepRetention(services: Services<Ports>, retentionYears: number, billingRetentionYears: number): Promise<string[]> {
  await finishInterruptedErasures(services)
  const due = await services.storage.casesClosedBefore(closedBeforeCutoff(services.clock(), retentionYears))
  const erased: string[] = []
  for (const caseId of due) {
    if (await eraseCase(services, caseId, 'retention', null, billingRetentionYears)) {
      erased.push(caseId)
    }
  }
  await sweepRequestRetention(services)
  // Uploads a crash or a dropped connection left unfinished (issue 20).
  await sweepAbandonedUploads(services)
  // Whom an unused pool invitation was for, once the office no longer needs it (issue 20).
  await forgetExpiredPoolInvitees(services)
  return erased
}

/** Sweeps every `intervalMs` (and once at start); returns the function that stops it. */
export function startRetentionSweeper(services: Services<Ports>, retentionYears: number, billingRetentionYears: number, intervalMs: number): () => void {
  return startPeriodicSweep({
    name: 'retention',
    intervalMs,
    logger: services.logger,
    run: () => sweepRetention(services, retentionYears, billingRetentionYears),
    summary: (erased) => ({ erased: erased.length }),
    runAtStart: true,
  })
}
