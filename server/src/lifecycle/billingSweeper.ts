/**
 * The billing records' own retention (issue 16): removes records past
 * BILLING_RETENTION_YEARS and destroys the billing key of a case with none
 * left. The records are written by the erasure (commands/billingRecords.ts).
 */
import { isoDay } from '../clock.js'
import { startPeriodicSweep } from '../periodicSweep.js'
import type { Services } from '../services/Services.js'
import type { BillingStorage } from '../storage/billing/BillingStorage.js'

/** One sweep: removes the records past their period and destroys the billing keys of cases with none left; resolves with the count removed. */
export async function sweepBillingRecords(services: Services<BillingStorage>): Promise<number> {
  const { removed, emptiedCases } = await services.storage.removeExpiredBilling(isoDay(services.clock()))
  for (const caseId of emptiedCases) {
    await services.keyring.destroyBillingKey(caseId)
  }
  if (removed > 0) {
    services.logger.info({ removed, cases: emptiedCases.length }, 'billing records past their retention removed')
  }
  return removed
}

/** Sweeps every `intervalMs` (and once at start); returns the function that stops it. */
export function startBillingSweeper(services: Services<BillingStorage>, intervalMs: number): () => void {
  return startPeriodicSweep({
    name: 'billing',
    intervalMs,
    logger: services.logger,
    run: () => sweepBillingRecords(services),
    summary: (removed) => ({ removed }),
    runAtStart: true,
  })
}
