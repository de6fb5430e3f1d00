/**
 * What an hour of the hours log was spent on (issue 18, "hours that prove
 * themselves"): funding bodies ask for the time at the workplace apart from
 * preparation, travel, documentation and coordination with the people
 * involved. Optional on an entry: entries from before carry none.
 */
import { z } from 'zod'

export const HoursCategories = ['atWorkplace', 'preparation', 'travel', 'documentation', 'coordination'] as const
export const HoursCategory = z.enum(HoursCategories)
export type HoursCategory = z.infer<typeof HoursCategory>
