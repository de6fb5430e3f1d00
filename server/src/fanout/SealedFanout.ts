/**
 * The fan-out with its room messages sealed (contract §6, scaled out; the
 * format is in crypto/fanoutSealing.ts): committed updates and awareness
 * leave this process sealed with the room's data key and are opened by the
 * others, so the broker (Redis, perhaps shared by several installations or
 * reached over a network) never carries a case's content in the clear and
 * cannot inject any. Access-change announcements carry ids only and pass
 * as they are.
 *
 * The key is the keyring's cached one in the common case (the commit, or
 * the room's load, fetched it), so a message is sealed or opened in the
 * same turn; otherwise it waits for the key, and the room's later messages
 * wait behind it, in order. A message that does not open is dropped and
 * logged (room and reason, never content): the follower fills the gap from
 * storage, as for a lost message.
 */
import type { KeyObject } from 'node:crypto'
import { errorMessage } from '../../../shared/src/errors.js'
import { openFanoutAwareness, openFanoutUpdate, sealFanoutAwareness, sealFanoutUpdate } from '../crypto/fanoutSealing.js'
import type { Logger } from '../log.js'
import type { ControlMessage, Fanout, RoomListener } from './Fanout.js'

/** The rooms' data keys, as the keyring holds them. */
export interface FanoutKeys {
  /** The room's key when the keyring holds it already. */
  cached(room: string): KeyObject | undefined
  /** The room's existing key (fetched, then cached). */
  fetch(room: string): Promise<KeyObject>
}

/** A {@link Fanout} that seals room messages before `inner` carries them and opens what it brings. */
export class SealedFanout implements Fanout {
  /** The listener given to `inner` for each listener a room joined with (leaveRoom finds it by identity). */
  private readonly opening = new WeakMap<RoomListener, RoomListener>()
  /** Per room, the last message waiting for a key: outgoing and incoming apart. */
  private readonly sealingQueue = new Map<string, Promise<void>>()
  private readonly openingQueue = new Map<string, Promise<void>>()

  constructor(
    private readonly inner: Fanout,
    private readonly keys: FanoutKeys,
    private readonly logger: Logger,
  ) {}

  get processId(): string {
    return this.inner.processId
  }

  joinRoom(room: string, listener: RoomListener): Promise<void> {
    const opened: RoomListener = {
      updates: (seqs, sealed) =>
        this.withKey(this.openingQueue, room, (key) => {
          const updates = sealed.map((value, index) => openFanoutUpdate(key, room, seqs[index] ?? -1, value))
          listener.updates(seqs, updates)
        }),
      awareness: (sealed, accounts) => this.withKey(this.openingQueue, room, (key) => listener.awareness(openFanoutAwareness(key, room, accounts, sealed), accounts)),
      awarenessQuery: () => listener.awarenessQuery(),
    }
    this.opening.set(listener, opened)
    return this.inner.joinRoom(room, opened)
  }

  leaveRoom(room: string, listener: RoomListener): Promise<void> {
    return this.inner.leaveRoom(room, this.opening.get(listener) ?? listener)
  }

  publishUpdates(room: string, seqs: readonly number[], updates: readonly Uint8Array[]): void {
    this.withKey(this.sealingQueue, room, (key) => {
      const sealed = updates.map((update, index) => sealFanoutUpdate(key, room, seqs[index] ?? -1, update))
      this.inner.publishUpdates(room, seqs, sealed)
    })
  }

  publishAwareness(room: string, update: Uint8Array, accounts: ReadonlyMap<number, string>): void {
    this.withKey(this.sealingQueue, room, (key) => this.inner.publishAwareness(room, sealFanoutAwareness(key, room, accounts, update), accounts))
  }

  publishAwarenessQuery(room: string): void {
    this.inner.publishAwarenessQuery(room)
  }

  publishControl(message: ControlMessage): void {
    this.inner.publishControl(message)
  }

  onControl(listener: (message: ControlMessage) => void): void {
    this.inner.onControl(listener)
  }

  onReconnect(listener: () => void): void {
    this.inner.onReconnect(listener)
  }

  isConnected(): boolean {
    return this.inner.isConnected()
  }

  close(): Promise<void> {
    return this.inner.close()
  }

  /** Runs `use` with the room's key: now when it is cached and nothing of the room waits, otherwise after what waits. */
  private withKey(queue: Map<string, Promise<void>>, room: string, use: (key: KeyObject) => void): void {
    const waiting = queue.get(room)
    const cached = waiting === undefined ? this.keys.cached(room) : undefined
    if (cached !== undefined) {
      this.attempt(room, () => use(cached))
      return
    }
    const next = (waiting ?? Promise.resolve())
      .then(() => this.keys.cached(room) ?? this.keys.fetch(room))
      .then(
        (key) => this.attempt(room, () => use(key)),
        (err: unknown) => this.failed(room, err),
      )
    queue.set(room, next)
    void next.then(() => {
      if (queue.get(room) === next) {
        queue.delete(room)
      }
    })
  }

  private attempt(room: string, task: () => void): void {
    try {
      task()
    } catch (err) {
      this.failed(room, err)
    }
  }

  private failed(room: string, err: unknown): void {
    this.logger.warn({ room, error: errorMessage(err) }, 'a fan-out message could not be sealed or opened; the room catches up from storage')
  }
}
