/**
 * The billing records' own retention (issue 16): removes records past
 * BILLING_RETENTION_YEARS and destroys the billing key of a case with none
 * left. The records are written by the erasure (commands/billingRecords.ts).
 */
import { isoDay } from '../clock.js'
import { startPeriodicSweep } from '../periodicSweep.js'
import type { Services } from '../services/Services.js'
import type { BillingStorage } from '../storage/billing/BillingStorage.js'
import type { InvoiceStorage } from '../storage/invoices/InvoiceStorage.js'

/** One sweep: removes the records past their period and destroys the billing keys of cases with none left; resolves with the count removed. */
export async function sweepBillingRecords(services: Services<BillingStorage & InvoiceStorage>): Promise<number> {
  const today = isoDay(services.clock())
  const { removed, emptiedCases } = await services.storage.removeExpiredBilling(today)
  for (const caseId of emptiedCases) {
    await services.keyring.destroyBillingKey(caseId)
  }
  if (removed > 0) {
    services.logger.info({ removed, cases: emptiedCases.length }, 'billing records past their retention removed')
  }
  // Issued invoices (issue 18) follow the same retention, from the end of their year of issue; a year's key goes with its last invoice.
  const invoices = await services.storage.removeExpiredInvoices(today)
  for (const year of invoices.emptiedYears) {
    await services.keyring.destroyInvoiceKey(year)
  }
  if (invoices.removed > 0) {
    services.logger.info({ removed: invoices.removed, years: invoices.emptiedYears }, 'invoices past their retention removed')
  }
  return removed + invoices.removed
}

/** Sweeps every `intervalMs` (and once at start); returns the function that stops it. */
export function startBillingSweeper(services: Services<BillingStorage & InvoiceStorage>, intervalMs: number): () => void {
  return startPeriodicSweep({
    name: 'billing',
    intervalMs,
    logger: services.logger,
    run: () => sweepBillingRecords(services),
    summary: (removed) => ({ removed }),
    runAtStart: true,
  })
}
