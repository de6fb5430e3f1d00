/**
 * `GET /healthz` (liveness: the process runs and its event loop turns),
 * `GET /readyz` (readiness: database, keystore, Redis, lock, not draining;
 * 503 otherwise) and `GET /metrics` (Prometheus text, only for the
 * addresses of METRICS_ALLOW or with METRICS_TOKEN as a bearer token).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { createHash, timingSafeEqual } from 'node:crypto'
import { BlockList, isIP } from 'node:net'
import type { AddressRule } from '../../config/addresses.js'
import { checkReadiness, type ReadinessSources } from '../../health/readiness.js'
import type { AppContext } from '../AppContext.js'
import { forbidden } from '../errors.js'

function allowList(rules: readonly AddressRule[]): BlockList {
  const list = new BlockList()
  for (const rule of rules) {
    list.addSubnet(rule.address, rule.prefix, rule.family)
  }
  return list
}

/** `::ffff:127.0.0.1` is checked as the IPv4 address it carries. */
function plainAddress(address: string): { address: string; family: 'ipv4' | 'ipv6' } | null {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)
  const plain = mapped?.[1] ?? address
  const family = isIP(plain)
  return family === 0 ? null : { address: plain, family: family === 4 ? 'ipv4' : 'ipv6' }
}

function sameSecret(given: string, expected: string): boolean {
  const digest = (text: string): Buffer => createHash('sha256').update(text).digest()
  return timingSafeEqual(digest(given), digest(expected))
}

/** Registers the three routes; `readiness` says where the checks look. */
export function registerHealthRoutes(app: FastifyInstance, ctx: AppContext<unknown>, readiness: ReadinessSources): void {
  const allowed = allowList(ctx.config.metricsAllow)
  const token = ctx.config.metricsToken
  const mayReadMetrics = (request: FastifyRequest): boolean => {
    const header = request.headers.authorization
    if (token !== undefined && typeof header === 'string' && header.startsWith('Bearer ') && sameSecret(header.slice(7), token)) {
      return true
    }
    const address = plainAddress(request.socket.remoteAddress ?? '')
    return address !== null && allowed.check(address.address, address.family)
  }

  app.get('/healthz', async () => ({ status: 'ok' }))
  app.get('/readyz', async (_request, reply) => {
    const result = await checkReadiness(readiness)
    return reply
      .code(result.ready ? 200 : 503)
      .header('cache-control', 'no-store')
      .send({ status: result.ready ? 'ready' : 'unavailable', checks: result.checks })
  })
  app.get('/metrics', async (request, reply) => {
    if (!mayReadMetrics(request)) {
      // The socket's address, not X-Forwarded-For: a proxy on this host must not open /metrics to everyone (README: nginx site).
      throw forbidden('metricsRefused', 'Metrics are only for the addresses of METRICS_ALLOW, or with METRICS_TOKEN')
    }
    return reply.type(ctx.metrics.contentType).send(await ctx.metrics.render())
  })
}
