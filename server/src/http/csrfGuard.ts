/**
 * CSRF guard of the HTTP API. The session cookie is SameSite=Lax, which
 * already keeps it off cross-site POSTs from modern browsers; on top of it:
 *
 * - a state-changing request (POST, PATCH, PUT, DELETE) with a body must be
 *   JSON (415 otherwise): an HTML form cannot send `application/json`, and
 *   fetch from another site cannot without a CORS preflight we never answer;
 * - when such a request carries an Origin header, it must be our own origin
 *   (403 otherwise). Non-browser clients without Origin keep working.
 *
 * Applied to every request, with or without a cookie: a login or an
 * invitation acceptance from a foreign page is refused as well.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Config } from '../config/loadConfig.js'
import { forbidden, unsupportedMediaType } from './errors.js'
import { isOwnOrigin } from '../auth/sameOrigin.js'
import { acceptsRawUpload } from './fileTransfer.js'

const StateChangingMethods: ReadonlySet<string> = new Set(['POST', 'PATCH', 'PUT', 'DELETE'])

function hasBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length']
  return (length !== undefined && length !== '0') || request.headers['transfer-encoding'] !== undefined
}

function mediaTypeOf(contentType: string | undefined): string | undefined {
  return contentType?.split(';', 1)[0]?.trim().toLowerCase()
}

/**
 * JSON, or on a file upload route (issue 20) `application/octet-stream`:
 * neither can an HTML form send, nor another site's fetch without a preflight.
 */
function isAcceptedBody(request: FastifyRequest): boolean {
  const mediaType = mediaTypeOf(request.headers['content-type'])
  return mediaType === 'application/json' || (mediaType === 'application/octet-stream' && acceptsRawUpload(request))
}

/** Adds the guard as an onRequest hook (before the body is read). */
export function registerCsrfGuard(app: FastifyInstance, config: Pick<Config, 'publicUrl'>): void {
  app.addHook('onRequest', async (request) => {
    if (!StateChangingMethods.has(request.method)) {
      return
    }
    const origin = request.headers.origin
    if (origin !== undefined && !isOwnOrigin(origin, config.publicUrl, request.headers.host)) {
      throw forbidden('crossSite', 'Cross-site request refused')
    }
    if (hasBody(request) && !isAcceptedBody(request)) {
      throw unsupportedMediaType()
    }
  })
}
