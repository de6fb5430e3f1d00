/**
 * The sync endpoint's HTTP upgrade (contract §5): `GET /sync/<room>`.
 * Everything is checked before the upgrade; a refusal is a plain HTTP
 * response on the raw socket (400 bad room, 401 no session, 403 no access or
 * a foreign Origin), never an upgrade followed by a close.
 */
import type { IncomingMessage } from 'node:http'
import { STATUS_CODES } from 'node:http'
import type { Duplex } from 'node:stream'
import type { WebSocketServer } from 'ws'
import { errorMessage } from '../../../shared/src/errors.js'
import { InternalError, RoomErased, SessionEnded } from '../../../shared/src/protocol/closeCodes.js'
import { caseIdOfRoom, parseRoomName } from '../../../shared/src/protocol/roomName.js'
import { auditEntry } from '../commands/audit.js'
import { hashSessionToken, resolveSession, SessionCookieName, type SessionLifetime } from '../auth/sessions.js'
import type { AuthFailureLog, AuthFailureReason } from '../auth/authFailureLog.js'
import { isOwnOrigin } from '../auth/sameOrigin.js'
import type { RelayLimits } from '../config/relay.js'
import type { Logger } from '../log.js'
import { StorageUnavailableError } from '../storage/sql/StorageUnavailableError.js'
import type { Metrics } from '../metrics.js'
import type { AuditStorage } from '../storage/audit/AuditStorage.js'
import type { SessionStorage } from '../storage/sessions/SessionStorage.js'
import type { ClientIdBindings } from './limits/clientIdBindings.js'
import { ConnectionCounter } from './limits/ConnectionCounter.js'
import type { Relay } from './Relay.js'
import { isErasedCaseRoom, resolveRoomGrant, type RoomAccessStorage } from '../access/roomAccess.js'
import type { Clock } from '../clock.js'

const SyncPrefix = '/sync/'

