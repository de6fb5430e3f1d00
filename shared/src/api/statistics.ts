/** `GET /api/statistics?year=` (JSON) and `GET /api/statistics.csv?year=&lang=` (issue 22): a lead's or an admin's. */
import { z } from 'zod'
import { Limits } from '../limits.js'
export { AnnualFigures as StatisticsReply } from '../statistics/annualFigures.js'

export const StatisticsQuery = z.object({
  year: z.coerce.number().int().min(Limits.minStatisticsYear).max(Limits.maxStatisticsYear),
  lang: z.enum(['de', 'de-CH', 'en']).optional(),
})
export type StatisticsQuery = z.infer<typeof StatisticsQuery>
