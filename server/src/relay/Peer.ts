/**
 * What a message handler needs of the connection it handles a frame for —
 * and no more: the handlers (messageHandlers.ts) are written against this,
 * Connection implements it, and neither imports the other's module the
 * other way round.
 */
import type * as awarenessProtocol from 'y-protocols/awareness'
import type * as Y from 'yjs'
import type { UpdateRefusal } from '../../../shared/src/caseDocument/checkUpdate.js'
import type { Access, Role } from '../../../shared/src/policy/access.js'
import type { RelayLimits } from '../config/relay.js'
import type { ClientIdBindings } from './limits/clientIdBindings.js'
import type { AwarenessAccounts } from './room/AwarenessAccounts.js'
import type { DecodedUpdate } from './room/fragmentRoots.js'
import type { RoomConnection } from './room/RoomConnection.js'
import type { WaitingUpdates } from './WaitingUpdates.js'

/** What a handler needs of the peer's room. */
export interface PeerRoom {
  readonly name: string
  /** The room's document (every committed update). */
  readonly doc: Y.Doc
  /** The room's awareness (made on first use: read it only to handle awareness). */
  readonly awareness: awarenessProtocol.Awareness
  /** The client ids with an awareness state, without making the awareness. */
  awarenessClientIds(): number[]
  readonly awarenessAccounts: Pick<AwarenessAccounts, 'judge' | 'accountOf' | 'ownerOf'>
  /**
   * Contract §8.2: what the update does, judged against the room's schema and
   * the writer's role on a scratch copy of the room; null when accepted (the
   * update must then be submitted at once), else why it is refused.
   */
  judgeUpdate(update: Uint8Array, role: Role, memberIds?: ReadonlySet<string>): UpdateRefusal | null
  /** The same for an update that changes only rich text, judged from its structs (`decoded`); false: judgeUpdate decides. */
  acceptRichText(update: Uint8Array, role: Role, decoded: DecodedUpdate): boolean
  /** The case's member ids a plan update is judged with (issue 16); undefined for other rooms. */
  memberIdsToJudge(): Promise<ReadonlySet<string> | undefined>
  /** Commits, then applies and forwards (contract §6); resolves once done. */
  submitUpdate(update: Uint8Array, origin: RoomConnection | null): Promise<void>
}

/** The other end of a sync connection, as the handlers see it. */
export interface Peer extends RoomConnection {
  readonly userName: string
  /** read or write (re-checks may change it between frames). */
  readonly access: Access
  /** The role behind the access: it narrows what the peer's updates may change (contract §8.2). */
  readonly role: Role
  readonly limits: RelayLimits
  readonly room: PeerRoom
  /** Updates waiting for structs this peer has not sent yet. */
  readonly waiting: WaitingUpdates
  /** Whether any update waits (reading it makes no waiting list). */
  readonly hasWaitingUpdates: boolean
  /** Where client ids are bound to accounts (storage), for awareness claims (awarenessClaims.ts); undefined: nothing is bound. */
  readonly clientIdBindings: ClientIdBindings | undefined
  /** Binds the client ids an update writes with to the peer's account; throws MalformedMessageError for a foreign one. */
  bindClientIds(clientIds: readonly number[]): Promise<void>
  /** The peer wrote (activity of its session for the idle expiry). */
  noteWrite(): void
  /** Counts and logs a write from a read-only peer (never its content). */
  dropReadOnlyWrite(): void
  /** Counts and logs an awareness entry claiming another account's client id. */
  refuseForeignAwareness(clientId: number): void
}
