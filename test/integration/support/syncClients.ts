/**
 * Sync clients for integration tests: the stock y-websocket provider in Node
 * (with the session cookie), a raw ws client that speaks the protocol by
 * hand, a reader of the relay's stored log and of its /metrics, and a way to
 * make an external account (no API makes one yet).
 */
import Database from 'better-sqlite3'
import * as encoding from 'lib0/encoding'
import * as decoding from 'lib0/decoding'
import { join } from 'node:path'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { MessageType, SyncMessageType } from '../../../shared/src/protocol/messageTypes.js'
import { hashPassword } from '../../../server/src/auth/passwords.js'
import { newId } from '../../../server/src/ids.js'
import { createLogger } from '../../../server/src/log.js'
import { openSqliteStorage } from '../../../server/src/storage/sqlite/openSqliteStorage.js'
import { embeddedMasterKeys, openEmbeddedRoomRows, SqlEmbeddedRoomRows } from '../../helpers/atRest.js'
import { until } from '../../helpers/until.js'

const providers: WebsocketProvider[] = []
const sockets: WebSocket[] = []

/** Ends the test's providers and sockets; every test file runs it after each test (test/helpers/fileHooks.ts). */
export function closeSyncClients(): void {
  for (const provider of providers.splice(0)) {
    provider.destroy()
  }
  for (const socket of sockets.splice(0)) {
    socket.terminate()
  }
}

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

/** The stored log of a room, read straight from the relay's SQLite file and decrypted with its keystore. */
export function storedUpdates(dataDir: string, room: string): Uint8Array[] {
  const db = new Database(join(dataDir, 'fallbuch.sqlite'), { readonly: true, fileMustExist: true })
  let rows: Array<{ data: Buffer }>
  try {
    rows = db.prepare(SqlEmbeddedRoomRows).all(room, room) as Array<{ data: Buffer }>
  } finally {
    db.close()
  }
  return openEmbeddedRoomRows(dataDir, room, rows.map((row) => new Uint8Array(row.data)))
}

/** A doc rebuilt from a room's stored log. */
export function storedDoc(dataDir: string, room: string): Y.Doc {
  const doc = new Y.Doc()
  for (const update of storedUpdates(dataDir, room)) {
    Y.applyUpdate(doc, update)
  }
  return doc
}

/**
 * Sends a sync step 1 and waits for the step 2 that answers it. The relay
 * handles a connection's frames in order and answers step 1 only after the
 * earlier ones are done (committed and forwarded, or dropped), and it writes
 * to one socket in order: once this resolves, everything the relay sent this
 * client before has arrived. Resolves with the answer's payload.
 */
export async function roundTrip(client: RawClient): Promise<Uint8Array> {
  const seen = client.received.length
  client.send(syncFrame(SyncMessageType.Step1, Y.encodeStateVector(new Y.Doc())))
  return until(
    () => client.received.slice(seen).map(readSyncFrame).find((frame) => frame?.type === SyncMessageType.Step2)?.payload,
    { message: 'the sync step 2 answering a step 1' },
  )
}

/** The sync update frames (step 2 and update) a raw client received from index `from` on. */
export function receivedUpdates(client: RawClient, from = 0): Uint8Array[] {
  return client.received
    .slice(from)
    .map(readSyncFrame)
    .filter((frame) => frame?.type === SyncMessageType.Update)
    .map((frame) => (frame as { payload: Uint8Array }).payload)
}

/**
 * The room kinds tests type free text into, each with the rich-text
 * fragment its schema names (the relay refuses roots a schema does not
 * name, contract §8.2): a phase note, the plan's approach, a confidential
 * field's content.
 */
export type TextRoomKind = 'notes' | 'plan' | 'confidential'
const textFragments: Readonly<Record<TextRoomKind, string>> = { notes: 'phase:analysis', plan: 'approach', confidential: 'content' }

/**
 * The text tests type into: the first paragraph's text of the room kind's
 * fragment, created when missing (like a first keystroke in tiptap).
 */
export function freeText(doc: Y.Doc, kind: TextRoomKind = 'notes'): Y.XmlText {
  const fragment = doc.getXmlFragment(textFragments[kind])
  let paragraph = fragment.get(0)
  if (!(paragraph instanceof Y.XmlElement)) {
    paragraph = new Y.XmlElement('paragraph')
    fragment.insert(0, [paragraph])
  }
  let text = paragraph.get(0)
  if (!(text instanceof Y.XmlText)) {
    text = new Y.XmlText()
    paragraph.insert(0, [text])
  }
  return text
}

/** The plain text of the room kind's fragment (every paragraph's, in order), creating nothing. */
export function freeTextOf(doc: Y.Doc, kind: TextRoomKind = 'notes'): string {
  return doc
    .getXmlFragment(textFragments[kind])
    .toArray()
    .map((paragraph) => (paragraph instanceof Y.XmlElement ? paragraph.toArray().map((text) => (text instanceof Y.XmlText ? text.toString() : '')).join('') : ''))
    .join('')
}

/** A full-state update of a fresh doc (its own client id) whose free text (see {@link freeText}) is `text`. */
export function textUpdate(text: string, kind: TextRoomKind = 'notes'): Uint8Array {
  const doc = new Y.Doc()
  freeText(doc, kind).insert(0, text)
  return Y.encodeStateAsUpdate(doc)
}

/** The current value of one metric of the relay's GET /metrics. */
export async function metricValue(relayUrl: string, name: string): Promise<number> {
  const text = await (await fetch(`${relayUrl}/metrics`)).text()
  const line = text.split('\n').find((l) => l.startsWith(`${name} `))
  if (line === undefined) {
    throw new Error(`metric ${name} not in /metrics`)
  }
  return Number(line.slice(name.length + 1))
}

/**
 * Makes an external account straight in the relay's database (invitations,
 * the API that makes them, arrive later). The relay's own connection sees
 * it at once (SQLite WAL).
 */
export async function createExternalAccount(dataDir: string, name: string, email: string): Promise<{ id: string }> {
  const storage = await openSqliteStorage({ dataDir, synchronous: 'normal', logger: createLogger({ logLevel: 'silent' }), masterKeys: embeddedMasterKeys(dataDir) })
  try {
    const id = newId()
    const created = await storage.createUser({
      id,
      name,
      email,
      passwordHash: await hashPassword('extern-passwort-1'),
      kind: 'external',
      isAdmin: false,
      active: true,
      createdAt: new Date().toISOString(),
      isLead: false,
      staffSharePercent: 100,
      isBilling: false,
      coachRate: null,
    })
    if (!created) {
      throw new Error(`could not create external account ${email}`)
    }
    return { id }
  } finally {
    await storage.close()
  }
}

/** The HTTP status an upgrade to `room` gets with `cookie`, or 101 when it opens (the socket is closed again). */
export async function upgradeStatus(wsUrl: string, room: string, cookie: string): Promise<number> {
  try {
    const raw = await connectRaw(wsUrl, room, cookie)
    raw.socket.close()
    return 101
  } catch (err) {
    if (err instanceof UpgradeRefused) {
      return err.status
    }
    throw err
  }
}

/** Appends a paragraph with `text` to a rich-text fragment (tiptap's document shape). */
export function appendParagraph(fragment: Y.XmlFragment, text: string): void {
  const paragraph = new Y.XmlElement('paragraph')
  paragraph.insert(0, [new Y.XmlText(text)])
  fragment.insert(fragment.length, [paragraph])
}
