/**
 * The account (user id) behind every awareness client id of a room — those
 * of this process's connections and, scaled out, those of other processes —
 * and the judgement of every awareness entry against it (contract §5: a
 * connection's awareness carries only client ids it owns).
 *
 * The stock y-websocket provider re-broadcasts every awareness update it
 * receives, so entries for other connections' ids are normal traffic: one no
 * newer than what the relay holds is such an echo and is skipped quietly. A
 * newer one is taken over only by the same account (a reconnect that beat
 * the old socket's close); from anyone else it is refused.
 */
import * as awarenessProtocol from 'y-protocols/awareness'
import { errorMessage } from '../../../../shared/src/errors.js'
import type { Logger } from '../../log.js'
import { decodeAwarenessUpdate, encodeAwarenessEntries, type AwarenessEntry } from '../awareness.js'
import { encodeAwareness } from '../messages.js'
import type { RoomConnection } from './RoomConnection.js'

/** Origin of awareness changes that came from another process (they are not published again). */
const remoteOrigin = Symbol('remote process')

/** How a connection's awareness entry is judged. */
export type AwarenessVerdict = 'accept' | 'echo' | 'foreign'

/** Where a room's awareness changes go. */
export interface AwarenessOutlets {
  /** The room's open connections (the origin of a local change is one of them). */
  connections: ReadonlySet<RoomConnection>
  /** Sends a frame to every connection of the room. */
  broadcast(message: Uint8Array): void
  /** Scaled out: publishes a change of this process's connections to the others. */
  publish?: (update: Uint8Array, accounts: ReadonlyMap<number, string>) => void
  logger: Logger
  room: string
}

/** Awareness ownership of one room. */
export class AwarenessAccounts {
  private readonly accounts = new Map<number, string>()
  /** Client ids changed in this event-loop turn: sent to the connections once, at the turn's end. */
  private changedInTurn = new Set<number>()
  /** Of those, the ones changed here (not by another process): published once. */
  private publishInTurn = new Set<number>()
  private flushScheduled = false

