/** What a room needs of a connection attached to it (the socket side lives in ../Connection.ts). */
import type { CloseCode } from '../../../../shared/src/protocol/closeCodes.js'
import type { OutgoingFrame } from '../OutgoingFrame.js'

/** A connection as its room sees it. */
export interface RoomConnection {
  /** The account behind the connection. */
  readonly userId: string
  /** Sends a binary frame; a no-op once closed. A message for several connections is framed once (OutgoingFrame). */
  send(message: Uint8Array | OutgoingFrame): void
  /** Awareness client ids this connection introduced, removed when it closes. */
  readonly awarenessIds: Set<number>
  /** Closes the connection with a close code of the contract. */
  close(code: CloseCode): void
}
