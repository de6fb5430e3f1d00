/**
 * {@link Fanout} over Redis pub/sub (ioredis): one channel per room
 * (`<prefix>room:<room>`), one per case for access changes
 * (`<prefix>case:<caseId>`, all followed with one pattern) and one for
 * the access changes of no case — accounts, sessions, supervision
 * (`<prefix>account`). Payloads are JSON with
 * base64 binaries; every message names its origin process.
 */
import { randomUUID } from 'node:crypto'
import { Redis } from 'ioredis'
import { errorMessage } from '../../../shared/src/errors.js'
import type { Logger } from '../log.js'
import type { Metrics } from '../metrics.js'
import type { ControlMessage, Fanout, RoomListener } from './Fanout.js'

type RoomMessage =
  /** `at`: the publisher's clock at publishing (ms), for the fan-out delay metric (absent from older processes). */
  | { origin: string; type: 'updates'; seqs: number[]; updates: string[]; at?: number }
  /** `accounts`: client id -> user id (absent in messages of older processes). */
  | { origin: string; type: 'awareness'; update: string; accounts?: Record<string, string> }
  | { origin: string; type: 'awarenessQuery' }

/** Options of {@link RedisFanout.connect}. */
export interface RedisFanoutOptions {
  /** `redis://host:6379` */
  url: string
  /** Prefix of every channel (several installations or test files on one Redis). */
  prefix: string
  logger: Logger
  /** Redis up/down, errors and the fan-out delay go here. */
  metrics?: Metrics
}

/** {@link Fanout} on Redis. */
export class RedisFanout implements Fanout {
  readonly processId = randomUUID()
  private readonly rooms = new Map<string, RoomListener>()
  private readonly controlListeners: Array<(message: ControlMessage) => void> = []
  private readonly reconnectListeners: Array<() => void> = []
  private readonly health: RedisHealth

