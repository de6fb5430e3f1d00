/** What a room needs of a connection attached to it (the socket side lives in ../Connection.ts). */
import type { CloseCode } from '../../../../shared/src/protocol/closeCodes.js'

/** A connection as its room sees it. */
export interface RoomConnection {
  /** The account behind the connection. */
  readonly userId: string
  /** Sends a binary frame; a no-op once closed. */
  send(message: Uint8Array): void
  /** Awareness client ids this connection introduced, removed when it closes. */
  readonly awarenessIds: Set<number>
  /** Closes the connection with a close code of the contract. */
  close(code: CloseCode): void
}
