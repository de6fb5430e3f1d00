/** When data ends: consent grants lapse on their last day, closed cases are erased after the retention period, their billing records after theirs. */
import { z } from 'zod'
import { defineSection, namedFields, positiveInt } from './section.js'

const RetentionEnvSchema = z.object({
  CONSENT_SWEEP_MS: positiveInt.default(60_000),
  RETENTION_YEARS: positiveInt.default(5),
  RETENTION_SWEEP_MS: positiveInt.default(3_600_000),
  BILLING_RETENTION_YEARS: positiveInt.default(10),
})

export interface RetentionConfig {
  /** How often consent grants past their end date are looked for (they close open connections then). */
  consentSweepMs: number
  /** Years a closed case is kept before it is erased automatically. */
  retentionYears: number
  /** How often cases past their retention period are looked for. */
  retentionSweepMs: number
  /**
   * Years the billing records of an erased case are kept, counted from the
   * end of the calendar year of each record (§ 147 AO: 10 years for
   * accounting records; issue 16). The billing sweep runs with the retention sweep.
   */
  billingRetentionYears: number
}

export const RetentionSettings = defineSection(RetentionEnvSchema, (values): RetentionConfig => namedFields(values))
