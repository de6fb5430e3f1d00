/**
 * One sync WebSocket: decodes each frame once on arrival, handles the
 * frames strictly in order, one at a time (a promise chain), merges runs of
 * updates, enforces its rate and send-buffer limits, and isolates its
 * failures from everyone else. It is the {@link Peer} the message handlers
 * see.
 */
import type { Duplex } from 'node:stream'
import type { WebSocket } from 'ws'
import * as Y from 'yjs'
import { errorMessage } from '../../../shared/src/errors.js'
import { canWrite, type Access, type Role } from '../../../shared/src/policy/access.js'
import { InternalError, type CloseCode } from '../../../shared/src/protocol/closeCodes.js'
import { MessageType } from '../../../shared/src/protocol/messageTypes.js'
import type { RoomName } from '../../../shared/src/protocol/roomName.js'
import { defaultRelayLimits, type RelayLimits } from '../config/relay.js'
import type { Logger } from '../log.js'
import type { Metrics } from '../metrics.js'
import { decodeFrame, type Frame } from './decodeFrame.js'
import type { ClientIdBindings } from './limits/clientIdBindings.js'
import { TokenBucket } from './limits/TokenBucket.js'
import { MalformedMessageError, MessageRefusedError, RateLimitedError, UpdateRefusedError } from './MalformedMessageError.js'
import { binaryFrame, OutgoingFrame } from './OutgoingFrame.js'
import { encodeSyncStep1 } from './messages.js'
import { handleFrame } from './messageHandlers.js'
import type { Peer, PeerRoom } from './Peer.js'
import { WaitingUpdates } from './WaitingUpdates.js'

/** The limits a connection runs under and where its client ids are bound. */
export interface ConnectionPolicy {
  limits: RelayLimits
  /** Client id bindings; without it ids are not bound (tests of other parts). */
  clientIds?: ClientIdBindings
}

/** Frames received but not yet handled; beyond this the sender is flooding (4429) whatever the buckets say. */
const MaxQueuedFrames = 1_000
/**
 * Update frames that wait in the queue one after another are merged into one
 * update (one validation, one commit, one broadcast) — at most this many, and
 * never more payload bytes than the update limits allow, since an update's
 * structs never outnumber its bytes. A writer faster than one commit per
 * event-loop turn then catches up instead of piling up frames (issue 8).
 */
const MaxMergedFrames = 256
const MaxMergedBytes = 64 * 1024

/** Who is on the other end of a connection. */
export interface ConnectionIdentity {
  userId: string
  /** The account's name: what others see in awareness, whatever the client claims. */
  userName: string
  /** SHA-256 of the session token, to close the session's sockets at logout. */
  sessionHash: string
  /** Access at upgrade; re-checks may change it in place. */
  access: Access
  /** The role the access comes from: it narrows what the connection may change (contract §8.2). */
  role: Role
  /** Limits and client id bindings (the defaults of the environment when absent). */
  policy?: ConnectionPolicy
}

/** The room of a connection: what its handlers need, and its parsed name (for access re-checks). */
export interface ConnectionRoom extends PeerRoom {
  readonly parsed: RoomName
}

/** A frame waiting in the queue: decoded, or refused by the decoder (closing the connection when its turn comes). */
type QueuedFrame = Frame | { type: 'malformed'; error: MalformedMessageError }

/** A live sync connection to one room. */
export class Connection implements Peer {
  readonly awarenessIds = new Set<number>()
  readonly userId: string
  readonly userName: string
  readonly sessionHash: string
  access: Access
  role: Role
  /** Whether the connection wrote to its room since the last session sweep (counts as activity of its session). */
  wroteSinceSweep = false
  /** Whether writes of this connection were dropped while it could only read (see {@link setAccess}). */
  private droppedWrites = false
  readonly policy: ConnectionPolicy
  /** Frames received and not yet handled, oldest first. */
  private readonly frames: QueuedFrame[] = []
  /** The loop handling {@link frames}, while it runs. */
  private draining: Promise<void> | null = null
  private closed = false
  private readonly syncBucket: TokenBucket
  /** Made at the first awareness frame: full then, as a bucket made at connect time would have refilled to be (issue 21). */
  private awarenessBucket: TokenBucket | null = null
  /** Client ids this connection already bound (or found bound) to its account. */
  private readonly boundClientIds = new Set<number>()
  /** Made when the first update has to wait (issue 21: most connections never need one; see {@link waiting}). */
  private waitingUpdates: WaitingUpdates | null = null

  /** The socket under `ws`, written to directly (see OutgoingFrame); null: every frame goes through `ws.send`. */
  private readonly socket: Duplex | null

  constructor(
    private readonly ws: WebSocket,
    readonly room: ConnectionRoom,
    identity: ConnectionIdentity,
    private readonly logger: Logger,
    private readonly metrics: Metrics,
    /** The upgraded socket ws took over, when the caller has it. */
    socket: Duplex | null = null,
  ) {
    // With an extension (compression), ws may queue frames: then only ws writes.
    this.socket = ws.extensions === '' ? socket : null
    this.userId = identity.userId
    this.userName = identity.userName
    this.sessionHash = identity.sessionHash
    this.access = identity.access
    this.role = identity.role
    this.policy = identity.policy ?? { limits: defaultRelayLimits() }
    const limits = this.policy.limits
    this.syncBucket = new TokenBucket(limits.syncMessagesPerSecond, limits.syncMessageBurst)
  }

