import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { MessageType } from '../../../shared/src/protocol/messageTypes.js'
import { attachAckProbe, classifyFrame, type ProbeProvider } from './ackProbe.js'
import { AckTracker } from './ackTracker.js'

class FakeSocket extends EventTarget {
  readyState = 1
  sent: Uint8Array[] = []
  send(data: Uint8Array): void {
    this.sent.push(data)
  }
  receive(frame: Uint8Array): void {
    const event = new MessageEvent('message', { data: frame.slice().buffer })
    this.dispatchEvent(event)
  }
}

class FakeProvider implements ProbeProvider {
  ws: WebSocket | null = null
  wsconnected = false
  private listeners = new Set<(event: { status: string }) => void>()
  on(_event: 'status', listener: (event: { status: string }) => void): void {
    this.listeners.add(listener)
  }
  off(_event: 'status', listener: (event: { status: string }) => void): void {
    this.listeners.delete(listener)
  }
  emit(status: string): void {
    for (const listener of this.listeners) {
      listener({ status })
    }
  }
}

function syncFrame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.Sync)
  write(encoder)
  return encoding.toUint8Array(encoder)
}

const serverDoc = new Y.Doc()
const step1 = (): Uint8Array => syncFrame((encoder) => syncProtocol.writeSyncStep1(encoder, serverDoc))
const step2 = (): Uint8Array => syncFrame((encoder) => syncProtocol.writeSyncStep2(encoder, serverDoc))

function isStep1(frame: Uint8Array): boolean {
  const decoder = decoding.createDecoder(frame)
  return decoding.readVarUint(decoder) === MessageType.Sync && decoding.readVarUint(decoder) === 0
}

describe('classifyFrame', () => {
  it('tells sync step 1, step 2 and other frames apart', () => {
    expect(classifyFrame(step1())).toBe('step1')
    expect(classifyFrame(step2())).toBe('step2')
    expect(classifyFrame(syncFrame((encoder) => syncProtocol.writeUpdate(encoder, Y.encodeStateAsUpdate(serverDoc))))).toBe('other')
    expect(classifyFrame(new Uint8Array([MessageType.Awareness, 0]))).toBe('other')
    expect(classifyFrame(new Uint8Array([]))).toBe('other')
  })
})

describe('attachAckProbe', () => {
  let doc: Y.Doc
  let provider: FakeProvider
  let socket: FakeSocket
  let tracker: AckTracker
  let detach: () => void
  const remote = Symbol('provider')

  beforeEach(() => {
    vi.useFakeTimers()
    doc = new Y.Doc()
    provider = new FakeProvider()
    socket = new FakeSocket()
    tracker = new AckTracker()
    detach = attachAckProbe({ doc, provider, tracker, isRemoteOrigin: (origin) => origin === remote, debounceMs: 250 })
    provider.ws = socket as unknown as WebSocket
    provider.emit('connecting')
    provider.wsconnected = true
    provider.emit('connected')
  })

  afterEach(() => {
    detach()
    vi.useRealTimers()
  })

  it('counts only local updates', () => {
    doc.getMap('meta').set('title', 'local')
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(serverDoc), remote)
    const other = new Y.Doc()
    other.getMap('meta').set('x', 1)
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other), remote)
    expect(tracker.pending).toBe(1)
  })

  it('offline edits are acknowledged only by a probe sent after the server step 1, not by the handshake step 2', () => {
    doc.getMap('meta').set('title', 'offline edit')
    vi.advanceTimersByTime(300)
    // No probe before the server's step 1: the provider has not sent our edits yet.
    expect(socket.sent).toHaveLength(0)
    socket.receive(step1())
    expect(socket.sent).toHaveLength(1)
    expect(isStep1(socket.sent[0]!)).toBe(true)
    // The step 2 answering the provider's own step 1 acknowledges nothing.
    socket.receive(step2())
    expect(tracker.pending).toBe(1)
    socket.receive(step2())
    expect(tracker.pending).toBe(0)
  })

  it('probes after local edits, debounced, and keeps edits made after the probe pending', () => {
    socket.receive(step1())
    socket.receive(step2())
    expect(socket.sent).toHaveLength(0)
    doc.getMap('meta').set('a', 1)
    doc.getMap('meta').set('b', 2)
    vi.advanceTimersByTime(100)
    expect(socket.sent).toHaveLength(0)
    vi.advanceTimersByTime(200)
    expect(socket.sent).toHaveLength(1)
    doc.getMap('meta').set('c', 3)
    expect(tracker.pending).toBe(3)
    socket.receive(step2())
    expect(tracker.pending).toBe(1)
    vi.advanceTimersByTime(300)
    expect(socket.sent).toHaveLength(2)
    socket.receive(step2())
    expect(tracker.pending).toBe(0)
  })

  it('drops probes in flight when the connection closes', () => {
    socket.receive(step1())
    socket.receive(step2())
    doc.getMap('meta').set('a', 1)
    vi.advanceTimersByTime(300)
    provider.wsconnected = false
    provider.emit('disconnected')
    socket.receive(step2())
    expect(tracker.pending).toBe(1)
  })
})
