import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import { MessageType, SyncMessageType } from '../../../shared/src/protocol/messageTypes.js'
import { decodeFrame } from './decodeFrame.js'
import { MalformedMessageError } from './MalformedMessageError.js'
import { encodeAwareness, encodeSyncStep1, encodeSyncStep2, encodeSyncUpdate } from './messages.js'

function frame(...parts: Array<number | Uint8Array>): Uint8Array {
  const encoder = encoding.createEncoder()
  for (const part of parts) {
    if (typeof part === 'number') {
      encoding.writeVarUint(encoder, part)
    } else {
      encoding.writeVarUint8Array(encoder, part)
    }
  }
  return encoding.toUint8Array(encoder)
}

describe('decodeFrame', () => {
  const doc = new Y.Doc()
  doc.getText('t').insert(0, 'Ziel 1')
  const update = Y.encodeStateAsUpdate(doc)

  it('decodes the three sync messages into typed frames carrying their payload', () => {
    expect(decodeFrame(encodeSyncStep1(doc), true)).toEqual({ type: 'sync-step1', stateVector: Y.encodeStateVector(doc) })
    expect(decodeFrame(encodeSyncStep2(doc, new Uint8Array([0])), true)).toEqual({ type: 'sync-step2', update })
    expect(decodeFrame(encodeSyncUpdate(update), true)).toEqual({ type: 'update', update })
  })

  it('decodes an awareness message into its entries, and a query', () => {
    const awareness = new awarenessProtocol.Awareness(new Y.Doc())
    awareness.setLocalState({ cursor: 3 })
    const decoded = decodeFrame(encodeAwareness(awareness, [awareness.clientID]), true)
    expect(decoded).toEqual({ type: 'awareness', entries: [{ clientId: awareness.clientID, clock: 1, state: { cursor: 3 } }] })
    expect(decodeFrame(frame(MessageType.QueryAwareness), true)).toEqual({ type: 'query-awareness' })
  })

  it.each([
    ['a text frame', new TextEncoder().encode('hallo'), false],
    ['an empty frame', new Uint8Array(), true],
    ['an unknown message type', frame(7), true],
    ['an unknown sync type', frame(MessageType.Sync, 9, new Uint8Array([0])), true],
    ['a truncated sync payload', frame(MessageType.Sync, SyncMessageType.Update, 40), true],
    ['a state vector that does not decode', frame(MessageType.Sync, SyncMessageType.Step1, new Uint8Array([5, 1])), true],
    ['an awareness update that is not JSON', frame(MessageType.Awareness, frame(1, 1, 1, 3, 120, 120, 120)), true],
  ] as const)('refuses %s as malformed', (_name, bytes, isBinary) => {
    expect(() => decodeFrame(bytes, isBinary)).toThrow(MalformedMessageError)
  })
})
