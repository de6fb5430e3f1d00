/**
 * Sync clients for integration tests: the stock y-websocket provider in Node
 * (with the session cookie), a raw ws client that speaks the protocol by
 * hand, and a reader of the relay's stored log.
 */
import Database from 'better-sqlite3'
import * as encoding from 'lib0/encoding'
import * as decoding from 'lib0/decoding'
import { join } from 'node:path'
import { afterEach } from 'vitest'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { MessageType, SyncMessageType } from '../../../shared/src/protocol/messageTypes.js'
import { until } from '../../helpers/until.js'

const providers: WebsocketProvider[] = []
const sockets: WebSocket[] = []

afterEach(() => {
  for (const provider of providers.splice(0)) {
    provider.destroy()
  }
  for (const socket of sockets.splice(0)) {
    socket.terminate()
  }
})

/** A ws class that sends the given cookie on its upgrade, for WebsocketProvider's WebSocketPolyfill. */
export function cookieWebSocket(cookie: string): new (url: string | URL, protocols?: string | string[]) => WebSocket {
  return class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers: { cookie } })
    }
  }
}

/** A stock WebsocketProvider on a new doc, synced with the relay; destroyed after the test. */
export async function connectProvider(wsUrl: string, room: string, cookie: string): Promise<{ doc: Y.Doc; provider: WebsocketProvider }> {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(wsUrl, room, doc, {
    // Providers in one process would otherwise sync through BroadcastChannel, bypassing the relay.
    disableBc: true,
    WebSocketPolyfill: cookieWebSocket(cookie) as unknown as typeof globalThis.WebSocket,
  })
  providers.push(provider)
  await until(() => provider.synced, { message: `provider of ${room} to sync` })
  return { doc, provider }
}

/** A raw protocol client: the frames it received and how it closed. */
export interface RawClient {
  socket: WebSocket
  received: Uint8Array[]
  closed: Promise<{ code: number; reason: string }>
  send(frame: Uint8Array | string): void
}

/** Opens a raw ws connection to a room; resolves once open (rejects with the HTTP status when refused). */
export async function connectRaw(wsUrl: string, room: string, cookie: string): Promise<RawClient> {
  const socket = new WebSocket(`${wsUrl}/${room}`, { headers: cookie === '' ? {} : { cookie } })
  sockets.push(socket)
  const received: Uint8Array[] = []
  socket.on('message', (data: Buffer) => received.push(new Uint8Array(data)))
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() }))
  })
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve())
    socket.once('unexpected-response', (_request, response) => reject(new UpgradeRefused(response.statusCode ?? 0)))
    socket.once('error', reject)
  })
  return { socket, received, closed, send: (frame) => socket.send(frame) }
}

/** The upgrade was answered with an HTTP status instead of 101. */
export class UpgradeRefused extends Error {
  override name = 'UpgradeRefused'
  constructor(readonly status: number) {
    super(`upgrade refused with ${status}`)
  }
}

/** A sync frame (step 1, step 2 or update) with a payload. */
export function syncFrame(type: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.Sync)
  encoding.writeVarUint(encoder, type)
  encoding.writeVarUint8Array(encoder, payload)
  return encoding.toUint8Array(encoder)
}

/** The sync sub-type and payload of a frame, or null for other message types. */
export function readSyncFrame(frame: Uint8Array): { type: number; payload: Uint8Array } | null {
  const decoder = decoding.createDecoder(frame)
  if (decoding.readVarUint(decoder) !== MessageType.Sync) {
    return null
  }
  const type = decoding.readVarUint(decoder)
  return { type, payload: decoding.readVarUint8Array(decoder) }
}

export { SyncMessageType }

/** The stored log of a room, read straight from the relay's SQLite file. */
export function storedUpdates(dataDir: string, room: string): Uint8Array[] {
  const db = new Database(join(dataDir, 'fallbuch.sqlite'), { readonly: true, fileMustExist: true })
  try {
    const rows = db.prepare('SELECT data FROM room_updates WHERE room = ? ORDER BY seq').all(room) as Array<{ data: Buffer }>
    return rows.map((row) => new Uint8Array(row.data))
  } finally {
    db.close()
  }
}

/** A doc rebuilt from a room's stored log. */
export function storedDoc(dataDir: string, room: string): Y.Doc {
  const doc = new Y.Doc()
  for (const update of storedUpdates(dataDir, room)) {
    Y.applyUpdate(doc, update)
  }
  return doc
}
