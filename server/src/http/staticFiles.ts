/**
 * The built client: files from CLIENT_DIR, and index.html for the client's
 * own routes (/cases/abc, /setup, …) so a reload or a link opens them.
 * Any other unknown path answers 404: a probe of /readyz, /.env or
 * /wp-login.php must not look like a healthy page.
 */
import fastifyStatic from '@fastify/static'
import type { FastifyInstance } from 'fastify'
import { existsSync } from 'node:fs'
import { basename, join } from 'node:path'
import type { AppContext } from './AppContext.js'
import { notFound, renderError } from './errors.js'

/** Files the browser must revalidate on every load, or a new release would not reach it. */
const RevalidatedFiles = new Set(['index.html', 'sw.js'])

/**
 * First path segments of the client's routes (client/src/app/App.tsx; a
 * test keeps both in step). `''` is `/` itself.
 */
export const ClientRouteSegments: ReadonlySet<string> = new Set(['', 'setup', 'login', 'invitations', 'cases', 'admin', 'supervision', 'settings', 'password-reset', 'team', 'statistics', 'requests', 'billing', 'pool', 'employers', 'pool-invitations'])

/** Whether a path is one of the client's routes (index.html answers it). */
export function isClientRoute(path: string): boolean {
  const first = path.split('/')[1] ?? ''
  return ClientRouteSegments.has(first) && !/\.[A-Za-z0-9]{1,8}$/.test(path)
}

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
      const { status, body } = renderError(notFound('pageNotFound'))
      return reply.code(status).send(body)
    }
    if (isApiOrSync(path)) {
      const message = path.startsWith('/sync') ? 'The sync endpoint needs a WebSocket upgrade' : 'No such API route'
      const { status, body } = renderError(notFound('pageNotFound', message))
      return reply.code(status).send(body)
    }
    if (!isClientRoute(path)) {
      const { status, body } = renderError(notFound('pageNotFound', 'No such page'))
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