  /** Updates waiting for structs that this connection has not sent yet (see WaitingUpdates); made on first use. */
  get waiting(): WaitingUpdates {
    this.waitingUpdates ??= new WaitingUpdates(() => {
      this.refuse(new MalformedMessageError(`${this.waiting.size} update(s) depend on structs that never arrived`))
    })
    return this.waitingUpdates
  }

  /** Whether any update waits for structs (without making the list). */
  get hasWaitingUpdates(): boolean {
    return (this.waitingUpdates?.size ?? 0) > 0
  }

  /** The connection's limits (Peer). */
  get limits(): RelayLimits {
    return this.policy.limits
  }

  get clientIdBindings(): ClientIdBindings | undefined {
    return this.policy.clientIds
  }

  /**
   * Queues a received frame, decoded; frames are handled strictly in
   * arrival order. The frame is copied first: ws may hand over a view into
   * a larger pooled buffer (see decodeFrame), and the socket may reuse it
   * before the frame's turn comes. A copy owns exactly the message.
   */
  receive(data: Uint8Array, isBinary: boolean): void {
    if (this.closed) {
      return
    }
    const bytes = new Uint8Array(data)
    // Rate limits are checked on arrival, before decoding, so a flood never piles up in the queue.
    const refusal = this.checkRate(bytes)
    if (refusal) {
      this.refuse(refusal)
      return
    }
    this.frames.push(decodeQueued(bytes, isBinary))
    if (this.draining === null) {
      // Reset in a callback, which always runs after this assignment.
      this.draining = this.drain().finally(() => {
        this.draining = null
      })
    }
  }

  /** Handles the queued frames strictly in order, one at a time. */
  private async drain(): Promise<void> {
    for (let next = this.takeNext(); next !== undefined; next = this.takeNext()) {
      await this.handle(next)
    }
  }

  /**
   * The next frame to handle: the oldest, or, when it and the frames after
   * it are updates this connection may write, one update frame merging
   * them. Frames that do not merge are handled one by one as they came, so
   * an error names the right frame.
   */
  private takeNext(): QueuedFrame | undefined {
    const first = this.frames.shift()
    if (first === undefined || this.closed) {
      return undefined
    }
    if (first.type === 'awareness') {
      return this.mergeAwareness(first)
    }
    const budget = Math.min(MaxMergedBytes, this.policy.limits.maxUpdateStructs)
    if (first.type !== 'update' || !canWrite(this.access) || first.update.length > budget) {
      return first
    }
    const updates = [first.update]
    let bytes = first.update.length
    while (updates.length < MaxMergedFrames) {
      const candidate = this.frames[0]
      if (candidate?.type !== 'update' || bytes + candidate.update.length > budget) {
        break
      }
      updates.push(candidate.update)
      bytes += candidate.update.length
      this.frames.shift()
    }
    if (updates.length === 1) {
      return first
    }
    try {
      return { type: 'update', update: Y.mergeUpdates(updates) }
    } catch {
      // One of them is broken: put the others back and handle each alone.
      this.frames.unshift(...updates.slice(1).map((update): Frame => ({ type: 'update', update })))
      return first
    }
  }

  /**
   * A run of awareness frames waiting behind each other becomes one (issue
   * 21): a cursor update per keystroke piles up while an update commits,
   * and only each client id's newest entry matters (awareness is
   * last-writer-wins by clock).
   */
  private mergeAwareness(first: Extract<Frame, { type: 'awareness' }>): Frame {
    if (this.frames[0]?.type !== 'awareness') {
      return first
    }
    const newest = new Map(first.entries.map((entry) => [entry.clientId, entry]))
    for (let merged = 1; merged < MaxMergedFrames; merged += 1) {
      const candidate = this.frames[0]
      if (candidate?.type !== 'awareness') {
        break
      }
      this.frames.shift()
      for (const entry of candidate.entries) {
        if (entry.clock >= (newest.get(entry.clientId)?.clock ?? -1)) {
          newest.set(entry.clientId, entry)
        }
      }
    }
    return { type: 'awareness', entries: [...newest.values()] }
  }

  private checkRate(frame: Uint8Array): RateLimitedError | undefined {
    if (this.frames.length >= MaxQueuedFrames) {
      return new RateLimitedError('too many frames waiting')
    }
    // The message type is a varUint; every known type fits its first byte.
    const type = frame[0]
    if (type === MessageType.Sync && !this.syncBucket.take()) {
      return new RateLimitedError('sync message rate')
    }
    if (type === MessageType.Awareness || type === MessageType.QueryAwareness) {
      this.awarenessBucket ??= new TokenBucket(this.policy.limits.awarenessMessagesPerSecond, this.policy.limits.awarenessMessageBurst)
      if (!this.awarenessBucket.take()) {
        return new RateLimitedError('awareness message rate')
      }
    }
    return undefined
  }

