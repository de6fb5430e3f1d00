/**
 * Billing records that outlive a case (issue 16, Art. 17(3)(b) GDPR with
 * § 147 AO): when a case is erased, the hours of its hours log are kept,
 * minimised to what billing needs (date, minutes, coach id, the hours
 * category, else the phase) — never the activity text or anything else of
 * the case — until the end of the calendar year of the work plus
 * BILLING_RETENTION_YEARS. Built here, where the erasure command uses them;
 * the sweep in lifecycle/billingSweeper.ts removes them afterwards.
 */
import * as Y from 'yjs'
import { HoursEntry, notesHours } from '../../../shared/src/caseDocument/notes.js'
import { newId } from '../ids.js'
import type { RetainedBillingRecord } from '../storage/billing/BillingStorage.js'

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
      details: { date: entry.date, minutes: Math.round(entry.hours * 60), coachId: entry.coachId, category: entry.category ?? entry.phase ?? null },
    })
  }
  return records
}
