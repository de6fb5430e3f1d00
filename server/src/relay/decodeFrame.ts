/**
 * Decodes a y-websocket frame once, on arrival, into a typed {@link Frame};
 * the connection's queue, its merging of updates and the message handlers
 * all work on that. Anything that does not decode throws
 * {@link MalformedMessageError} (the connection closes with 4400 when the
 * frame's turn comes). Yjs updates themselves are checked later, against
 * the room (validateUpdate.ts); here only their envelope is read.
 */
import * as decoding from 'lib0/decoding'
import * as Y from 'yjs'
import { MessageType, SyncMessageType } from '../../../shared/src/protocol/messageTypes.js'
import { decodeAwarenessUpdate, type AwarenessEntry } from './awareness.js'
import { decodeOrReject, MalformedMessageError } from './MalformedMessageError.js'

/** A decoded frame. */
export type Frame =
  /** Sync step 1: the peer's state vector, asking for what it lacks. */
  | { type: 'sync-step1'; stateVector: Uint8Array }
  /** Sync step 2: what the peer has and the relay lacked (written like an update). */
  | { type: 'sync-step2'; update: Uint8Array }
  /** A sync update. */
  | { type: 'update'; update: Uint8Array }
  /** An awareness update, with its entries decoded and bounded (awareness.ts). */
  | { type: 'awareness'; entries: AwarenessEntry[] }
  /** A query for every awareness state of the room. */
  | { type: 'query-awareness' }

/** The frame types, for the handler table. */
export type FrameType = Frame['type']

/**
 * Decodes a frame. `data` must own its bytes (a copy of what the socket
 * handed over): lib0 reads byte arrays as views on the underlying buffer
 * with the length the message claims, so on a pooled buffer a lying length
 * prefix would read the bytes behind the message.
 */
export function decodeFrame(data: Uint8Array, isBinary: boolean): Frame {
  if (!isBinary) {
    throw new MalformedMessageError('text frame')
  }
  const decoder = decoding.createDecoder(data)
  const type = decodeOrReject('message type', () => decoding.readVarUint(decoder))
  switch (type) {
    case MessageType.Sync:
      return decodeSync(decoder)
    case MessageType.Awareness: {
      const update = decodeOrReject('awareness update', () => decoding.readVarUint8Array(decoder))
      return { type: 'awareness', entries: decodeAwarenessUpdate(update) }
    }
    case MessageType.QueryAwareness:
      return { type: 'query-awareness' }
    default:
      throw new MalformedMessageError(`unknown message type ${type}`)
  }
}

function decodeSync(decoder: decoding.Decoder): Frame {
  const syncType = decodeOrReject('sync message type', () => decoding.readVarUint(decoder))
  const payload = decodeOrReject('sync payload', () => decoding.readVarUint8Array(decoder))
  switch (syncType) {
    case SyncMessageType.Step1:
      decodeOrReject('state vector', () => Y.decodeStateVector(payload))
      return { type: 'sync-step1', stateVector: payload }
    case SyncMessageType.Step2:
      return { type: 'sync-step2', update: payload }
    case SyncMessageType.Update:
      return { type: 'update', update: payload }
    default:
      throw new MalformedMessageError(`unknown sync message type ${syncType}`)
  }
}