/** Dependencies of {@link createUpgradeHandler}. */
export interface UpgradeOptions {
  relay: Relay
  /** Now, for consent end dates. */
  clock?: Clock
  storage: SessionStorage & AuditStorage & RoomAccessStorage
  logger: Logger
  wss: WebSocketServer
  /** Parses a Cookie header (from @fastify/cookie). */
  parseCookie: (header: string) => Record<string, string | undefined>
  /** PUBLIC_URL, for the Origin check. */
  publicUrl: string | undefined
  lifetime: SessionLifetime
  /** Connection, room and message limits (issue 9). */
  limits: RelayLimits
  /** Where Yjs client ids are bound to accounts. */
  clientIds: ClientIdBindings
  metrics: Metrics
  /** The client's address (TRUST_PROXY: from X-Forwarded-For), for the per-address connection limit and the auth-failure log. */
  clientAddress: (request: IncomingMessage) => string
  /** Where refused sessions, rooms and origins are logged. */
  authFailures: AuthFailureLog
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
  const { relay, storage, logger, wss, limits, metrics } = options
  const counter = new ConnectionCounter(limits.maxConnectionsPerAccount, limits.maxConnectionsPerAddress)
  const policy = { limits, clientIds: options.clientIds }
  return (request, socket, head) => {
    const destroyOnError = (): void => {
      socket.destroy()
    }
    socket.on('error', destroyOnError)
    // metrics hook: time from the request to the attached connection, or to the refusal.
    const upgradeTimer = metrics.upgradeSeconds.startTimer()
    let timed = false
    const observeUpgrade = (result: 'accepted' | 'refused'): void => {
      if (!timed) {
        timed = true
        upgradeTimer({ result })
      }
    }
    const refusedOnClose = (): void => observeUpgrade('refused')
    socket.once('close', refusedOnClose)
    const authFailed = (reason: AuthFailureReason, account: { userId?: string; login?: string; roomKind?: string } = {}): void =>
      options.authFailures.record({ reason, address: options.clientAddress(request), via: 'sync', ...account })
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
      // A page on another site must not open a socket with the user's cookie
      // (browsers always send Origin on WebSocket handshakes; other clients may omit it).
      const origin = request.headers.origin
      if (origin !== undefined && !isOwnOrigin(origin, options.publicUrl, request.headers.host)) {
        authFailed('ws_foreign_origin')
        refuse(socket, 403, 'Foreign origin')
        return
      }
      const roomName = roomFromUrl(url)
      const room = roomName === null ? null : parseRoomName(roomName)
      if (room === null || roomName === null) {
        refuse(socket, 400, 'Unknown room name')
        return
      }
      const token = options.parseCookie(request.headers.cookie ?? '')[SessionCookieName]
      const auth = await resolveSession(storage, token, options.lifetime)
      if (!auth || token === undefined) {
        authFailed('ws_session_invalid', { roomKind: room.kind })
        refuse(socket, 401, 'Please log in')
        return
      }
      const { access, role } = await resolveRoomGrant(storage, auth.user.id, room, options.clock)
      if (access === 'none' || role === null) {
        if (await isErasedCaseRoom(storage, room)) {
          // Contract §5: an erased room answers 4404 (an HTTP refusal could not
          // say so), so a stale offline client deletes its copy and stops
          // reconnecting. Nothing it sends is read.
          wss.handleUpgrade(request, socket, head, (ws) => ws.close(RoomErased.code, RoomErased.reason))
          return
        }
        authFailed('ws_access_denied', { userId: auth.user.id, login: auth.user.email, roomKind: room.kind })
        refuse(socket, 403, 'No access to this room')
        return
      }
      const address = options.clientAddress(request)
      const slot = counter.acquire(auth.user.id, address)
      if (typeof slot === 'string') {
        metrics.refusedUpgrades.value += 1
        logger.warn({ userId: auth.user.id, limit: slot }, 'refused a sync connection: too many open connections')
        refuse(
          socket,
          429,
          slot === 'account'
            ? 'Too many open connections for this account; close other tabs or try again later'
            : 'Too many open connections from this address; try again later',
        )
        return
      }
      // Whatever happens from here on, the slot is given back when the socket closes.
      socket.once('close', slot)
      const loadedRooms = relay.rooms.loadedRooms(room)
      if (!loadedRooms.includes && loadedRooms.count >= limits.maxLoadedRooms) {
        metrics.refusedUpgrades.value += 1
        logger.warn({ loadedRooms: loadedRooms.count }, 'refused a sync connection: MAX_LOADED_ROOMS reached')
        refuse(socket, 503, 'The server holds too many open documents; try again in a minute')
        return
      }
      const loaded = await relay.rooms.acquire(room)
      if (socket.destroyed) {
        relay.rooms.release(loaded)
        return
      }
      // ws answers a bad handshake itself without calling back: give the hold back then.
      const releaseOnClose = (): void => relay.rooms.release(loaded)
      socket.once('close', releaseOnClose)
      wss.handleUpgrade(request, socket, head, (ws) => {
        // These listeners' scope holds the upgrade request: a heap snapshot of
        // 1,000 open rooms showed every IncomingMessage kept for the socket's
        // life (~1.1 KB each, issue 21). ws handles the socket's errors from here on.
        socket.removeListener('close', releaseOnClose)
        socket.removeListener('close', refusedOnClose)
        socket.removeListener('error', destroyOnError)
        observeUpgrade('accepted')
        const sessionHash = hashSessionToken(token)
        const connection = relay.attach(ws, loaded, { userId: auth.user.id, userName: auth.user.name, sessionHash, access, role, policy }, socket)
        void (async () => {
          // A membership change or logout between the checks above and now would otherwise be missed.
          await relay.access.recheck(connection)
          if (!(await storage.findActiveSession(sessionHash, new Date(), new Date(0)))) {
            connection.close(SessionEnded)
          }
          if (!connection.isClosed) {
            await storage.appendAudit([auditEntry(caseIdOfRoom(room), 'roomOpened', auth.user.id, new Date(), { room: roomName, access: connection.access })])
          }
        })().catch(async (err: unknown) => {
          // The case erased while this connection was being checked (its
          // tombstone refuses the audit entry): the client must hear 4404,
          // delete its copy and stop, not 1011 and retry.
          if (await isErasedCaseRoom(storage, room).catch(() => false)) {
            connection.close(RoomErased)
            return
          }
          logger.error({ room: roomName, error: errorMessage(err) }, 'checking a new connection failed')
          connection.close(InternalError)
        })
      })
    })().catch((err: unknown) => {
      logger.error({ error: errorMessage(err) }, 'upgrade failed')
      if (!socket.destroyed) {
        // The database away (a restart): the client retries, as for any refused upgrade.
        refuse(socket, err instanceof StorageUnavailableError ? 503 : 500, err instanceof StorageUnavailableError ? 'Service unavailable' : 'Internal error')
      }
    })
  }
}
