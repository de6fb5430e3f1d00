/**
 * The y-websocket protocol as far as the benchmark needs it, on raw `ws`
 * sockets: sync step 1 / step 2 / update frames, a decoder that pulls the
 * writer's timestamps out of an update without a Y.Doc, and a writer that
 * owns a Y.Doc and sends each change as one update frame.
 *
 * Hocuspocus speaks the same sync messages inside its own envelope: every
 * frame starts with the document name, the client authenticates per
 * document first (an empty token: the bench server has no onAuthenticate
 * hook), and answers come as Sync or SyncReply. A room target with a
 * `docName` switches to that envelope (see {@link framingFor}).
 *
 * A room target is `{ url, room, cookie?, docName? }` (relays.mjs newRoom()).
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { performance } from 'node:perf_hooks'
import WebSocket from 'ws'
import * as Y from 'yjs'

export const MessageSync = 0
export const SyncStep1 = 0
export const SyncStep2 = 1
export const SyncUpdate = 2

/** Wall-clock milliseconds with sub-millisecond resolution (comparable across processes on one machine). */
export function nowMs() {
  return performance.timeOrigin + performance.now()
}

/** A sync step 1 frame carrying a state vector. */
export function encodeSyncStep1(stateVector) {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageSync)
  encoding.writeVarUint(encoder, SyncStep1)
  encoding.writeVarUint8Array(encoder, stateVector)
  return encoding.toUint8Array(encoder)
}

/** Sync step 1 of a client that has nothing yet (empty state vector). */
export const EmptySyncStep1 = encodeSyncStep1(Y.encodeStateVector(new Y.Doc()))

/** A sync update frame. */
export function encodeSyncUpdate(update) {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageSync)
  encoding.writeVarUint(encoder, SyncUpdate)
  encoding.writeVarUint8Array(encoder, update)
  return encoding.toUint8Array(encoder)
}

/**
 * Splits a frame into `{ type, syncType, payload }`; `syncType` and
 * `payload` only for sync frames (type 0). Awareness and others come back
 * with just their type.
 */
export function decodeFrame(data) {
  const decoder = decoding.createDecoder(data)
  const type = decoding.readVarUint(decoder)
  if (type !== MessageSync) {
    return { type, syncType: -1, payload: null }
  }
  const syncType = decoding.readVarUint(decoder)
  const payload = decoding.readVarUint8Array(decoder)
  return { type, syncType, payload }
}

/**
 * The `"<seq>:<sentAtMs>"` stamps in an update, found in its bytes without
 * decoding it (a stamp is a plain string in the update's content; the bytes
 * around it are never ASCII digits), so the load generator's readers keep
 * up with high rates.
 */
export function stampsInUpdate(update) {
  const text = Buffer.from(update.buffer, update.byteOffset, update.byteLength).toString('latin1')
  const stamps = []
  for (const match of text.matchAll(/(\d+):(\d+\.\d{3})/g)) {
    stamps.push({ seq: Number(match[1]), sentAt: Number(match[2]) })
  }
  return stamps
}

/** Hocuspocus message types (its `MessageType`) the bench uses. */
const HocuspocusSync = 0
const HocuspocusAuth = 2
const HocuspocusSyncReply = 4
/** Hocuspocus `AuthMessageType.Token`. */
const HocuspocusAuthToken = 0

/**
 * How frames travel to a room: plain y-websocket frames, or each wrapped in
 * Hocuspocus's envelope. `wrap(frame)` makes an outgoing frame, `unwrap(data)`
 * returns the inner y-websocket frame of an incoming one (null for
 * Hocuspocus's own messages such as auth and sync status), `hello` are the
 * frames to send right after the socket opens.
 */
export function framingFor(target) {
  const docName = target.docName
  if (docName === undefined) {
    return { wrap: (frame) => frame, unwrap: (data) => data, hello: [] }
  }
  const prefix = (() => {
    const encoder = encoding.createEncoder()
    encoding.writeVarString(encoder, docName)
    return encoding.toUint8Array(encoder)
  })()
  const auth = (() => {
    const encoder = encoding.createEncoder()
    encoding.writeVarString(encoder, docName)
    encoding.writeVarUint(encoder, HocuspocusAuth)
    encoding.writeVarUint(encoder, HocuspocusAuthToken)
    encoding.writeVarString(encoder, '')
    return encoding.toUint8Array(encoder)
  })()
  return {
    wrap(frame) {
      const out = new Uint8Array(prefix.length + frame.length)
      out.set(prefix, 0)
      out.set(frame, prefix.length)
      return out
    },
    unwrap(data) {
      const decoder = decoding.createDecoder(data)
      decoding.readVarString(decoder)
      const type = decoding.readVarUint(decoder)
      if (type !== HocuspocusSync && type !== HocuspocusSyncReply) {
        return null
      }
      // The rest is a y-websocket sync message without its leading type.
      const rest = data.subarray(decoder.pos)
      const out = new Uint8Array(rest.length + 1)
      out[0] = MessageSync
      out.set(rest, 1)
      return out
    },
    hello: [auth],
  }
}

