/**
 * A room's awareness (carets, who is here) and the account behind every
 * awareness client id, this process's connections' and those of other
 * processes alike, so an id is refused to another account wherever its
 * owner is connected. Changes are broadcast to the room's connections and,
 * scaled out, published to the other processes with their accounts.
 */
import * as awarenessProtocol from 'y-protocols/awareness'
import type * as Y from 'yjs'
import { errorMessage } from '../../../shared/src/errors.js'
import type { Fanout } from '../fanout/Fanout.js'
import type { Logger } from '../log.js'
import { decodeAwarenessUpdate, encodeAwarenessEntries } from './awareness.js'
import { encodeAwareness } from './messages.js'
import type { RoomConnection } from './Room.js'

/** Origin of awareness changes that came from another process (they are not published again). */
const remoteOrigin = Symbol('remote process')

/** What the awareness needs of its room. */
export interface AwarenessHost {
  /** The room's name (for the fan-out and logs). */
  name: string
  /** The room's open connections (the same set the room keeps). */
  connections: ReadonlySet<RoomConnection>
  /** Sends a frame to every connection of the room. */
  broadcast(message: Uint8Array): void
  logger: Logger
  fanout?: Fanout | undefined
}

/** The awareness of one room with the accounts behind its client ids. */
export class RoomAwareness {
  readonly awareness: awarenessProtocol.Awareness
  /** The account (user id) behind every awareness client id with a state. */
  private readonly accounts = new Map<number, string>()

  constructor(
    doc: Y.Doc,
    private readonly host: AwarenessHost,
  ) {
    this.awareness = new awarenessProtocol.Awareness(doc)
    // The relay is no participant: it has no awareness state of its own.
    this.awareness.setLocalState(null)
    this.awareness.on(
      'update',
      ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
        const owner = host.connections.has(origin as RoomConnection) ? (origin as RoomConnection) : undefined
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
        const changed = [...added, ...updated, ...removed]
        host.broadcast(encodeAwareness(this.awareness, changed))
        if (origin !== remoteOrigin && host.fanout) {
          host.fanout.publishAwareness(host.name, awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed), this.accountsOf(changed))
        }
      },
    )
  }

  /** The known accounts of some awareness client ids. */
  private accountsOf(ids: readonly number[]): Map<number, string> {
    const accounts = new Map<number, string>()
    for (const id of ids) {
      const userId = this.accounts.get(id)
      if (userId !== undefined) {
        accounts.set(id, userId)
      }
    }
    return accounts
  }

  /** The account (user id) whose connection, here or in another process, set the awareness state of a client id. */
  accountOf(clientId: number): string | undefined {
    return this.accounts.get(clientId)
  }

  /** The connection of this process that introduced an awareness client id, if any. */
  ownerOf(clientId: number): RoomConnection | undefined {
    for (const connection of this.host.connections) {
      if (connection.awarenessIds.has(clientId)) {
        return connection
      }
    }
    return undefined
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
          this.host.logger.warn({ room: this.host.name, clientId: entry.clientId }, "dropping another process's awareness entry for a client id of another account")
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
      this.host.logger.warn({ room: this.host.name, error: errorMessage(err) }, 'an awareness update from another process failed to apply')
    }
  }

  /** Answers another process's awareness query with the states of this process's connections. */
  publishOwn(): void {
    const ids = [...this.host.connections].flatMap((connection) => [...connection.awarenessIds])
    if (ids.length > 0 && this.host.fanout) {
      this.host.fanout.publishAwareness(this.host.name, awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids), this.accountsOf(ids))
    }
  }
}

/** The user id the relay wrote into a state (withVerifiedUser), for messages of processes that did not send accounts. */
function verifiedUserId(state: Record<string, unknown> | null): string | undefined {
  const user = state?.user
  const id = typeof user === 'object' && user !== null ? (user as { id?: unknown }).id : undefined
  return typeof id === 'string' ? id : undefined
}