  private refuse(err: MessageRefusedError): void {
    this.logger.warn({ room: this.room.name, userId: this.userId, reason: err.message, code: err.closeCode.code }, 'closing connection: message refused')
    if (err instanceof MalformedMessageError) {
      this.metrics.closedForMalformed.value += 1
    } else if (err instanceof UpdateRefusedError) {
      this.metrics.refusedUpdates.value += 1
    }
    this.close(err.closeCode)
  }

  /**
   * Binds the client ids an update writes with to this connection's account
   * (issue 9); throws {@link MalformedMessageError} when one belongs to
   * another account, so nothing of the update is stored or applied.
   */
  async bindClientIds(clientIds: readonly number[]): Promise<void> {
    const bindings = this.policy.clientIds
    const unknown = clientIds.filter((id) => !this.boundClientIds.has(id))
    if (!bindings || unknown.length === 0) {
      return
    }
    const foreign = await bindings.bindClientIds(this.room.name, this.userId, unknown)
    if (foreign.length > 0) {
      throw new MalformedMessageError(`update writes with client id ${foreign[0]}, which belongs to another account`)
    }
    for (const id of unknown) {
      this.boundClientIds.add(id)
    }
  }

  private async handle(frame: QueuedFrame): Promise<void> {
    if (this.closed) {
      return
    }
    this.waitingUpdates?.noteActivity()
    try {
      if (frame.type === 'malformed') {
        throw frame.error
      }
      await handleFrame(this, frame)
    } catch (err) {
      if (err instanceof MessageRefusedError) {
        this.refuse(err)
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

  /** Notes a committed write (activity of the session). */
  noteWrite(): void {
    this.wroteSinceSweep = true
  }

  /** Counts and logs an awareness entry refused because it claimed another account's client id. */
  refuseForeignAwareness(clientId: number): void {
    this.metrics.droppedAwarenessMessages.value += 1
    this.logger.warn({ room: this.room.name, userId: this.userId, clientId }, "refused an awareness entry claiming another account's client id")
  }

  /** Counts and logs a write from a read-only connection (never its content). */
  dropReadOnlyWrite(): void {
    this.droppedWrites = true
    this.metrics.droppedReadOnlyMessages.value += 1
    this.logger.info({ room: this.room.name, userId: this.userId }, 'dropped an update from a read-only connection')
  }

  /**
   * A re-check's result, in place (AccessEnforcer). A reader that becomes a
   * writer after writes of it were dropped (it typed before this process
   * learned of the switch) is sent sync step 1: its later changes build on
   * the dropped ones and would wait here for them until it reconnected.
   */
  setAccess(access: Access, role: Role): void {
    const becameWriter = !canWrite(this.access) && canWrite(access)
    this.access = access
    this.role = role
    if (becameWriter && this.droppedWrites) {
      this.droppedWrites = false
      this.send(encodeSyncStep1(this.room.doc))
    }
  }

  /**
   * Sends a binary frame unless the socket is closing. A client that stops
   * reading makes ws buffer what it cannot send; past the limit the
   * connection is dropped (and logged) instead of buffering without bound or
   * skipping messages: the client catches up by syncing when it reconnects.
   */
  send(message: Uint8Array | OutgoingFrame): void {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) {
      return
    }
    // Checked before adding: one message larger than the limit (a big step 2) still goes out to a reader.
    if (this.ws.bufferedAmount > this.policy.limits.maxSendBufferBytes) {
      this.logger.warn(
        { room: this.room.name, userId: this.userId, bufferedBytes: this.ws.bufferedAmount },
        'dropping connection: the client does not read (send buffer over MAX_SEND_BUFFER_BYTES)',
      )
      this.metrics.closedForSlowReader.value += 1
      this.closed = true
      // A close frame would wait behind the full buffer: end the socket now.
      this.ws.terminate()
      return
    }
    if (this.socket !== null) {
      // A write error reaches ws through the socket's 'error' event; ws then closes the connection.
      this.socket.write(message instanceof OutgoingFrame ? message.bytes : binaryFrame(message))
      return
    }
    this.ws.send(message instanceof OutgoingFrame ? message.message : message, { binary: true }, (err) => {
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
    this.frames.length = 0
    this.waitingUpdates?.clear()
    this.ws.close(code.code, code.reason)
    // A peer that never answers the close handshake must not hold the room.
    setTimeout(() => this.ws.terminate(), 5_000).unref()
  }

  /** Resolves once every frame received so far is handled. */
  async drained(): Promise<void> {
    while (this.draining !== null) {
      await this.draining
    }
  }
}

/** Decodes a frame for the queue; a decoding failure waits there for its turn. */
function decodeQueued(bytes: Uint8Array, isBinary: boolean): QueuedFrame {
  try {
    return decodeFrame(bytes, isBinary)
  } catch (err) {
    if (err instanceof MalformedMessageError) {
      return { type: 'malformed', error: err }
    }
    throw err
  }
}
