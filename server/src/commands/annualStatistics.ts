/**
 * The annual figures of the whole service (issue 22): every case's
 * structured facts (services/caseFacts.ts), handed to the shared,
 * suppressing computation. Nothing of a single case leaves this function.
 */
import { annualFigures, type AnnualFigures, type StatisticsCase } from '../../../shared/src/statistics/annualFigures.js'
import { isoDay } from '../clock.js'
import { caseFactsOf, type CaseFactsPorts } from '../services/caseFacts.js'
import type { Services } from '../services/Services.js'
import type { CaseStorage } from '../storage/cases/CaseStorage.js'

/** The figures of `year`, cells under `suppressBelow` cases suppressed. */
export async function annualStatistics(services: Services<CaseStorage & CaseFactsPorts>, year: number, suppressBelow: number): Promise<AnnualFigures> {
  const today = isoDay(services.clock())
  const cases: StatisticsCase[] = []
  // One case after the other: each read may load two rooms into the relay.
  for (const record of await services.storage.listAllCases()) {
    const facts = await caseFactsOf(services, record.id, today)
    cases.push({
      type: record.type,
      gender: facts.gender,
      start: facts.summary?.startDate ?? isoDay(new Date(record.createdAt)),
      end: record.closedAt === null ? null : isoDay(new Date(record.closedAt)),
      outcome: facts.summary?.outcome,
      hours: facts.hours,
    })
  }
  return annualFigures(cases, year, suppressBelow)
}
