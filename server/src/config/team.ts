/** The team lead's figures (issue 22): how a tandem case weighs in a caseload, and how small a statistics cell may be. */
import { z } from 'zod'
import { defineSection, namedFields, positiveInt } from './section.js'

const TeamEnvSchema = z.object({
  // A share of a position: above 0, at most 1 (a tandem case counting fully for both coaches).
  TANDEM_SHARE: z.coerce.number({ error: 'must be a number' }).gt(0, 'must be greater than 0').max(1, 'must be at most 1').default(0.5),
  STATISTICS_SUPPRESS_BELOW: positiveInt.default(5),
})

export interface TeamConfig {
  /** How much of a tandem case each of its coaches carries in the caseload (default half). */
  tandemShare: number
  /** Statistics cells counting fewer people than this are suppressed (with the cells that would give them away). */
  statisticsSuppressBelow: number
}

export const TeamSettings = defineSection(TeamEnvSchema, (values): TeamConfig => namedFields(values))
