/**
 * A room's awareness and who owns which of its client ids, made when someone
 * first sends awareness (issue 21: a heap snapshot of 1,000 open rooms
 * showed ~1.6 KB and a 3-second interval per room for an awareness nobody
 * used; a reading or writing client without a cursor sends none).
 */
import type * as awarenessProtocol from 'y-protocols/awareness'
import type * as Y from 'yjs'
import { AwarenessAccounts, type AwarenessOutlets } from './AwarenessAccounts.js'
import { endSweptAwareness, sweptAwareness } from './awarenessSweep.js'
import type { RoomConnection } from './RoomConnection.js'

interface Parts {
  awareness: awarenessProtocol.Awareness
  accounts: AwarenessAccounts
}

export class RoomAwareness {
  private parts: Parts | null = null

  constructor(
    private readonly doc: Y.Doc,
    /** Where its changes go; asked for when the awareness is made (nothing held per room before). */
    private readonly outlets: () => AwarenessOutlets,
  ) {}

  /** The awareness (made on first use). */
  get awareness(): awarenessProtocol.Awareness {
    return this.made().awareness
  }

  /** Who owns which awareness client id, here and on other processes (made on first use). */
  get accounts(): AwarenessAccounts {
    return this.made().accounts
  }

  /** Whether anyone sent awareness since the room loaded. */
  get exists(): boolean {
    return this.parts !== null
  }

  /** The client ids with a state; none (and nothing made) when nobody sent awareness. */
  clientIds(): number[] {
    return this.parts ? [...this.parts.awareness.getStates().keys()] : []
  }

  /** Scaled out: publishes this process's states again (nothing when there are none). */
  publishOwn(): void {
    this.parts?.accounts.publishOwn()
  }

  /** A connection left: its client ids' states go. */
  removeConnection(connection: RoomConnection): void {
    this.parts?.accounts.removeConnection(connection)
  }

  /** Frees the awareness (the room unloads). */
  destroy(): void {
    if (this.parts) {
      endSweptAwareness(this.parts.awareness)
      this.parts = null
    }
  }

  private made(): Parts {
    if (this.parts === null) {
      const awareness = sweptAwareness(this.doc)
      this.parts = { awareness, accounts: new AwarenessAccounts(awareness, this.outlets()) }
    }
    return this.parts
  }
}
