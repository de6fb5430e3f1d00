/** Encoders of the y-websocket frames the relay sends. */
import * as encoding from 'lib0/encoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import { MessageType, SyncMessageType } from '../../../shared/src/protocol/messageTypes.js'

/** Sync step 1: the relay's state vector, asking the client for what it lacks. */
export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.Sync)
  encoding.writeVarUint(encoder, SyncMessageType.Step1)
  encoding.writeVarUint8Array(encoder, Y.encodeStateVector(doc))
  return encoding.toUint8Array(encoder)
}

/** Sync step 2: everything the peer with `stateVector` lacks. */
export function encodeSyncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.Sync)
  encoding.writeVarUint(encoder, SyncMessageType.Step2)
  encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdate(doc, stateVector))
  return encoding.toUint8Array(encoder)
}

/** A sync update message carrying one committed update. */
export function encodeSyncUpdate(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.Sync)
  encoding.writeVarUint(encoder, SyncMessageType.Update)
  encoding.writeVarUint8Array(encoder, update)
  return encoding.toUint8Array(encoder)
}

/** An awareness message with the states of `clients`. */
export function encodeAwareness(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.Awareness)
  encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, clients))
  return encoding.toUint8Array(encoder)
}

/** An awareness message with no states (what encodeAwareness sends for no clients), without an awareness to encode from. */
export const EmptyAwareness: Uint8Array = (() => {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.Awareness)
  // The awareness update: a varUint count of 0 entries.
  encoding.writeVarUint8Array(encoder, new Uint8Array([0]))
  return encoding.toUint8Array(encoder)
})()

/** Whether a decoded update changes nothing (no structs, no deletions), e.g. a step 2 from an up-to-date client. */
export function isEmptyUpdate(decoded: ReturnType<typeof Y.decodeUpdate>): boolean {
  return decoded.structs.length === 0 && decoded.ds.clients.size === 0
}