  constructor(
    private readonly awareness: awarenessProtocol.Awareness,
    private readonly outlets: AwarenessOutlets,
  ) {
    awareness.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      // Ownership is tracked at once (the next frame's judgement needs it); the fan-out waits for the turn's end.
      this.track(added, updated, removed, origin)
      for (const id of [...added, ...updated, ...removed]) {
        this.changedInTurn.add(id)
        if (origin !== remoteOrigin) {
          this.publishInTurn.add(id)
        }
      }
      if (!this.flushScheduled) {
        this.flushScheduled = true
        setImmediate(() => this.flush())
      }
    })
  }

  /**
   * Sends a turn's awareness changes (issue 21): a cursor update per
   * keystroke from every typist of the room becomes one frame per
   * connection per turn, holding each client's latest state.
   */
  private flush(): void {
    this.flushScheduled = false
    const changed = [...this.changedInTurn]
    const published = [...this.publishInTurn]
    this.changedInTurn = new Set()
    this.publishInTurn = new Set()
    try {
      if (changed.length > 0 && this.outlets.connections.size > 0) {
        this.outlets.broadcast(encodeAwareness(this.awareness, changed))
      }
      if (published.length > 0 && this.outlets.publish) {
        this.outlets.publish(awarenessProtocol.encodeAwarenessUpdate(this.awareness, published), this.accountsOf(published))
      }
    } catch (err) {
      this.outlets.logger.warn({ room: this.outlets.room, error: errorMessage(err) }, 'sending awareness changes failed')
    }
  }

  /** The account whose connection, here or in another process, set the state of a client id. */
  accountOf(clientId: number): string | undefined {
    return this.accounts.get(clientId)
  }

  /** The connection of this process that introduced a client id, if any. */
  ownerOf(clientId: number): RoomConnection | undefined {
    for (const connection of this.outlets.connections) {
      if (connection.awarenessIds.has(clientId)) {
        return connection
      }
    }
    return undefined
  }

  /**
   * Whether `connection` may set this entry; the same account taking its id
   * over from another of its connections releases the id there. The owner
   * may be connected to another process: its account came with the fan-out.
   */
  judge(connection: RoomConnection, entry: AwarenessEntry): AwarenessVerdict {
    if (entry.clientId === this.awareness.clientID) {
      return 'echo'
    }
    const owner = this.ownerOf(entry.clientId)
    if (owner === connection) {
      return 'accept'
    }
    const account = owner?.userId ?? (this.awareness.getStates().has(entry.clientId) ? this.accounts.get(entry.clientId) : undefined)
    if (account === undefined) {
      return 'accept'
    }
    const knownClock = this.awareness.meta.get(entry.clientId)?.clock ?? -1
    if (entry.clock <= knownClock) {
      return 'echo'
    }
    if (account === connection.userId) {
      owner?.awarenessIds.delete(entry.clientId)
      return 'accept'
    }
    return 'foreign'
  }

  /**
   * Awareness from another process. An entry that would give a client id
   * with a live state to another account than the one holding it here is
   * dropped (the two processes judged concurrently); the same account taking
   * its id over from one of this process's connections (a reconnect that
   * landed on the other process) releases it from that connection.
   */
  applyRemote(update: Uint8Array, accounts: ReadonlyMap<number, string>): void {
    try {
      const accepted = decodeAwarenessUpdate(update, { bounded: false }).filter((entry) => {
        const claimed = accounts.get(entry.clientId) ?? verifiedUserId(entry.state)
        const known = this.accounts.get(entry.clientId)
        const knownClock = this.awareness.meta.get(entry.clientId)?.clock ?? -1
        if (entry.state !== null && known !== undefined && claimed !== known && entry.clock > knownClock && this.awareness.getStates().has(entry.clientId)) {
          this.outlets.logger.warn({ room: this.outlets.room, clientId: entry.clientId }, "dropping another process's awareness entry for a client id of another account")
          return false
        }
        if (entry.clock > knownClock) {
          if (claimed !== undefined && claimed === known) {
            this.ownerOf(entry.clientId)?.awarenessIds.delete(entry.clientId)
          }
          if (entry.state !== null && claimed !== undefined) {
            this.accounts.set(entry.clientId, claimed)
          }
        }
        return true
      })
      if (accepted.length > 0) {
        awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(accepted), remoteOrigin)
      }
    } catch (err) {
      this.outlets.logger.warn({ room: this.outlets.room, error: errorMessage(err) }, 'an awareness update from another process failed to apply')
    }
  }

  /** Answers another process's awareness query with the states of this process's connections. */
  publishOwn(): void {
    const ids = [...this.outlets.connections].flatMap((connection) => [...connection.awarenessIds])
    if (ids.length > 0 && this.outlets.publish) {
      this.outlets.publish(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids), this.accountsOf(ids))
    }
  }

  /** Removes the states a closed connection introduced (the removal is broadcast). */
  removeConnection(connection: RoomConnection): void {
    const ids = [...connection.awarenessIds]
    if (ids.length > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, ids, null)
    }
  }

  private track(added: number[], updated: number[], removed: number[], origin: unknown): void {
    const owner = this.outlets.connections.has(origin as RoomConnection) ? (origin as RoomConnection) : undefined
    if (owner) {
      // `updated` too: a client that cleared its state and set it again
      // comes back as an update (its clock is known), not as an addition.
      for (const id of [...added, ...updated]) {
        owner.awarenessIds.add(id)
        this.accounts.set(id, owner.userId)
      }
      for (const id of removed) {
        owner.awarenessIds.delete(id)
      }
    }
    for (const id of removed) {
      this.accounts.delete(id)
    }
  }

  /** The known accounts of some client ids. */
  private accountsOf(ids: readonly number[]): Map<number, string> {
    const found = new Map<number, string>()
    for (const id of ids) {
      const userId = this.accounts.get(id)
      if (userId !== undefined) {
        found.set(id, userId)
      }
    }
    return found
  }
}

/** The user id the relay wrote into a state (withVerifiedUser), for messages of processes that did not send accounts. */
function verifiedUserId(state: Record<string, unknown> | null): string | undefined {
  const user = state?.user
  const id = typeof user === 'object' && user !== null ? (user as { id?: unknown }).id : undefined
  return typeof id === 'string' ? id : undefined
}
