/**
 * One sync WebSocket: handles its frames strictly in order, one at a time
 * (a promise chain), and isolates its failures from everyone else.
 */
import * as decoding from 'lib0/decoding'
import type { WebSocket } from 'ws'
import { errorMessage } from '../../../shared/src/errors.js'
import type { Access } from '../../../shared/src/policy/access.js'
import { InternalError, MalformedMessage, type CloseCode } from '../../../shared/src/protocol/closeCodes.js'
import type { Logger } from '../log.js'
import type { Metrics } from '../metrics.js'
import { decodeOrReject, MalformedMessageError } from './MalformedMessageError.js'
import { messageHandlers } from './messageHandlers.js'
import type { Room, RoomConnection } from './Room.js'

/** Who is on the other end of a connection. */
export interface ConnectionIdentity {
  userId: string
  /** The account's name: what others see in awareness, whatever the client claims. */
  userName: string
  /** SHA-256 of the session token, to close the session's sockets at logout. */
  sessionHash: string
  /** Access at upgrade; re-checks may change it in place. */
  access: Access
}

/** A live sync connection to one room. */
export class Connection implements RoomConnection {
  readonly awarenessIds = new Set<number>()
  readonly userId: string
  readonly userName: string
  readonly sessionHash: string
  access: Access
  /** Whether the connection wrote to its room since the last session sweep (counts as activity of its session). */
  wroteSinceSweep = false
  private queue: Promise<void> = Promise.resolve()
  private closed = false

  constructor(
    private readonly ws: WebSocket,
    readonly room: Room,
    identity: ConnectionIdentity,
    private readonly logger: Logger,
    private readonly metrics: Metrics,
  ) {
    this.userId = identity.userId
    this.userName = identity.userName
    this.sessionHash = identity.sessionHash
    this.access = identity.access
  }

  /** Queues a received frame; frames are handled strictly in arrival order. */
  receive(data: Uint8Array, isBinary: boolean): void {
    this.queue = this.queue.then(() => this.handle(data, isBinary))
  }

  private async handle(data: Uint8Array, isBinary: boolean): Promise<void> {
    if (this.closed) {
      return
    }
    try {
      if (!isBinary) {
        throw new MalformedMessageError('text frame')
      }
      const decoder = decoding.createDecoder(data)
      const type = decodeOrReject('message type', () => decoding.readVarUint(decoder))
      const handler = messageHandlers.get(type)
      if (!handler) {
        throw new MalformedMessageError(`unknown message type ${type}`)
      }
      await handler(this, decoder)
    } catch (err) {
      if (err instanceof MalformedMessageError) {
        this.logger.warn({ room: this.room.name, userId: this.userId, reason: err.message }, 'closing connection: malformed message')
        this.metrics.closedForMalformed.value += 1
        this.close(MalformedMessage)
      } else {
        this.logger.error({ room: this.room.name, userId: this.userId, error: errorMessage(err) }, 'closing connection: handler failed')
        this.close(InternalError)
      }
    }
  }

  /** Whether close() was called. */
  get isClosed(): boolean {
    return this.closed
  }

  /** Counts and logs an awareness entry refused because it claimed another account's client id. */
  refuseForeignAwareness(clientId: number): void {
    this.metrics.droppedAwarenessMessages.value += 1
    this.logger.warn({ room: this.room.name, userId: this.userId, clientId }, "refused an awareness entry claiming another account's client id")
  }

  /** Counts and logs a write from a read-only connection (never its content). */
  dropReadOnlyWrite(): void {
    this.metrics.droppedReadOnlyMessages.value += 1
    this.logger.info({ room: this.room.name, userId: this.userId }, 'dropped an update from a read-only connection')
  }

  /** Sends a binary frame unless the socket is closing. */
  send(message: Uint8Array): void {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) {
      return
    }
    this.ws.send(message, { binary: true }, (err) => {
      if (err) {
        this.close(InternalError)
      }
    })
  }

  /** Closes the socket with a contract close code; later frames are ignored. */
  close(code: CloseCode): void {
    if (this.closed) {
      return
    }
    this.closed = true
    this.ws.close(code.code, code.reason)
    // A peer that never answers the close handshake must not hold the room.
    setTimeout(() => this.ws.terminate(), 5_000).unref()
  }

  /** Resolves once every frame received so far is handled. */
  async drained(): Promise<void> {
    await this.queue
  }
}
