/**
 * The sync endpoint's HTTP upgrade (contract §5): `GET /sync/<room>`.
 * Everything is checked before the upgrade; a refusal is a plain HTTP
 * response on the raw socket (400 bad room, 401 no session, 403 no access),
 * never an upgrade followed by a close.
 */
import type { IncomingMessage } from 'node:http'
import { STATUS_CODES } from 'node:http'
import type { Duplex } from 'node:stream'
import type { WebSocketServer } from 'ws'
import { errorMessage } from '../../../shared/src/errors.js'
import { parseRoomName } from '../../../shared/src/protocol/roomName.js'
import { hashSessionToken, resolveSession, SessionCookieName } from '../auth/sessions.js'
import type { Logger } from '../log.js'
import type { Storage } from '../storage/Storage.js'
import type { Relay } from './Relay.js'
import { resolveRoomAccess } from './roomAccess.js'

const SyncPrefix = '/sync/'

/** Dependencies of {@link createUpgradeHandler}. */
export interface UpgradeOptions {
  relay: Relay
  storage: Storage
  logger: Logger
  wss: WebSocketServer
  /** Parses a Cookie header (from @fastify/cookie). */
  parseCookie: (header: string) => Record<string, string | undefined>
}

function refuse(socket: Duplex, status: number, message: string): void {
  const body = `${message}\n`
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n` +
      'Connection: close\r\n' +
      'Content-Type: text/plain; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  )
  socket.once('finish', () => socket.destroy())
}

/** The room name in an upgrade URL: the rest of the path, URL-decoded; the query is ignored. */
function roomFromUrl(url: string): string | null {
  const path = url.split('?', 1)[0] ?? ''
  if (!path.startsWith(SyncPrefix)) {
    return null
  }
  try {
    return decodeURIComponent(path.slice(SyncPrefix.length))
  } catch {
    return null
  }
}

/** Returns the listener for the HTTP server's 'upgrade' event. */
export function createUpgradeHandler(options: UpgradeOptions): (request: IncomingMessage, socket: Duplex, head: Buffer) => void {
  const { relay, storage, logger, wss } = options
  return (request, socket, head) => {
    socket.on('error', () => socket.destroy())
    void (async () => {
      const url = request.url ?? '/'
      if (!url.startsWith(SyncPrefix)) {
        refuse(socket, 404, 'Not found')
        return
      }
      if (!relay.accepting) {
        refuse(socket, 503, 'Server is shutting down')
        return
      }
      const roomName = roomFromUrl(url)
      const room = roomName === null ? null : parseRoomName(roomName)
      if (room === null || roomName === null) {
        refuse(socket, 400, 'Unknown room name')
        return
      }
      const token = options.parseCookie(request.headers.cookie ?? '')[SessionCookieName]
      const auth = await resolveSession(storage, token)
      if (!auth || token === undefined) {
        refuse(socket, 401, 'Please log in')
        return
      }
      const access = await resolveRoomAccess(storage, auth.user.id, room)
      if (access === 'none') {
        refuse(socket, 403, 'No access to this room')
        return
      }
      const loaded = await relay.acquire(room)
      if (socket.destroyed) {
        relay.release(loaded)
        return
      }
      let attached = false
      // ws answers a bad handshake itself without calling back: give the hold back then.
      socket.once('close', () => {
        if (!attached) {
          relay.release(loaded)
        }
      })
      wss.handleUpgrade(request, socket, head, (ws) => {
        attached = true
        relay.attach(ws, loaded, { userId: auth.user.id, sessionHash: hashSessionToken(token), access })
      })
    })().catch((err: unknown) => {
      logger.error({ error: errorMessage(err) }, 'upgrade failed')
      if (!socket.destroyed) {
        refuse(socket, 500, 'Internal error')
      }
    })
  }
}
