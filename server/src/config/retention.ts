/** When data ends: consent grants lapse on their last day, closed cases are erased after the retention period. */
import { z } from 'zod'
import { defineSection, namedFields, positiveInt } from './section.js'

const RetentionEnvSchema = z.object({
  CONSENT_SWEEP_MS: positiveInt.default(60_000),
  RETENTION_YEARS: positiveInt.default(5),
  RETENTION_SWEEP_MS: positiveInt.default(3_600_000),
})

export interface RetentionConfig {
  /** How often consent grants past their end date are looked for (they close open connections then). */
  consentSweepMs: number
  /** Years a closed case is kept before it is erased automatically. */
  retentionYears: number
  /** How often cases past their retention period are looked for. */
  retentionSweepMs: number
}

export const RetentionSettings = defineSection(RetentionEnvSchema, (values): RetentionConfig => namedFields(values))
