/**
 * The annual figures (issue 22): `GET /api/statistics?year=` and
 * `GET /api/statistics.csv?year=&lang=`, for a team lead or an admin;
 * aggregated and suppressed (STATISTICS_SUPPRESS_BELOW), never a case.
 */
import type { FastifyInstance } from 'fastify'
import { StatisticsQuery } from '../../../../shared/src/api/statistics.js'
import type { AnnualFigures } from '../../../../shared/src/statistics/annualFigures.js'
import { annualFiguresCsv } from '../../../../shared/src/statistics/csv.js'
import { annualStatistics } from '../../commands/annualStatistics.js'
import type { CaseStorage } from '../../storage/cases/CaseStorage.js'
import type { CaseFactsPorts } from '../../services/caseFacts.js'
import type { SessionStorage } from '../../storage/sessions/SessionStorage.js'
import type { AppContext } from '../AppContext.js'
import { parseBody } from '../parseBody.js'
import { authenticateFor } from './teamRoutes.js'

/** The storage ports this module uses. */
type Ports = CaseStorage & CaseFactsPorts & SessionStorage

export function registerStatisticsRoutes(app: FastifyInstance, ctx: AppContext<Ports>): void {
  app.get('/api/statistics', async (request): Promise<AnnualFigures> => {
    await authenticateFor(ctx, request, 'statistics.read')
    const { year } = parseBody(StatisticsQuery, request.query)
    return await annualStatistics(ctx, year, ctx.config.statisticsSuppressBelow)
  })

  app.get('/api/statistics.csv', async (request, reply) => {
    await authenticateFor(ctx, request, 'statistics.read')
    const { year, lang } = parseBody(StatisticsQuery, request.query)
    const figures = await annualStatistics(ctx, year, ctx.config.statisticsSuppressBelow)
    return reply
      .type('text/csv; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="fallbuch-statistik-${year}.csv"`)
      .send(`\uFEFF${annualFiguresCsv(figures, lang === 'en' ? 'en' : 'de')}`)
  })
}
