/**
 * zod validation of path parameters and query strings (issue 9), before any
 * handler runs, so a handler never sees an id it would have to distrust.
 * Bodies are validated by each route with parseBody.
 */
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { invalidRequest } from './errors.js'

/** Ids in paths: the server's opaque ids and tokens (URL-safe base64), never longer than this. */
const PathId = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, 'must be an id')

/** Every path parameter the API uses; each is an opaque id or token. */
const Params = z.record(z.string(), PathId)

/** Routes that read the query string validate it themselves (the export); whatever is sent must at least be short and flat. */
const Query = z.record(z.string().max(100), z.string().max(2_000)).refine((query) => Object.keys(query).length <= 20, 'too many query parameters')

/** Adds the check as a preValidation hook of every route. */
export function registerRequestPartValidation(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    // '*' is the static files' wildcard (a file path, checked by @fastify/static).
    const { '*': _path, ...named } = (request.params ?? {}) as Record<string, unknown>
    if (Object.keys(named).length > 0) {
      const params = Params.safeParse(named)
      if (!params.success) {
        throw invalidRequest(params.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '))
      }
    }
    const query = Query.safeParse(request.query ?? {})
    if (!query.success) {
      throw invalidRequest('query: only short, plain parameters are accepted')
    }
  })
}