/**
 * Opens a raw socket to `url` (cookie in the upgrade's Cookie header when
 * given). Resolves with the socket once open; rejects on an HTTP refusal,
 * an error or after `timeoutMs`.
 */
export function openSocket(target, { timeoutMs = 15_000, onMessage } = {}) {
  const { url, cookie } = target
  return new Promise((resolve, reject) => {
    const headers = cookie ? { cookie } : {}
    const ws = new WebSocket(url, { headers, perMessageDeflate: false })
    const timer = setTimeout(() => {
      ws.terminate()
      reject(new Error(`no WebSocket open within ${timeoutMs} ms: ${url}`))
    }, timeoutMs)
    if (onMessage) {
      ws.on('message', onMessage)
    }
    ws.once('unexpected-response', (_request, response) => {
      clearTimeout(timer)
      ws.terminate()
      reject(new Error(`upgrade refused with HTTP ${response.statusCode}: ${url}`))
    })
    ws.once('error', (err) => {
      clearTimeout(timer)
      reject(err)
    })
    ws.once('open', () => {
      clearTimeout(timer)
      // Later errors are counted by the caller through 'close'.
      ws.on('error', () => {})
      resolve(ws)
    })
  })
}

/**
 * A reader: a raw socket that sends sync step 1 on open, answers nothing
 * else, and hands every sync update (and step 2) payload to `onUpdate`.
 * `synced` resolves when the relay's sync step 2 arrives.
 */
export async function openReader(target, { onUpdate, timeoutMs } = {}) {
  const framing = framingFor(target)
  let markSynced
  const synced = new Promise((resolve) => {
    markSynced = resolve
  })
  /** `step2`: the payload of the first sync step 2 (the room's state when the reader joined). */
  const reader = { ws: null, synced, step2: null, closedUnexpectedly: false, closing: false }
  const ws = await openSocket(target, {
    timeoutMs,
    onMessage: (data) => {
      const at = nowMs()
      const inner = framing.unwrap(data)
      if (inner === null) {
        return
      }
      const frame = decodeFrame(inner)
      if (frame.type !== MessageSync) {
        return
      }
      if (frame.syncType === SyncStep2) {
        if (reader.step2 === null) {
          reader.step2 = frame.payload
          markSynced(at)
        }
        onUpdate?.(frame.payload, at)
      } else if (frame.syncType === SyncUpdate) {
        onUpdate?.(frame.payload, at)
      }
    },
  })
  reader.ws = ws
  ws.on('close', () => {
    if (!reader.closing) {
      reader.closedUnexpectedly = true
    }
  })
  for (const hello of framing.hello) {
    ws.send(hello)
  }
  ws.send(framing.wrap(EmptySyncStep1))
  return reader
}

/** Closes readers/writers politely and waits (bounded) until their sockets are closed. */
export async function closeAll(clients, timeoutMs = 5_000) {
  await Promise.all(
    clients.map(
      (client) =>
        new Promise((resolve) => {
          const ws = client.ws
          client.closing = true
          if (!ws || ws.readyState === WebSocket.CLOSED) {
            resolve()
            return
          }
          const timer = setTimeout(() => {
            ws.terminate()
            resolve()
          }, timeoutMs)
          ws.once('close', () => {
            clearTimeout(timer)
            resolve()
          })
          ws.close(1000)
        }),
    ),
  )
}

/**
 * A writer: a Y.Doc whose local changes go out as one update frame each.
 * Syncs first (resolves once the relay's step 2 arrived and is applied).
 */