  private constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
    private readonly options: RedisFanoutOptions,
  ) {
    this.health = new RedisHealth(publisher, subscriber, options)
    subscriber.on('message', (channel: string, payload: string) => this.handleMessage(channel, payload))
    subscriber.on('pmessage', (_pattern: string, channel: string, payload: string) => this.handleMessage(channel, payload))
    // 'ready' after the first connect is a reconnect (ioredis subscribes again
    // by itself); whatever was published while the subscriber was away is lost.
    subscriber.on('ready', () => {
      this.resubscribeRooms()
      for (const listener of this.reconnectListeners) {
        listener()
      }
    })
  }

  /** Whether publisher and subscriber are both connected (readiness, metrics). */
  isConnected(): boolean {
    return this.health.connected
  }

  /** Rooms whose SUBSCRIBE failed while Redis was away are subscribed again (ioredis only repeats the ones that succeeded). */
  private resubscribeRooms(): void {
    const channels = [...this.rooms.keys()].map((room) => this.roomChannel(room))
    if (channels.length > 0) {
      this.subscriber.subscribe(...channels).catch((err: unknown) => this.health.failed('subscribe', err))
    }
  }

  /** Connects (publisher and subscriber) and follows the control channels. */
  static async connect(options: RedisFanoutOptions): Promise<RedisFanout> {
    const connect = (role: string): Redis => {
      // Named after the prefix and role, so an operator sees in CLIENT LIST whose connection it is.
      const connectionName = `${options.prefix}${role}`.replace(/[^A-Za-z0-9:_.-]/g, '_')
      // Auto-pipelining sends the commands of one event-loop turn in one write:
      // a group commit publishes one message per room, and each write to a
      // socket was the costliest step in the profiles (issue 21).
      const client = new Redis(options.url, { lazyConnect: true, maxRetriesPerRequest: 3, connectionName, enableAutoPipelining: role === 'publish' })
      client.on('error', (err) => {
        options.logger.debug({ role, error: errorMessage(err) }, 'Redis connection error')
        if (options.metrics) {
          options.metrics.redisErrors.value += 1
        }
      })
      return client
    }
    const publisher = connect('publish')
    const subscriber = connect('subscribe')
    await Promise.all([publisher.connect(), subscriber.connect()])
    const fanout = new RedisFanout(publisher, subscriber, options)
    await subscriber.psubscribe(`${options.prefix}case:*`)
    await subscriber.subscribe(`${options.prefix}account`)
    return fanout
  }

  private roomChannel(room: string): string {
    return `${this.options.prefix}room:${room}`
  }

  /**
   * Follows a room. While Redis is away the room opens anyway: the periodic
   * catch-up reads what the others commit from PostgreSQL, and the
   * subscription is made again when Redis is back.
   */
  async joinRoom(room: string, listener: RoomListener): Promise<void> {
    this.rooms.set(room, listener)
    try {
      await this.subscriber.subscribe(this.roomChannel(room))
    } catch (err) {
      this.health.failed('subscribe', err)
    }
  }

  async leaveRoom(room: string, listener: RoomListener): Promise<void> {
    if (this.rooms.get(room) !== listener) {
      return
    }
    this.rooms.delete(room)
    // ioredis sends commands in order, so a later joinRoom's SUBSCRIBE follows this one.
    await this.subscriber.unsubscribe(this.roomChannel(room))
  }

  publishUpdates(room: string, seqs: readonly number[], updates: readonly Uint8Array[]): void {
    this.publishRoom(room, {
      origin: this.processId,
      type: 'updates',
      at: Date.now(),
      seqs: [...seqs],
      updates: updates.map((update) => Buffer.from(update).toString('base64')),
    })
  }

  publishAwareness(room: string, update: Uint8Array, accounts: ReadonlyMap<number, string>): void {
    this.publishRoom(room, {
      origin: this.processId,
      type: 'awareness',
      update: Buffer.from(update).toString('base64'),
      accounts: Object.fromEntries([...accounts].map(([clientId, userId]) => [String(clientId), userId])),
    })
  }

  publishAwarenessQuery(room: string): void {
    this.publishRoom(room, { origin: this.processId, type: 'awarenessQuery' })
  }

  publishControl(message: ControlMessage): void {
    const channel = message.caseId !== undefined ? `${this.options.prefix}case:${message.caseId}` : `${this.options.prefix}account`
    this.publish(channel, JSON.stringify({ origin: this.processId, message }))
  }

  onControl(listener: (message: ControlMessage) => void): void {
    this.controlListeners.push(listener)
  }

  onReconnect(listener: () => void): void {
    this.reconnectListeners.push(listener)
  }

  private publishRoom(room: string, message: RoomMessage): void {
    this.publish(this.roomChannel(room), JSON.stringify(message))
  }

  private publish(channel: string, payload: string): void {
    this.publisher.publish(channel, payload).catch((err: unknown) => {
      // The others notice the gap at the room's next update (or re-check at the next sweep).
      this.health.failed('publish', err)
    })
  }

  private handleMessage(channel: string, payload: string): void {
    try {
      const roomPrefix = `${this.options.prefix}room:`
      if (channel.startsWith(roomPrefix)) {
        this.handleRoomMessage(channel.slice(roomPrefix.length), JSON.parse(payload) as RoomMessage)
        return
      }
      const { origin, message } = JSON.parse(payload) as { origin: string; message: ControlMessage }
      if (origin === this.processId) {
        return
      }
      for (const listener of this.controlListeners) {
        listener(message)
      }
    } catch (err) {
      this.options.logger.error({ channel, error: errorMessage(err) }, 'a fan-out message could not be handled')
    }
  }

  private handleRoomMessage(room: string, message: RoomMessage): void {
    const listener = this.rooms.get(room)
    if (listener === undefined || message.origin === this.processId) {
      return
    }
    switch (message.type) {
      case 'updates':
        if (message.at !== undefined && this.options.metrics) {
          this.options.metrics.fanoutDelaySeconds.observe(Math.max(0, Date.now() - message.at) / 1000)
        }
        listener.updates(
          message.seqs,
          message.updates.map((update) => new Uint8Array(Buffer.from(update, 'base64'))),
        )
        return
      case 'awareness':
        listener.awareness(
          new Uint8Array(Buffer.from(message.update, 'base64')),
          new Map(Object.entries(message.accounts ?? {}).map(([clientId, userId]) => [Number(clientId), userId])),
        )
        return
      case 'awarenessQuery':
        listener.awarenessQuery()
        return
    }
  }

  async close(): Promise<void> {
    this.rooms.clear()
    this.reconnectListeners.length = 0
    this.health.close()
    await Promise.allSettled([this.subscriber.quit(), this.publisher.quit()])
  }
}

/**
 * Up/down of the two Redis connections, as a metric and one log line per
 * change (not one per failed publish: a burst while Redis is away would
 * flood the log).
 */
class RedisHealth {
  connected = true
  private closing = false

  constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
    private readonly options: RedisFanoutOptions,
  ) {
    for (const client of [publisher, subscriber]) {
      client.on('ready', () => this.update())
      client.on('close', () => this.update())
      client.on('end', () => this.update())
    }
    this.update()
  }

  private update(): void {
    const connected = this.publisher.status === 'ready' && this.subscriber.status === 'ready'
    if (this.options.metrics) {
      this.options.metrics.redisUp.value = connected ? 1 : 0
    }
    if (connected === this.connected || this.closing) {
      this.connected = connected
      return
    }
    this.connected = connected
    if (connected) {
      this.options.logger.info('Redis connection restored: fan-out between relay processes resumed, rooms catch up from PostgreSQL')
    } else {
      this.options.logger.error(
        'Redis connection lost: other relay processes get this process\'s changes only through the periodic catch-up from PostgreSQL (FANOUT_CATCHUP_MS) until it is back',
      )
    }
  }

  /** A command failed (publish, subscribe): counted; logged when Redis seemed up. */
  failed(command: string, err: unknown): void {
    if (this.options.metrics) {
      this.options.metrics.redisErrors.value += 1
    }
    if (this.connected) {
      this.options.logger.error({ command, error: errorMessage(err) }, 'a Redis command failed')
    }
  }

  close(): void {
    this.closing = true
  }
}
