/** `GET /healthz` and `GET /metrics` (contract §5). */
import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../AppContext.js'

export function registerHealthRoutes(app: FastifyInstance, ctx: AppContext<unknown>): void {
  app.get('/healthz', async () => ({ status: 'ok' }))
  app.get('/metrics', async (_request, reply) => {
    return reply.type('text/plain; version=0.0.4; charset=utf-8').send(ctx.metrics.render())
  })
}
