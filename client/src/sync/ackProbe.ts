/**
 * Wires an {@link AckTracker} to a y-websocket provider: counts local updates,
 * sends probes (sync step 1) after local edits and after the handshake, and
 * reads the server's sync step 2 answers from the provider's socket without
 * disturbing the provider's own message handling.
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import type * as Y from 'yjs'
import { MessageType, SyncMessageType } from '../../../shared/src/protocol/messageTypes.js'
import type { AckTracker } from './ackTracker.js'

// WebSocket.OPEN, spelled out so the module also loads where WebSocket is not global (tests).
const webSocketOpen = 1

/** The parts of a WebsocketProvider the probe uses (a fake in tests). */
export interface ProbeProvider {
  ws: WebSocket | null
  wsconnected: boolean
  on(event: 'status', listener: (event: { status: string }) => void): void
  off(event: 'status', listener: (event: { status: string }) => void): void
}

/** What a binary y-websocket frame is, as far as the probe cares. */
export function classifyFrame(data: Uint8Array): 'step1' | 'step2' | 'other' {
  try {
    const decoder = decoding.createDecoder(data)
    if (decoding.readVarUint(decoder) !== MessageType.Sync) {
      return 'other'
    }
    const sub = decoding.readVarUint(decoder)
    if (sub === SyncMessageType.Step1) {
      return 'step1'
    }
    if (sub === SyncMessageType.Step2) {
      return 'step2'
    }
    return 'other'
  } catch {
    return 'other'
  }
}

/** Encodes a sync step 1 frame for a document. */
export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.Sync)
  syncProtocol.writeSyncStep1(encoder, doc)
  return encoding.toUint8Array(encoder)
}

export interface AckProbeOptions {
  doc: Y.Doc
  provider: ProbeProvider
  tracker: AckTracker
  /** Origins of updates that are not local edits (the provider, IndexedDB). */
  isRemoteOrigin: (origin: unknown) => boolean
  /** Debounce of the probe after a local edit. */
  debounceMs?: number
}

/**
 * Starts probing; returns a function that stops it. Attach before the provider
 * connects (`connect: false`, then `provider.connect()`), so the provider's own
 * sync step 1 on open is accounted for.
 */
export function attachAckProbe({ doc, provider, tracker, isRemoteOrigin, debounceMs = 250 }: AckProbeOptions): () => void {
  let socket: WebSocket | null = null
  // The server's sync step 1 arrives once per connection; the provider answers
  // it with a step 2 carrying our offline edits. Probing before that would
  // acknowledge edits the server has not received yet.
  let handshakeDone = false
  let timer: ReturnType<typeof setTimeout> | undefined

  const sendProbe = (): void => {
    timer = undefined
    if (!socket || socket !== provider.ws || !handshakeDone || socket.readyState !== webSocketOpen) {
      return
    }
    if (!tracker.needsProbe) {
      return
    }
    tracker.noteProbeSent()
    socket.send(encodeSyncStep1(doc))
  }

  const scheduleProbe = (): void => {
    if (timer !== undefined) {
      clearTimeout(timer)
    }
    timer = setTimeout(sendProbe, debounceMs)
  }

  const handleMessage = (event: MessageEvent): void => {
    if (!(event.data instanceof ArrayBuffer)) {
      return
    }
    const kind = classifyFrame(new Uint8Array(event.data))
    if (kind === 'step2') {
      tracker.noteStep2Received()
      if (tracker.needsProbe) {
        scheduleProbe()
      }
    } else if (kind === 'step1') {
      handshakeDone = true
      if (tracker.needsProbe) {
        // The provider's onmessage ran first (registered earlier) and already
        // sent its step 2; a probe now is ordered after it.
        sendProbe()
      }
    }
  }

  const detachSocket = (): void => {
    if (socket) {
      socket.removeEventListener('message', handleMessage)
      socket = null
    }
    handshakeDone = false
    tracker.noteConnectionClosed()
  }

  const handleStatus = ({ status }: { status: string }): void => {
    if (status === 'connecting') {
      detachSocket()
      if (provider.ws) {
        socket = provider.ws
        socket.addEventListener('message', handleMessage)
        tracker.noteConnectionOpening()
      }
    } else if (status === 'disconnected') {
      detachSocket()
    }
  }

  const handleUpdate = (_update: Uint8Array, origin: unknown): void => {
    if (isRemoteOrigin(origin)) {
      return
    }
    tracker.noteLocalUpdate()
    scheduleProbe()
  }

  provider.on('status', handleStatus)
  doc.on('update', handleUpdate)

  return () => {
    if (timer !== undefined) {
      clearTimeout(timer)
    }
    provider.off('status', handleStatus)
    doc.off('update', handleUpdate)
    detachSocket()
  }
}
