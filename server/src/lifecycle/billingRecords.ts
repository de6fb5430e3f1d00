/**
 * Billing records that outlive a case (issue 16, Art. 17(3)(b) GDPR with
 * § 147 AO): when a case is erased, the hours of its hours log are kept,
 * minimised to what billing needs (date, minutes, coach id, the phase as
 * category) — never the activity text or anything else of the case — until
 * the end of the calendar year of the work plus BILLING_RETENTION_YEARS,
 * then removed by the billing sweep with their key.
 */
import * as Y from 'yjs'
import { HoursEntry, notesHours } from '../../../shared/src/caseDocument/notes.js'
import { newId } from '../ids.js'
import { startPeriodicSweep } from '../periodicSweep.js'
import type { Services } from '../services/Services.js'
import type { BillingStorage, RetainedBillingRecord } from '../storage/billing/BillingStorage.js'
import { isoDay } from '../clock.js'

/** The last day a record of work done on `date` is kept (§ 147(4) AO: the period starts at the end of the calendar year). */
export function billingRetainUntil(date: string, years: number): string {
  return `${Number(date.slice(0, 4)) + years}-12-31`
}

/** The minimised billing records of a notes document's hours log; entries that do not fit the schema are left out. */
export function billingRecordsOf(notes: Y.Doc, caseId: string, retainedAt: string, years: number): RetainedBillingRecord[] {
  const records: RetainedBillingRecord[] = []
  for (const map of notesHours(notes).toArray()) {
    const parsed = HoursEntry.safeParse(map instanceof Y.Map ? map.toJSON() : null)
    if (!parsed.success) {
      continue
    }
    const entry = parsed.data
    records.push({
      id: newId(),
      caseId,
      kind: 'hours',
      retainedAt,
      retainUntil: billingRetainUntil(entry.date, years),
      details: { date: entry.date, minutes: Math.round(entry.hours * 60), coachId: entry.coachId, category: entry.phase ?? null },
    })
  }
  return records
}

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
