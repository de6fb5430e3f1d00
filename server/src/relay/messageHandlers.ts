/**
 * One handler per top-level y-websocket message type (y-websocket's
 * `messageHandlers` table). A handler throws {@link MalformedMessageError}
 * for a frame it cannot decode; the connection then closes with 4400.
 */
import * as decoding from 'lib0/decoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import { canWrite } from '../../../shared/src/policy/access.js'
import { MessageType, SyncMessageType } from '../../../shared/src/protocol/messageTypes.js'
import type { Connection } from './Connection.js'
import { decodeOrReject, MalformedMessageError, MessageTooLargeError } from './MalformedMessageError.js'
import { decodeAwarenessUpdate, encodeAwarenessEntries, withVerifiedUser } from './awareness.js'
import { acceptAwarenessEntries } from './awarenessClaims.js'
import { encodeAwareness, encodeSyncStep2 } from './messages.js'
import { validateUpdate } from './validateUpdate.js'

/** Handles the rest of a frame after its message type. */
export type MessageHandler = (connection: Connection, decoder: decoding.Decoder) => Promise<void> | void

/**
 * Validates an update and commits it (then the room applies and forwards it).
 * One that depends on structs the room lacks waits on the connection instead
 * (see WaitingUpdates); resolves whether it was submitted.
 */
async function submitIfComplete(connection: Connection, payload: Uint8Array): Promise<boolean> {
  const { maxUpdateStructs, maxUpdateDepth } = connection.policy.limits
  const verdict = validateUpdate(connection.room.doc, payload, { maxStructs: maxUpdateStructs, maxDepth: maxUpdateDepth })
  if (!verdict.ok) {
    if (verdict.reason === 'missingDependencies') {
      if (!connection.waiting.hold(payload)) {
        throw new MalformedMessageError(`too many updates waiting for missing structs (${verdict.detail})`)
      }
      return false
    }
    throw verdict.reason === 'tooLarge' ? new MessageTooLargeError(verdict.detail) : new MalformedMessageError(verdict.detail)
  }
  if (verdict.empty) {
    return false
  }
  await connection.bindClientIds(verdict.writtenClientIds)
  await connection.room.submitUpdate(payload, connection)
  connection.wroteSinceSweep = true
  return true
}

/** Tries the waiting updates again until none of them can go in. */
async function submitWaiting(connection: Connection): Promise<void> {
  let progress = connection.waiting.size > 0
  while (progress) {
    progress = false
    for (const update of connection.waiting.takeAll()) {
      if (await submitIfComplete(connection, update)) {
        progress = true
      }
    }
  }
}

async function handleSync(connection: Connection, decoder: decoding.Decoder): Promise<void> {
  const syncType = decodeOrReject('sync message type', () => decoding.readVarUint(decoder))
  const payload = decodeOrReject('sync payload', () => decoding.readVarUint8Array(decoder))
  const room = connection.room
  switch (syncType) {
    case SyncMessageType.Step1: {
      decodeOrReject('state vector', () => Y.decodeStateVector(payload))
      // This runs only after every earlier message of this connection was
      // handled (Connection's queue) and so after its updates are committed.
      // Clients rely on that: a step 2 answering their step 1 is the proof
      // that the relay durably holds everything they sent before it.
      connection.send(encodeSyncStep2(room.doc, payload))
      return
    }
    case SyncMessageType.Step2:
    case SyncMessageType.Update: {
      if (!canWrite(connection.access)) {
        // Contract §5: a read-only connection's writes are dropped, counted and
        // logged (never the content); its step 1 is still answered so it can catch up.
        decodeOrReject('update', () => Y.decodeUpdate(payload))
        connection.dropReadOnlyWrite()
        return
      }
      // Issue 9: the update must decode completely and integrate completely
      // (no missing structs), within the size and nesting bounds, before it is
      // stored: garbage never reaches the log or the room's document.
      if (await submitIfComplete(connection, payload)) {
        // Updates that waited for structs this one carried can go in now.
        await submitWaiting(connection)
      }
      return
    }
    default:
      throw new MalformedMessageError(`unknown sync message type ${syncType}`)
  }
}

/**
 * Contract §5: a connection's awareness carries only client ids bound to its
 * account (awarenessClaims.ts), and the name shown comes from the verified
 * account. Invalid or oversized states close the connection with 4400
 * (thrown by decodeAwarenessUpdate); entries for another account's ids are
 * dropped (counted, logged), not closed.
 */
async function handleAwareness(connection: Connection, decoder: decoding.Decoder): Promise<void> {
  const update = decodeOrReject('awareness update', () => decoding.readVarUint8Array(decoder))
  const accepted = await acceptAwarenessEntries(connection, decodeAwarenessUpdate(update))
  if (accepted.length === 0) {
    return
  }
  const verified = accepted.map((entry) => ({ ...entry, state: withVerifiedUser(entry.state, connection) }))
  awarenessProtocol.applyAwarenessUpdate(connection.room.awareness, encodeAwarenessEntries(verified), connection)
}

function handleQueryAwareness(connection: Connection): void {
  const awareness = connection.room.awareness
  connection.send(encodeAwareness(awareness, [...awareness.getStates().keys()]))
}

/** The dispatch table; a message type without an entry is malformed. */
export const messageHandlers: ReadonlyMap<number, MessageHandler> = new Map<number, MessageHandler>([
  [MessageType.Sync, handleSync],
  [MessageType.Awareness, handleAwareness],
  [MessageType.QueryAwareness, handleQueryAwareness],
])
