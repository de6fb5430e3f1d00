import type { Duplex } from 'node:stream'
import * as encoding from 'lib0/encoding'
import { describe, expect, it, vi } from 'vitest'
import type { WebSocket } from 'ws'
import * as Y from 'yjs'
import { MalformedMessage } from '../../../shared/src/protocol/closeCodes.js'
import { MessageType, SyncMessageType } from '../../../shared/src/protocol/messageTypes.js'
import { createLogger } from '../log.js'
import { Metrics } from '../metrics.js'
import { Connection, type ConnectionRoom } from './Connection.js'
import { binaryFrame, OutgoingFrame } from './OutgoingFrame.js'

function fakeConnection(): { connection: Connection; close: ReturnType<typeof vi.fn>; submitUpdate: ReturnType<typeof vi.fn> } {
  const close = vi.fn()
  const submitUpdate = vi.fn(async () => {})
  const ws = { OPEN: 1, readyState: 1, bufferedAmount: 0, close, terminate: vi.fn(), send: vi.fn() } as unknown as WebSocket
  const room = { name: 'cases/x/notes', doc: new Y.Doc(), submitUpdate, judgeUpdate: () => null, acceptRichText: () => false, memberIdsToJudge: async () => undefined } as unknown as ConnectionRoom
  const connection = new Connection(ws, room, { userId: 'u', userName: 'U', sessionHash: 'h', access: 'write', role: 'coach' }, createLogger({ logLevel: 'silent' }), new Metrics())
  return { connection, close, submitUpdate }
}

describe('Connection', () => {
  it('decodes a copy of each frame: a length prefix that points past the message never reads the bytes behind it', async () => {
    const doc = new Y.Doc()
    doc.getText('t').insert(0, 'hinter der Nachricht')
    const update = Y.encodeStateAsUpdate(doc)
    // A frame announcing `update.length` bytes but carrying none of them,
    // followed in the same (pooled) buffer by exactly those bytes.
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MessageType.Sync)
    encoding.writeVarUint(encoder, SyncMessageType.Update)
    encoding.writeVarUint(encoder, update.length)
    const header = encoding.toUint8Array(encoder)
    const pool = new Uint8Array(header.length + update.length)
    pool.set(header, 0)
    pool.set(update, header.length)
    const frame = pool.subarray(0, header.length)

    const { connection, close, submitUpdate } = fakeConnection()
    connection.receive(frame, true)
    await connection.drained()
    expect(submitUpdate).not.toHaveBeenCalled()
    expect(close).toHaveBeenCalledWith(MalformedMessage.code, MalformedMessage.reason)
  })

  it('handles the bytes as they were on arrival, even when the socket reuses its buffer before the frame is handled', async () => {
    const doc = new Y.Doc()
    doc.getText('t').insert(0, 'angekommen')
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MessageType.Sync)
    encoding.writeVarUint(encoder, SyncMessageType.Update)
    encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdate(doc))
    const pool = encoding.toUint8Array(encoder)
    const { connection, close, submitUpdate } = fakeConnection()
    connection.receive(pool, true)
    pool.fill(0xff) // frames are handled asynchronously, after the socket moved on
    await connection.drained()
    expect(close).not.toHaveBeenCalled()
    expect(submitUpdate).toHaveBeenCalledTimes(1)
  })

  it('writes whole frames to the socket ws took over, a shared frame as it is, and nothing once closed', () => {
    const close = vi.fn()
    const wsSend = vi.fn()
    const ws = { OPEN: 1, readyState: 1, bufferedAmount: 0, extensions: '', close, terminate: vi.fn(), send: wsSend } as unknown as WebSocket
    const write = vi.fn()
    const socket = { write } as unknown as Duplex
    const room = { name: 'cases/x/notes', doc: new Y.Doc() } as unknown as ConnectionRoom
    const identity = { userId: 'u', userName: 'U', sessionHash: 'h', access: 'read', role: 'employer' } as const
    const connection = new Connection(ws, room, identity, createLogger({ logLevel: 'silent' }), new Metrics(), socket)
    const shared = new OutgoingFrame(Uint8Array.of(0, 2, 1, 7))
    connection.send(shared)
    connection.send(Uint8Array.of(1, 2, 3))
    expect(write.mock.calls.map(([bytes]) => bytes as Buffer)).toEqual([shared.bytes, binaryFrame(Uint8Array.of(1, 2, 3))])
    expect(write.mock.calls[0]?.[0]).toBe(shared.bytes)
    expect(wsSend).not.toHaveBeenCalled()
    connection.close(MalformedMessage)
    connection.send(shared)
    expect(write).toHaveBeenCalledTimes(2)
  })
})