export async function openWriter(target, { timeoutMs } = {}) {
  const framing = framingFor(target)
  const doc = new Y.Doc()
  // Typing into a phase note: Fallbuch refuses roots a room's schema does
  // not name (contract §8.2), and a note is what people type into.
  const note = doc.getXmlFragment('phase:analysis')
  let text = null
  let markSynced
  const synced = new Promise((resolve) => {
    markSynced = resolve
  })
  /** Callbacks waiting for the answer to a later sync step 1. */
  const stepTwoWaiters = []
  let firstStepTwo = true
  /** `held`: an array while local changes are held back instead of sent (the caller sends them, e.g. merged). */
  const writer = { ws: null, doc, held: null, closing: false, closedUnexpectedly: false }
  const ws = await openSocket(target, {
    timeoutMs,
    onMessage: (data) => {
      const inner = framing.unwrap(data)
      if (inner === null) {
        return
      }
      const frame = decodeFrame(inner)
      if (frame.type !== MessageSync) {
        return
      }
      if (frame.syncType === SyncStep2) {
        Y.applyUpdate(doc, frame.payload, 'relay')
        if (firstStepTwo) {
          firstStepTwo = false
          markSynced()
        } else {
          stepTwoWaiters.shift()?.resolve()
        }
      }
      // Echoes (the reference relay sends a writer its own updates back) and
      // the relay's step 1 need no answer here.
    },
  })
  writer.ws = ws
  /** Why the relay closed the socket (code and reason), once it did. */
  let closedBecause = null
  ws.on('close', (code, reason) => {
    closedBecause = `${code}${reason.length > 0 ? ` ${reason.toString()}` : ''}`
    if (!writer.closing) {
      writer.closedUnexpectedly = true
    }
    // A closed socket never answers: fail whoever waits for an answer
    // (a relay that refuses an update closes with 4400).
    for (const waiter of stepTwoWaiters.splice(0)) {
      waiter.reject(new Error(`the relay closed the writer's socket (${closedBecause}): ${target.room}`))
    }
  })
  doc.on('update', (update, origin) => {
    if (origin !== 'relay' && writer.held !== null) {
      writer.held.push(update)
    } else if (origin !== 'relay' && ws.readyState === WebSocket.OPEN) {
      ws.send(framing.wrap(encodeSyncUpdate(update)))
    }
  })
  for (const hello of framing.hello) {
    ws.send(hello)
  }
  ws.send(framing.wrap(EmptySyncStep1))
  await synced
  /** Appends one string to the note's paragraph (one transaction, one update frame; the first also makes the paragraph). */
  writer.push = (value) =>
    doc.transact(() => {
      if (text === null) {
        const paragraph = new Y.XmlElement('paragraph')
        note.insert(note.length, [paragraph])
        text = new Y.XmlText()
        paragraph.insert(0, [text])
      }
      text.insert(text.length, value)
    })
  /**
   * Sends sync step 1 and resolves when its step 2 arrives: both relays
   * handle a connection's frames in order, so everything sent before has
   * been handled by then (Fallbuch: committed). Rejects when the socket
   * closes first (e.g. the relay refused an update) or after `timeoutMs`.
   */
  writer.roundTrip = (roundTripTimeoutMs = RoundTripTimeoutMs) =>
    new Promise((resolve, reject) => {
      if (ws.readyState !== WebSocket.OPEN) {
        reject(new Error(`the writer's socket is closed (${closedBecause ?? 'closing'}): ${target.room}`))
        return
      }
      const waiter = {
        resolve: () => {
          clearTimeout(timer)
          resolve()
        },
        reject: (err) => {
          clearTimeout(timer)
          reject(err)
        },
      }
      const timer = setTimeout(() => {
        // Stays queued (step 2s answer in order); a late answer settles nothing.
        waiter.resolve = () => {}
        waiter.reject = () => {}
        reject(new Error(`no answer to sync step 1 within ${roundTripTimeoutMs} ms: ${target.room}`))
      }, roundTripTimeoutMs)
      stepTwoWaiters.push(waiter)
      ws.send(framing.wrap(encodeSyncStep1(Y.encodeStateVector(doc))))
    })
  return writer
}

/** How long a writer's round trip may take before it counts as failed (a cold open of a large log takes seconds). */
const RoundTripTimeoutMs = 120_000

/** Runs `task(i)` for i in [0, count) with at most `limit` in flight. */
export async function inBatches(count, limit, task) {
  const results = new Array(count)
  let next = 0
  async function worker() {
    while (next < count) {
      const i = next
      next += 1
      results[i] = await task(i)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, count) }, worker))
  return results
}
