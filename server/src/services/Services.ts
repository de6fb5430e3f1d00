/**
 * What commands and domain services are given: the storage ports they use
 * and narrow ports to the parts above them (the relay's documents, the
 * re-checks after an access change, the case event streams). The entry
 * wires them (createServer); a command never sees HTTP, sockets or the
 * relay itself, so routes, sweepers and scripts call it alike.
 */
import type * as Y from 'yjs'
import type { CaseChangedEvent } from '../../../shared/src/api/caseEvents.js'
import type { RoomName } from '../../../shared/src/protocol/roomName.js'
import type { Clock } from '../clock.js'
import type { Keyring } from '../crypto/Keyring.js'
import type { Logger } from '../log.js'
import type { AccessChange } from './AccessChange.js'

/** The case documents as committed, and server-side changes that take the clients' commit path. */
export interface CaseDocuments {
  /** Reads a room's document exactly as committed (pending commits included). */
  readDocument<T>(room: RoomName, read: (doc: Y.Doc) => T): Promise<T>
  /** Changes a room's document; committed before any client sees it. */
  changeDocument(room: RoomName, change: (doc: Y.Doc) => void): Promise<void>
}

/** The case event streams (`case-changed`), for changes that alter no one's access. */
export interface CaseEvents {
  /** Tells the case's members that `what` changed, so their clients re-read it. */
  notify(caseId: string, what: CaseChangedEvent['what']): void
}

/**
 * Where an access change goes once it is committed: open connections and
 * event streams are re-checked (lost access closes them at once), members
 * hear about it, other processes do the same.
 */
export interface AccessChanged {
  /** Resolves once this process's connections reflect the change. */
  accessChanged(change: AccessChange): Promise<void>
}

/** The data keys an erasure destroys (crypto-shredding), and the billing keys the billing sweep destroys. */
export type CaseKeys = Pick<Keyring, 'destroyCaseKey' | 'destroyBillingKey' | 'destroyInvoiceKey' | 'destroyRequestKey' | 'destroyAttachmentKey' | 'destroyPoolKey' | 'destroyPoolInvitationKey' | 'liveOwners'>

/** What every command is given; `S` names the storage ports it uses. */
export interface Services<S = unknown> extends AccessChanged {
  storage: S
  /** Now (tests move it past end dates and retention periods). */
  clock: Clock
  keyring: CaseKeys
  logger: Logger
  events: CaseEvents
  documents: CaseDocuments
}
