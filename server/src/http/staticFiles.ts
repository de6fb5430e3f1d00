/**
 * The built client: files from CLIENT_DIR, and index.html for every other
 * GET outside /api and /sync so client-side routes (/cases/abc, /setup) load.
 */
import fastifyStatic from '@fastify/static'
import type { FastifyInstance } from 'fastify'
import { existsSync } from 'node:fs'
import { basename, join } from 'node:path'
import type { AppContext } from './AppContext.js'
import { notFound, renderError } from './errors.js'

/** Files the browser must revalidate on every load, or a new release would not reach it. */
const RevalidatedFiles = new Set(['index.html', 'sw.js'])

function isApiOrSync(url: string): boolean {
  return url === '/api' || url.startsWith('/api/') || url.startsWith('/sync/') || url === '/sync'
}

export async function registerStaticFiles(app: FastifyInstance, ctx: AppContext<unknown>): Promise<void> {
  const clientDir = ctx.config.clientDir
  const hasClientDir = existsSync(clientDir)
  if (hasClientDir) {
    await app.register(fastifyStatic, {
      root: clientDir,
      cacheControl: false,
      setHeaders: (response, path) => {
        if (RevalidatedFiles.has(basename(path))) {
          response.setHeader('Cache-Control', 'no-cache')
        } else if (path.includes(`${join('assets', '')}`)) {
          // Vite's assets carry a content hash in their names.
          response.setHeader('Cache-Control', 'public, max-age=31536000, immutable')
        }
      },
    })
  }

  app.setNotFoundHandler(async (request, reply) => {
    const path = request.url.split('?', 1)[0] ?? '/'
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      const { status, body } = renderError(notFound())
      return reply.code(status).send(body)
    }
    if (isApiOrSync(path)) {
      const message = path.startsWith('/sync') ? 'The sync endpoint needs a WebSocket upgrade' : 'No such API route'
      const { status, body } = renderError(notFound(message))
      return reply.code(status).send(body)
    }
    if (!hasClientDir || !existsSync(join(clientDir, 'index.html'))) {
      return reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send(`The client is not built (no index.html in ${clientDir}). Run \`npm run build\`, then restart.\n`)
    }
    return reply.header('Cache-Control', 'no-cache').sendFile('index.html')
  })
}
